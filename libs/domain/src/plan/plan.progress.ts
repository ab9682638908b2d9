/**
 * How far a year's measures got, from their tasks in the read model: one rule for the year over
 * year of ITA items and for the unfinished work a rollover lists.
 */
import type { MeasureDef, StepDef } from './plan.types';

/** A step's tasks of the year (withdrawn ones aside) and how many were approved. */
export interface StepTaskCount {
  stepNumber: number;
  tasks: number;
  approved: number;
}

/** A step is done when it had tasks and every one of them was approved; one that opened none is not. */
export function stepDone(step: StepDef, counts: StepTaskCount[]): boolean {
  const c = counts.find((x) => x.stepNumber === step.number);
  return !!c && c.tasks > 0 && c.approved === c.tasks;
}

/** How far a measure got: its steps, and those whose every task was approved. */
export interface MeasureProgress {
  steps: number;
  stepsDone: number;
}

/**
 * A measure's progress from its tasks: a step is done when it had tasks and every one of them was
 * approved (withdrawn ones aside); a step that opened no task is not done.
 */
export function measureProgress(measure: MeasureDef, counts: StepTaskCount[]): MeasureProgress {
  return { steps: measure.steps.length, stepsDone: measure.steps.filter((step) => stepDone(step, counts)).length };
}
