import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PlanDef } from '../plan/plan.types';
import { analyseIta } from './ita-analysis';
import type { ItaAnalysis, ItaClass } from './ita-analysis.types';

const SEED = path.resolve(__dirname, '../../../../data/plans/tceb-fy2565.plan.json');
const seedPlan = (): PlanDef => JSON.parse(fs.readFileSync(SEED, 'utf8'));

/** A group as "indicator: codes", with "(sub n)" where only sub-item n puts the item there. */
function listed(a: ItaAnalysis, tool: 'IIT' | 'EIT', c: ItaClass, ownScoreOnly = false): string[] {
  const group = a.groups.find((g) => g.tool === tool && g.class === c)!;
  return group.indicators
    .map(
      (ind) =>
        `${ind.indicator}: ` +
        ind.items
          .filter((i) => !ownScoreOnly || i.viaSubItems.length === 0)
          .map((i) => i.code + (i.viaSubItems.length ? ` (sub ${i.viaSubItems.join(',')})` : ''))
          .join(' '),
    )
    .filter((line) => !line.endsWith(': '));
}

describe(analyseIta.name, () => {
  const sut = analyseIta(seedPlan());

  describe('reproduces the seed’s own groupings', () => {
    // The seed's summary lists (before 1.1 and 2.1) and its sections 1.1–1.3, 2.1–2.3, transcribed from
    // seed/000_3d9b9266c5ebb4d8.txt. OCR's "14 15 16", "19 110 111", "17", "114" are I4 I5 I6, I9 I10 I11, I7, I14.
    it('1.1 / 2.1 strengths (above 92.00)', () => {
      expect(listed(sut, 'IIT', 'strength')).toEqual([
        '1: I4 I5 I6',
        '2: I9 I10 I11',
        '3: I16 I17 I18',
        '4: I19 I22 I23',
        '5: I25 I26 I27 I28 I29 I30',
      ]);
      expect(listed(sut, 'EIT', 'strength')).toEqual(['6: E4 E5', '7: E8 E10', '8: E13']);
    });

    it('1.2 / 2.2 to improve (85.00–92.00), with I11 listed through its sub-item 2 as in the summary list', () => {
      // "ตัวชี้วัดที่ 2 การใช้งบประมาณ ได้แก่ ข้อ I8 I11 ประเด็นย่อยที่ 2 I12"
      expect(listed(sut, 'IIT', 'improve')).toEqual([
        '1: I1 I2 I3',
        '2: I8 I11 (sub 2) I12',
        '3: I13 I15',
        '4: I20 I21 I24',
      ]);
      // Section 1.2 itself details the items by their own score: I11 is not among them.
      expect(listed(sut, 'IIT', 'improve', true)).toEqual(['1: I1 I2 I3', '2: I8 I12', '3: I13 I15', '4: I20 I21 I24']);
      expect(listed(sut, 'EIT', 'improve')).toEqual(['6: E1 E2 E3', '7: E7 E9', '8: E11 E15']);
    });

    it('1.3 / 2.3 urgent (below 85.00)', () => {
      expect(listed(sut, 'IIT', 'urgent')).toEqual(['2: I7', '3: I14']);
      expect(listed(sut, 'EIT', 'urgent')).toEqual(['7: E6', '8: E12 E14']);
    });

    it('says of I11 that its sub-item 91.68 is to improve although the item, 92.11, is a strength', () => {
      const i11 = sut.items.find((i) => i.code === 'I11')!;
      expect(i11).toMatchObject({ score: 92.11, class: 'strength', worstClass: 'improve', flaggedSubItems: [2] });
      expect(i11.subItems.map((s) => [s.score, s.class, s.flagged])).toEqual([
        [92.55, 'strength', false],
        [91.68, 'improve', true],
      ]);
      expect(i11.listedIn).toEqual(['improve', 'strength']);
    });
  });

  it('finds E6 (urgent), I15, I20 and I21 needing a measure and having none', () => {
    expect(sut.uncovered.map((u) => `${u.code} ${u.class} ${u.score}`)).toEqual([
      'E6 urgent 84.02',
      'I15 improve 85.1',
      'I20 improve 86.73',
      'I21 improve 90.08',
    ]);
  });

  it('names the measures covering each item, and the items only the reconstructed fragment covers', () => {
    const by = (code: string) => sut.items.find((i) => i.code === code)!;
    expect(by('I8').measures).toEqual(['M05-I8-I12']);
    expect(by('I11').measures).toEqual(['M06-I11']);
    expect(by('E12').measures).toEqual(['M09-E11-E12-E14']);
    expect(by('I4').measures).toEqual([]);
    expect(sut.items.filter((i) => i.coveredOnlyByIncomplete).map((i) => i.code)).toEqual(['E3', 'E7', 'E9']);
    expect(
      sut.items
        .filter((i) => i.needsMeasure)
        .every((i) => i.measures.length > 0 || sut.uncovered.some((u) => u.code === i.code)),
    ).toBe(true);
  });

  it('lists the seed’s departures from its own rules', () => {
    expect(sut.departures.measurePriority).toEqual([
      { measure: 'M09-E11-E12-E14', priority: 'urgent', item: 'E11', score: 86.25, itemClasses: ['improve'] },
    ]);
    expect(sut.departures.itemsInSeveralClasses).toEqual([
      {
        code: 'I11',
        score: 92.11,
        class: 'strength',
        listedIn: ['improve', 'strength'],
        subItems: [{ number: 2, text: 'เอื้อประโยชน์ให้ผู้ประกอบการรายใดรายหนึ่ง', score: 91.68, class: 'improve' }],
      },
    ]);
    // M06-I11 quotes the sub-item's 91.68, not the item's 92.11: a sub-item's score is a fair reference.
    expect(sut.departures.measureReferences).toEqual([]);
  });

  it('lists the grade contradictions: 85.93 B against 84.02 A, 93.40 A against 92.55 AA', () => {
    const pairs = sut.gradeContradictions.map(
      (c) => `${c.higher.score.toFixed(2)} ${c.higher.grade} > ${c.lower.score.toFixed(2)} ${c.lower.grade}`,
    );
    expect(pairs).toContain('85.93 B > 84.02 A');
    expect(pairs).toContain('93.40 A > 92.55 AA');
    const b = sut.gradeContradictions.find((c) => c.higher.score === 85.93 && c.lower.score === 84.02)!;
    expect(b.higher.source).toMatchObject({ kind: 'sub-item', code: 'I3', subItem: 3 });
    expect(b.lower.source).toMatchObject({ kind: 'item', code: 'E6' });
    const aa = sut.gradeContradictions.find((c) => c.higher.score === 93.4 && c.lower.score === 92.55)!;
    expect(aa.higher.source).toMatchObject({ kind: 'sub-item', code: 'I18', subItem: 1 });
    expect(aa.lower.source).toMatchObject({ kind: 'sub-item', code: 'I11', subItem: 1 });
    // Every pair obeys the rule: a strictly higher score with a strictly lower grade, in the same year.
    const rank = ['AA', 'A', 'B', 'C', 'D', 'E', 'F'];
    for (const c of sut.gradeContradictions) {
      expect(c.higher.year).toBe(c.lower.year);
      expect(c.higher.score).toBeGreaterThan(c.lower.score);
      expect(rank.indexOf(c.higher.grade)).toBeGreaterThan(rank.indexOf(c.lower.grade));
    }
    // The printed bands overlap accordingly: A runs from 83.27 to 94.23, AA starts at 92.53.
    expect(sut.gradeBands.map((g) => `${g.grade} ${g.min}–${g.max}`)).toEqual([
      'AA 92.53–100',
      'A 83.27–94.23',
      'B 81.37–85.93',
      'C 84.25–84.25',
    ]);
  });

  it('gives the change from the previous year for each indicator and overall, and null for items', () => {
    expect(sut.overall).toMatchObject({
      year: 2564,
      score: 95.01,
      previousYear: 2563,
      previousScore: 93.75,
      change: 1.26,
    });
    expect(sut.indicators.map((i) => [i.number, i.change])).toEqual([
      [1, -0.51],
      [2, -0.61],
      [3, -0.76],
      [4, -1.81],
      [5, 1.81],
      [6, 2.13],
      [7, 7.09],
      [8, 4.51],
      [9, 0],
      [10, 0],
    ]);
    // The plan holds one year of item scores: no previous score, no change.
    expect(sut.items.every((i) => i.previousScore === null && i.change === null)).toBe(true);
  });

  it('takes items’ previous scores from last year’s results when given', () => {
    const plan = seedPlan();
    const previous = { ...plan.ita!, assessmentYear: 2563, items: [{ ...plan.ita!.items[0], score: 88.5 }] };
    const a = analyseIta(plan, { previous });
    expect(a.items[0]).toMatchObject({ code: 'I1', score: 90.91, previousScore: 88.5, change: 2.41 });
    expect(a.items[1]).toMatchObject({ code: 'I2', previousScore: null, change: null });
  });

  it('uses the default thresholds unless the organization sets its own', () => {
    expect(sut).toMatchObject({ thresholds: { urgentBelow: 85, strengthAbove: 92 }, thresholdsSource: 'default' });
    const plan = seedPlan();
    plan.organization.settings = { itaThresholds: { urgentBelow: 90, strengthAbove: 95 } };
    const a = analyseIta(plan);
    expect(a.thresholdsSource).toBe('organization');
    const classOf = (code: string) => a.items.find((i) => i.code === code)!.class;
    expect([classOf('I1'), classOf('I2'), classOf('I30'), classOf('I25')]).toEqual([
      'improve', // 90.91
      'urgent', // 89.23
      'improve', // 94.01
      'strength', // 95.88
    ]);
    expect(a.uncovered.map((u) => u.code)).toContain('I30');
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(sut))).toEqual(sut);
  });

  it('refuses a plan without ITA results, naming the field', () => {
    const plan = seedPlan();
    delete plan.ita;
    expect(() => analyseIta(plan)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', problems: [{ path: 'ita', message: 'is absent' }] }),
    );
  });
});
