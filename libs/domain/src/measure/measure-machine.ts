/**
 * The measure state machine: every rule of how a measure runs through its fiscal year, as pure
 * functions of (state, context, command, now). The workflow owns the clock and the state and
 * calls these; validators call the `check*` functions, which throw CommandError and change
 * nothing; the matching command functions then apply the change and return what changed.
 *
 * This module is the machine's one entry point; the rules live by concern beside it: the clock
 * (measure-clock), tasks, reports, escalation, amendments, closing the year, and the guards every
 * command passes.
 */
import { applyAmendment, AmendCommand } from './amendments';
import { advance } from './measure-clock';
import type { Change, MeasureContext, MeasureState } from './measure.types';
import { applyReportApproval, DecideReportCommand } from './reports';
import { applyTaskApproval, DecideTaskCommand } from './tasks';

export { checkAmend } from './amendments';
export type { AmendCommand } from './amendments';
export { CommandError } from './command-guards';
export type { CommandErrorCode } from './command-guards';
export { daysLate } from './escalation';
export { advance, initialState, isFinished, nextWakeUp } from './measure-clock';
export { checkDecideReport, checkSubmitReport, draftText, returnReport, submitReport } from './reports';
export type { DecideReportCommand, ReturnRules, SubmitReportCommand } from './reports';
export {
  checkDecideTask,
  checkSubmitTask,
  quarterStatus,
  returnTask,
  stepQuarterComplete,
  submitTask,
  taskKey,
} from './tasks';
export type { DecideTaskCommand, QuarterStatus, SubmitTaskCommand } from './tasks';
export { checkCloseYear, closeYear, YEAR_CLOSED, yearCloseSummary } from './year-close';
export type { CloseYearCommand, YearCloseSummary } from './year-close';

/** Approving a task may complete the measure (the year over, everything approved): time is applied after it. */
export function approveTask(state: MeasureState, ctx: MeasureContext, cmd: DecideTaskCommand, now: number): Change[] {
  return [...applyTaskApproval(state, ctx, cmd, now), ...advance(state, ctx, now)];
}

/** Approving a report may complete the measure: time is applied after it. */
export function approveReport(
  state: MeasureState,
  ctx: MeasureContext,
  cmd: DecideReportCommand,
  now: number,
): Change[] {
  return [...applyReportApproval(state, ctx, cmd, now), ...advance(state, ctx, now)];
}

/** An amendment may open tasks or reports at once, or finish the measure: time is applied after it. */
export function amend(state: MeasureState, ctx: MeasureContext, cmd: AmendCommand, now: number): Change[] {
  return [...applyAmendment(state, ctx, cmd, now), ...advance(state, ctx, now)];
}
