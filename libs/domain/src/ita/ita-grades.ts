/**
 * Printed grades against each other. The seed's grades do not follow one band per grade (85.93
 * is B while 84.02 is A), so grades are never used to classify; this finds where they disagree.
 *
 * Rule: within one year, every graded score (overall, indicators, items, sub-items) is on one
 * scale. Two of them contradict each other when one has the strictly higher score and the
 * strictly lower grade. Equal scores with different grades are not listed: rounding to two
 * decimals can hide the difference the grade was given on.
 */
import { GRADES, Grade, ItaResultsDef } from '../plan/plan.types';
import type { GradeBand, GradeContradiction, GradedScore } from './ita-analysis.types';

const gradeRank = (g: Grade): number => GRADES.indexOf(g);

/** Every graded score of the results, in the plan's order (overall, indicators, items with their sub-items). */
export function gradedScores(ita: ItaResultsDef): GradedScore[] {
  const out: GradedScore[] = [];
  for (const s of ita.overall)
    if (s.grade) out.push({ year: s.year, score: s.score, grade: s.grade, source: { kind: 'overall' } });
  for (const ind of ita.indicators)
    for (const s of ind.scores)
      if (s.grade)
        out.push({
          year: s.year,
          score: s.score,
          grade: s.grade,
          source: { kind: 'indicator', indicator: ind.number, text: ind.name },
        });
  for (const item of ita.items) {
    if (item.score !== undefined && item.grade)
      out.push({
        year: ita.assessmentYear,
        score: item.score,
        grade: item.grade,
        source: { kind: 'item', code: item.code, text: item.text },
      });
    (item.subItems ?? []).forEach((sub, i) => {
      if (sub.score !== undefined && sub.grade)
        out.push({
          year: ita.assessmentYear,
          score: sub.score,
          grade: sub.grade,
          source: { kind: 'sub-item', code: item.code, subItem: i + 1, text: sub.text },
        });
    });
  }
  return out;
}

/** Every contradicting pair, by year, then the higher score descending, then the lower one descending. */
export function gradeContradictions(scores: GradedScore[]): GradeContradiction[] {
  const pairs: GradeContradiction[] = [];
  for (const higher of scores)
    for (const lower of scores)
      if (higher.year === lower.year && higher.score > lower.score && gradeRank(higher.grade) > gradeRank(lower.grade))
        pairs.push({ year: higher.year, higher, lower });
  // A stable sort keeps the plan's order among equal scores.
  return pairs.sort((a, b) => a.year - b.year || b.higher.score - a.higher.score || b.lower.score - a.lower.score);
}

/** Lowest and highest score printed with each grade, per year, best grade first. */
export function gradeBands(scores: GradedScore[]): GradeBand[] {
  const bands = new Map<string, GradeBand>();
  for (const s of scores) {
    const key = `${s.year}:${s.grade}`;
    const band = bands.get(key);
    if (!band) bands.set(key, { year: s.year, grade: s.grade, min: s.score, max: s.score, count: 1 });
    else {
      band.min = Math.min(band.min, s.score);
      band.max = Math.max(band.max, s.score);
      band.count += 1;
    }
  }
  return [...bands.values()].sort((a, b) => a.year - b.year || gradeRank(a.grade) - gradeRank(b.grade));
}
