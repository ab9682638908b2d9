/**
 * The work a year left unfinished, and what the planner decides for it when the next year's plan is
 * drafted: each step not done is carried over (a step of the same measure in the new plan, with its
 * text and owners, in the quarters chosen) or dropped, and every decision says why.
 */
import type { Quarter } from '../fiscal-calendar';
import type { FieldProblem } from '../domain-error';
import { stepDone, type StepTaskCount } from './plan.progress';
import type { PlanDef } from './plan.types';

export interface UnfinishedStep {
  measureCode: string;
  measureTitle: string;
  stepNumber: number;
  text: string;
  owners?: string[];
  quarters: Quarter[];
  tasks: number;
  approved: number;
}

/** The steps of `plan`'s runnable measures that were not done, by the year's task counts per measure. */
export function unfinishedSteps(plan: PlanDef, counts: Record<string, StepTaskCount[]>): UnfinishedStep[] {
  return plan.measures
    .filter((m) => !m.incomplete)
    .flatMap((m) =>
      m.steps
        .filter((step) => !stepDone(step, counts[m.code] ?? []))
        .map((step) => {
          const c = (counts[m.code] ?? []).find((x) => x.stepNumber === step.number);
          return {
            measureCode: m.code,
            measureTitle: m.title,
            stepNumber: step.number,
            text: step.text,
            ...(step.owners ? { owners: step.owners } : {}),
            quarters: step.quarters,
            tasks: c?.tasks ?? 0,
            approved: c?.approved ?? 0,
          };
        }),
    );
}

export const CARRY_OVER_DECISIONS = ['carry-over', 'drop'] as const;

export interface CarryOverDecision {
  measureCode: string;
  stepNumber: number;
  decision: (typeof CARRY_OVER_DECISIONS)[number];
  /** For a step carried over: the quarters it runs in next year (default: Q1). */
  quarters?: Quarter[];
  reason: string;
}

/**
 * The next year's draft with the carried-over steps added (each after the measure's last step), or
 * every problem with its path: a decision about a step that is not unfinished, a measure the draft
 * does not have, a step decided twice.
 */
export function applyCarryOver(
  draft: PlanDef,
  fromYear: number,
  unfinished: UnfinishedStep[],
  decisions: CarryOverDecision[],
): { ok: true; plan: PlanDef } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const plan = structuredClone(draft);
  const seen = new Set<string>();
  decisions.forEach((d, i) => {
    const at = `decisions[${i}]`;
    const key = `${d.measureCode}#${d.stepNumber}`;
    const step = unfinished.find((u) => u.measureCode === d.measureCode && u.stepNumber === d.stepNumber);
    if (!step)
      return problems.push({ path: `${at}.stepNumber`, message: `${key} is not unfinished work of last year` });
    if (seen.has(key)) return problems.push({ path: `${at}.stepNumber`, message: `${key} is decided twice` });
    seen.add(key);
    if (d.decision === 'drop') return;
    const measure = plan.measures.find((m) => m.code === d.measureCode);
    if (!measure)
      return problems.push({ path: `${at}.measureCode`, message: `the draft has no measure ${d.measureCode}` });
    const number = Math.max(0, ...measure.steps.map((s) => s.number)) + 1;
    measure.steps.push({
      number,
      text: `งานค้างจากปีงบประมาณ ${fromYear} (carried over from FY${fromYear}): ${step.text}`,
      quarters: d.quarters?.length ? d.quarters : [1],
      ...(step.owners ? { owners: step.owners } : {}),
    });
  });
  return problems.length ? { ok: false, problems } : { ok: true, plan };
}
