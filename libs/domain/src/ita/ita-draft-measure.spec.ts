import * as fs from 'node:fs';
import * as path from 'node:path';
import { DomainError } from '../domain-error';
import type { PlanDef } from '../plan/plan.types';
import { validatePlan } from '../plan/plan.validator';
import { analyseDraft, draftMeasureFromItems, nextMeasureCode } from './ita-draft-measure';

const SEED = path.resolve(__dirname, '../../../../data/plans/tceb-fy2565.plan.json');
const seedPlan = (): PlanDef => JSON.parse(fs.readFileSync(SEED, 'utf8'));
const problemsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('did not throw');
};

describe(draftMeasureFromItems.name, () => {
  it("drafts the seed's missing E6 measure: the item's score and grade, a title finished by its sub-items, urgent, indicator 7, external, no steps", () => {
    const sut = draftMeasureFromItems(seedPlan(), { items: ['E6'] });
    expect(sut).toEqual({
      code: 'M13-E6',
      stakeholderGroup: 'external',
      priority: 'urgent',
      indicator: 7,
      title: 'การเผยแพร่ข้อมูลของหน่วยงาน มีลักษณะ เข้าถึงง่าย ไม่ซับซ้อน, มีช่องทางหลากหลาย',
      items: [{ code: 'E6', score: 84.02, grade: 'A' }],
      steps: [],
      responsibleUnits: [],
      monitoringGuidelines: [],
      reporting: [
        {
          cadence: 'semiannual',
          recipient: 'director-or-delegate',
          text: 'รายงานผลการดำเนินงานต่อผู้อำนวยการ หรือผู้ที่ผู้อำนวยการมอบหมาย ทุก ๆ 6 เดือน',
        },
      ],
      incomplete: true,
      notes: ['ร่างจากผลการประเมิน ITA 2564: E6 (84.02, ต้องแก้ไขเร่งด่วน)'],
    });
  });

  it('quotes the flagged sub-item that puts a strength in a measure, and names it in the title (the seed’s I11)', () => {
    const sut = draftMeasureFromItems(seedPlan(), { items: ['I11'], code: 'X-I11' });
    expect(sut.items).toEqual([{ code: 'I11', score: 91.68, grade: 'A' }]);
    expect(sut.priority).toBe('improve');
    expect(sut.title).toBe(
      'มีการจัดซื้อจัดจ้าง/การจัดหาพัสดุและการตรวจรับพัสดุ และการตรวจรับพัสดุในลักษณะ เอื้อประโยชน์ให้ผู้ประกอบการรายใดรายหนึ่ง',
    );
  });

  it('groups several items of one stakeholder group, urgent when any is, titles joined as the seed joins them', () => {
    const sut = draftMeasureFromItems(seedPlan(), { items: ['I15', 'I20'] });
    expect(sut.code).toBe('M13-I15-I20');
    expect(sut.items.map((i) => i.code)).toEqual(['I15', 'I20']);
    expect(sut.title.split('; ')).toHaveLength(2);
    expect(sut.stakeholderGroup).toBe('internal');
  });

  it('is, once given steps, units and guidelines, a measure the plan validator accepts', () => {
    const plan = seedPlan();
    const measure = draftMeasureFromItems(plan, { items: ['E6'] });
    plan.measures.push({
      ...measure,
      steps: [{ number: 1, text: 'ปรับปรุงหน้าเว็บไซต์ให้เข้าถึงง่าย', quarters: [1, 2] }],
      responsibleUnits: ['CORP_COMMS'],
      monitoringGuidelines: [{ number: 1, text: 'หน้าเว็บไซต์ที่ปรับปรุงแล้ว' }],
      incomplete: false,
    });
    expect(validatePlan(plan)).toMatchObject({ ok: true });
  });

  it('refuses unknown and repeated items, mixed stakeholder groups and a code in use, naming each', () => {
    expect(problemsOf(() => draftMeasureFromItems(seedPlan(), { items: ['E6', 'E99', 'E6'] }))).toEqual([
      'items[1]: "E99" is not an item of the draft\'s ITA results',
      'items[2]: repeats "E6"',
    ]);
    expect(problemsOf(() => draftMeasureFromItems(seedPlan(), { items: ['E6', 'I15'], code: 'M01-I7' }))).toEqual([
      'items: mixes internal (IIT) and external (EIT) items: a measure answers one stakeholder group',
      'code: the draft already has a measure "M01-I7"',
    ]);
    expect(problemsOf(() => draftMeasureFromItems(seedPlan(), { items: [] }))).toEqual([
      'items: must name at least one ITA item',
    ]);
  });

  it('needs ITA results in the draft', () => {
    const plan = seedPlan();
    delete plan.ita;
    expect(problemsOf(() => draftMeasureFromItems(plan, { items: ['E6'] }))).toEqual([
      'ita: is absent: add the ITA results the plan answers',
    ]);
  });
});

describe(analyseDraft.name, () => {
  it('shows which measure covers each item, the drafted one included, and E6 no longer uncovered', () => {
    const plan = seedPlan();
    expect(analyseDraft(plan).uncovered.map((u) => u.code)).toEqual(['E6', 'I15', 'I20', 'I21']);
    plan.measures.push(draftMeasureFromItems(plan, { items: ['E6'] }));
    const sut = analyseDraft(plan);
    expect(sut.items.find((i) => i.code === 'E6')?.measures).toEqual(['M13-E6']);
    expect(sut.items.find((i) => i.code === 'I7')?.measures).toEqual(['M01-I7']);
    expect(sut.uncovered.map((u) => u.code)).toEqual(['I15', 'I20', 'I21']);
  });

  it('takes a half-written measure as it is (no items yet) rather than failing', () => {
    const plan = seedPlan();
    plan.measures.push({ code: 'M99', items: undefined } as never);
    expect(analyseDraft(plan).items.find((i) => i.code === 'E6')?.measures).toEqual([]);
  });
});

describe(nextMeasureCode.name, () => {
  it('numbers after the highest Mnn and fits the code pattern', () => {
    expect(nextMeasureCode({ measures: [] }, ['E6'])).toBe('M01-E6');
    expect(nextMeasureCode({ measures: [{ code: 'M09-E1' }, { code: 'FRAG-X' }] as never }, ['I1', 'I2'])).toBe(
      'M10-I1-I2',
    );
    expect(nextMeasureCode({ measures: [] }, Array(20).fill('I10')).length).toBeLessThanOrEqual(32);
  });
});
