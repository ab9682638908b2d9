import type { ItaResultsDef } from '../plan/plan.types';
import { gradeBands, gradeContradictions, gradedScores } from './ita-grades';

const results = (items: ItaResultsDef['items'], overall: ItaResultsDef['overall'] = []): ItaResultsDef => ({
  assessmentYear: 2564,
  overall,
  indicators: [],
  items,
});

describe(gradeContradictions.name, () => {
  it('pairs a higher score with a strictly lower grade, and nothing else', () => {
    const sut = gradeContradictions(
      gradedScores(
        results([
          { code: 'I1', indicator: 1, text: 'a', score: 85.93, grade: 'B' },
          { code: 'I2', indicator: 1, text: 'b', score: 84.02, grade: 'A' },
          { code: 'I3', indicator: 1, text: 'c', score: 90, grade: 'A' }, // above both: A above B is fine
          { code: 'I4', indicator: 1, text: 'd', score: 84.02, grade: 'B' }, // same score, other grade: not listed
        ]),
      ),
    );
    expect(
      sut.map((c) => `${c.higher.source.code} ${c.higher.grade} > ${c.lower.source.code} ${c.lower.grade}`),
    ).toEqual(['I1 B > I2 A']);
  });

  it('compares sub-items and the overall score on the same year’s scale, never across years', () => {
    const scores = gradedScores(
      results(
        [{ code: 'I1', indicator: 1, text: 'a', subItems: [{ text: 'x', score: 93.4, grade: 'A' }] }],
        [
          { year: 2563, score: 92.55, grade: 'AA' },
          { year: 2564, score: 92.55, grade: 'AA' },
        ],
      ),
    );
    const sut = gradeContradictions(scores);
    expect(sut).toHaveLength(1);
    expect(sut[0]).toMatchObject({
      year: 2564,
      higher: { score: 93.4, grade: 'A', source: { kind: 'sub-item', code: 'I1', subItem: 1, text: 'x' } },
      lower: { score: 92.55, grade: 'AA', source: { kind: 'overall' } },
    });
  });

  it('ignores scores printed without a grade', () => {
    expect(gradedScores(results([{ code: 'I1', indicator: 1, text: 'a', score: 80 }]))).toEqual([]);
  });
});

describe(gradeBands.name, () => {
  it('gives each grade’s lowest and highest score, best grade first', () => {
    const sut = gradeBands(
      gradedScores(
        results([
          { code: 'I1', indicator: 1, text: 'a', score: 81.8, grade: 'B' },
          { code: 'I2', indicator: 1, text: 'b', score: 84.02, grade: 'A' },
          { code: 'I3', indicator: 1, text: 'c', score: 90, grade: 'A' },
        ]),
      ),
    );
    expect(sut).toEqual([
      { year: 2564, grade: 'A', min: 84.02, max: 90, count: 2 },
      { year: 2564, grade: 'B', min: 81.8, max: 81.8, count: 1 },
    ]);
  });
});
