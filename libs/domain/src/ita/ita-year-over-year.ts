/**
 * The year over year of each ITA item: last year's score and class, the measures the plan ran for
 * it with the share of their steps done, and this year's score and class. What a planner reads
 * before deciding what to carry over, and what an auditor reads to see whether the measures helped.
 */
import type { ItaResultsDef, MeasureDef, PlanDef } from '../plan/plan.types';
import type { ItaClass } from './ita-analysis.types';
import { classifyScore, resolveItaThresholds } from './ita-classes';
import type { MeasureProgress } from '../plan/plan.progress';

export interface ItemYearOverYear {
  code: string;
  indicator: number;
  text: string;
  last: { score: number | null; grade: string | null; class: ItaClass | null };
  measures: Array<{ code: string; title: string; steps: number; stepsDone: number; share: number | null }>;
  current: { score: number | null; grade: string | null; class: ItaClass | null } | null;
  change: number | null;
}

export interface ItaYearOverYear {
  lastFiscalYear: number;
  currentFiscalYear: number | null;
  /** The current plan's ITA results are the last plan's own (a rollover without new results). */
  sameResults: boolean;
  items: ItemYearOverYear[];
}

/**
 * `progress` is by measure code (from the read model); a measure the plan has but that never ran
 * counts its steps with none done.
 */
export function itaYearOverYear(
  last: PlanDef,
  progress: Record<string, MeasureProgress>,
  current?: PlanDef,
): ItaYearOverYear {
  const { thresholds } = resolveItaThresholds(last.organization.settings);
  const { thresholds: currentThresholds } = resolveItaThresholds(current?.organization.settings);
  const sameResults = !!current && JSON.stringify(current.ita) === JSON.stringify(last.ita);
  const scored = (ita: ItaResultsDef | undefined, code: string, t = thresholds) => {
    const item = ita?.items.find((i) => i.code === code);
    const score = item?.score ?? null;
    return { score, grade: item?.grade ?? null, class: score === null ? null : classifyScore(score, t) };
  };
  const measuresFor = (code: string) =>
    last.measures
      .filter((m: MeasureDef) => m.items.some((i) => i.code === code))
      .map((m) => {
        const p = progress[m.code] ?? { steps: m.steps.length, stepsDone: 0 };
        return {
          code: m.code,
          title: m.title,
          steps: p.steps,
          stepsDone: p.stepsDone,
          share: p.steps ? Math.round((p.stepsDone / p.steps) * 100) / 100 : null,
        };
      });
  const items = (last.ita?.items ?? []).map((item): ItemYearOverYear => {
    const before = scored(last.ita, item.code);
    const now = current && !sameResults ? scored(current.ita, item.code, currentThresholds) : null;
    return {
      code: item.code,
      indicator: item.indicator,
      text: item.text,
      last: before,
      measures: measuresFor(item.code),
      current: now,
      change:
        now?.score != null && before.score !== null ? Math.round((now.score - before.score) * 100) / 100 || 0 : null,
    };
  });
  return {
    lastFiscalYear: last.fiscalYear,
    currentFiscalYear: current?.fiscalYear ?? null,
    sameResults,
    items,
  };
}
