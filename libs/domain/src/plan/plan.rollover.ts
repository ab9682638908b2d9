/**
 * Year rollover: FY N+1's plan started from FY N's. The measures, their steps, owners, lead units,
 * monitoring guidelines and reporting lines are carried over as they were; the new year's ITA
 * results are attached when there are any, and each measure's items then take their new scores.
 * Without new results the plan keeps the year's results it was made from, and says so.
 */
import type { ItaResultsDef, MeasureDef, PlanDef } from './plan.types';

export interface RolloverOptions {
  /** The ITA results the new year's plan answers (the assessment published after year N). */
  ita?: ItaResultsDef;
}

export function rollOverPlan(plan: PlanDef, fiscalYear: number, options: RolloverOptions = {}): PlanDef {
  const copy = structuredClone(plan);
  const ita = options.ita ? structuredClone(options.ita) : copy.ita;
  const note = options.ita
    ? `แผนปีงบประมาณ ${fiscalYear} ต่อยอดมาตรการจากแผนปีงบประมาณ ${plan.fiscalYear} พร้อมผลการประเมิน ITA ปี ${options.ita.assessmentYear}` +
      ` (rolled over from the FY${plan.fiscalYear} plan's measures, with the ${options.ita.assessmentYear} ITA results)`
    : `แผนปีงบประมาณ ${fiscalYear} ต่อยอดมาตรการจากแผนปีงบประมาณ ${plan.fiscalYear} โดยยังไม่มีผลการประเมิน ITA ปีใหม่` +
      ` (a rollover of the FY${plan.fiscalYear} plan's measures; no later ITA results: the scores are FY${plan.fiscalYear}'s)`;
  return {
    ...copy,
    fiscalYear,
    ita,
    measures: options.ita ? attachItaResults(copy, options.ita).measures : copy.measures,
    source: { ...copy.source, notes: [note, ...(copy.source?.notes ?? [])] },
  };
}

/** The plan answering these ITA results: they replace its own, and each measure's items take their scores. */
export function attachItaResults(plan: PlanDef, ita: ItaResultsDef): PlanDef {
  return { ...plan, ita: structuredClone(ita), measures: plan.measures.map((m) => withScores(m, ita)) };
}

/** A measure's items with their scores and grades from the given results (as printed there). */
function withScores(measure: MeasureDef, ita: ItaResultsDef): MeasureDef {
  return {
    ...measure,
    items: measure.items.map((ref) => {
      const item = ita.items.find((i) => i.code === ref.code);
      return item ? { code: ref.code, score: item.score, grade: item.grade } : { code: ref.code };
    }),
  };
}
