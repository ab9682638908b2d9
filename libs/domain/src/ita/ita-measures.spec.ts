import type { ItaResultsDef, MeasureDef, PlanDef } from '../plan/plan.types';
import { analyseIta } from './ita-analysis';

const ita: ItaResultsDef = {
  assessmentYear: 2568,
  overall: [{ year: 2568, score: 90 }],
  indicators: [
    { number: 1, name: 'การปฏิบัติหน้าที่', tool: 'IIT', scores: [{ year: 2568, score: 90 }] },
    { number: 6, name: 'คุณภาพการดำเนินงาน', tool: 'EIT', scores: [{ year: 2568, score: 90 }] },
  ],
  items: [
    { code: 'I1', indicator: 1, text: 'หนึ่ง', score: 95, subItems: [{ text: 'ก', score: 97 }] },
    // A strength with an urgent sub-item: listed in both, and a measure must answer the urgent one.
    {
      code: 'I2',
      indicator: 1,
      text: 'สอง',
      score: 93,
      subItems: [
        { text: 'ก', score: 99 },
        { text: 'ข', score: 80 },
      ],
    },
    { code: 'I3', indicator: 1, text: 'สาม', score: 88 },
    { code: 'E1', indicator: 6, text: 'หนึ่ง', score: 70 },
    { code: 'E2', indicator: 6, text: 'สอง' },
  ],
};
const measure = (code: string, priority: 'urgent' | 'improve', items: MeasureDef['items']): MeasureDef => ({
  code,
  stakeholderGroup: 'internal',
  priority,
  indicator: 1,
  title: code,
  items,
  steps: [{ number: 1, text: 'ทำ', quarters: [1] }],
  responsibleUnits: ['ALL'],
  monitoringGuidelines: [],
  reporting: [{ cadence: 'semiannual', recipient: 'director-or-delegate' }],
});
const plan = (measures: MeasureDef[]): PlanDef => ({
  schemaVersion: 1,
  organization: { code: 'TEST', name: 'ทดสอบ' },
  fiscalYear: 2569,
  units: [{ code: 'U', name: 'หน่วย' }],
  oversight: { title: 'ผู้อำนวยการ' },
  ita,
  measures,
});

describe('ITA items against the measures', () => {
  it('flags a sub-item under its item’s class and lists the item where the sub-item needs it', () => {
    const sut = analyseIta(plan([measure('M1', 'improve', [{ code: 'I3' }])]));
    const i2 = sut.items.find((i) => i.code === 'I2')!;
    expect(i2).toMatchObject({ class: 'strength', worstClass: 'urgent', listedIn: ['urgent', 'strength'] });
    expect(i2.flaggedSubItems).toEqual([2]);
    expect(sut.uncovered).toEqual([
      { code: 'I2', indicator: 1, tool: 'IIT', class: 'urgent', score: 93, viaSubItems: [2] },
      { code: 'E1', indicator: 6, tool: 'EIT', class: 'urgent', score: 70, viaSubItems: [] },
    ]);
    // An item without a score has no class and needs nothing the analysis can tell.
    expect(sut.items.find((i) => i.code === 'E2')).toMatchObject({ class: null, needsMeasure: false, listedIn: [] });
  });

  it('reports a measure grouping a strength, or an urgent item under "improve"', () => {
    const sut = analyseIta(
      plan([
        measure('M1', 'improve', [{ code: 'I1' }, { code: 'E1' }]),
        measure('M2', 'urgent', [{ code: 'I2' }]), // through its urgent sub-item: no departure
      ]),
    );
    expect(sut.departures.measurePriority.map((d) => `${d.measure} ${d.item} ${d.itemClasses}`)).toEqual([
      'M1 I1 strength',
      'M1 E1 urgent',
    ]);
  });

  it('reports measure references the results do not bear out', () => {
    const sut = analyseIta(
      plan([
        measure('M1', 'improve', [{ code: 'I3', score: 87 }]),
        measure('M2', 'urgent', [{ code: 'I2', score: 80 }]), // the sub-item's score: fine
        measure('M3', 'urgent', [{ code: 'E9', score: 70 }]),
      ]),
    );
    expect(sut.departures.measureReferences).toEqual([
      { measure: 'M1', item: 'I3', problem: 'score-differs', score: 87, resultScore: 88 },
      { measure: 'M3', item: 'E9', problem: 'no-result', score: 70, resultScore: null },
    ]);
  });

  it('lists every measure covering an item, and whether only incomplete ones do', () => {
    const sut = analyseIta(
      plan([
        measure('M1', 'improve', [{ code: 'I3' }]),
        { ...measure('FRAG', 'improve', [{ code: 'I3' }, { code: 'E1' }]), incomplete: true },
      ]),
    );
    expect(sut.items.find((i) => i.code === 'I3')).toMatchObject({
      measures: ['M1', 'FRAG'],
      coveredOnlyByIncomplete: false,
    });
    expect(sut.items.find((i) => i.code === 'E1')).toMatchObject({ measures: ['FRAG'], coveredOnlyByIncomplete: true });
  });
});
