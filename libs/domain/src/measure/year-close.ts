/**
 * Closing the fiscal year: the Director (or the Deputy Director holding his oversight that day)
 * closes a measure once its year is over, and whatever is still undone is recorded as such, so
 * the measure completes instead of running (and escalating) on:
 *  - a report still to be delivered (open, or returned for resubmission) is `not-delivered`, and
 *    its open escalation ends (`escalation.ended`, reason "year closed");
 *  - a report submitted and not yet decided is `not-decided`: the year's decisions end with it,
 *    so it no longer waits in the Director's queue;
 *  - a task still open or returned is `not-done`; one submitted and not yet decided by its unit
 *    head is `not-decided` (its submission is kept);
 *  - the measure completes with `measure.closed`.
 * A year cannot be closed early: before its calendar's end the command is refused (the reports of
 * its last period have not even opened). A measure that completed on its own (everything
 * approved) has nothing to close. Work approved, and tasks withdrawn by an amendment, stay as
 * they are.
 */
import type { Actor } from '../access/actor';
import { authorityNote, oversightGrant } from '../access/authority';
import { change, iso, ms, updateReport, updateTask, withAuthority } from './change-records';
import { CommandError, requireActor, requireOversight } from './command-guards';
import { escalationChange } from './escalation';
import { advance } from './measure-clock';
import type { Change, MeasureContext, MeasureState, ReportStatus, TaskStatus } from './measure.types';

export interface CloseYearCommand {
  actor: Actor;
}

/** The reason an escalation ends when the year is closed without its report. */
export const YEAR_CLOSED = 'year closed';

/** What closing the year recorded (or, for a measure not closed, what it would leave undone: nothing recorded yet). */
export interface YearCloseSummary {
  measureCode: string;
  closed: boolean;
  closedAt: string | null;
  closedBy: string | null;
  reportsNotDelivered: string[];
  reportsNotDecided: string[];
  escalationsEnded: string[];
  tasksNotDone: number;
  tasksNotDecided: number;
}

export function checkCloseYear(state: MeasureState, ctx: MeasureContext, cmd: CloseYearCommand, now: number): void {
  requireActor(cmd.actor, ctx);
  requireOversight(cmd.actor, now, 'closes the fiscal year');
  if (state.closed)
    throw new CommandError(
      'CONFLICT',
      'fiscalYear',
      `the year of measure ${state.measureCode} was closed on ${state.closed.at} by ${state.closed.by}`,
    );
  if (now < ms(ctx.calendar.end)) {
    throw new CommandError(
      'CONFLICT',
      'fiscalYear',
      `fiscal year ${ctx.calendar.fiscalYearBE} ends at ${ctx.calendar.end}; it can be closed only after its end`,
    );
  }
  if (state.status === 'completed')
    throw new CommandError(
      'CONFLICT',
      'fiscalYear',
      `measure ${state.measureCode} has completed: everything in its year is done; there is nothing to close`,
    );
}

/**
 * Closes the measure's year: first whatever falls due by now (the last reports open), then every
 * undone task and report is recorded as such, open escalations end, and the measure completes.
 */
export function closeYear(state: MeasureState, ctx: MeasureContext, cmd: CloseYearCommand, now: number): Change[] {
  checkCloseYear(state, ctx, cmd, now);
  const changes: Change[] = [...advance(state, ctx, now)];
  // Everything in the year may have been approved by now (advance completed it): nothing to close.
  if (state.status === 'completed') return changes;
  const closing: Change[] = [];
  const actor = cmd.actor;
  const finalTask: Partial<Record<TaskStatus, TaskStatus>> = {
    open: 'not-done',
    returned: 'not-done',
    submitted: 'not-decided',
  };
  for (const task of state.tasks) {
    const to = finalTask[task.status];
    if (!to) continue;
    closing.push(
      updateTask(task, to === 'not-done' ? 'task.not-done' : 'task.not-decided', actor, now, (t) => {
        t.status = to;
      }),
    );
  }
  const finalReport: Partial<Record<ReportStatus, ReportStatus>> = {
    open: 'not-delivered',
    returned: 'not-delivered',
    submitted: 'not-decided',
  };
  for (const report of state.reports) {
    const to = finalReport[report.status];
    if (!to) continue;
    const escalation = report.escalation;
    const ends = !!escalation && !escalation.resolvedAt && !escalation.endedAt;
    closing.push(
      updateReport(report, to === 'not-delivered' ? 'report.not-delivered' : 'report.not-decided', actor, now, (r) => {
        r.status = to;
        if (ends) {
          r.escalation!.endedAt = iso(now);
          r.escalation!.endReason = YEAR_CLOSED;
        }
      }),
    );
    if (ends) closing.push(escalationChange(report, 'escalation.ended', now, ctx, actor));
  }
  const authority = authorityNote(oversightGrant(actor, now));
  state.status = 'completed';
  state.closed = { at: iso(now), by: actor.id, ...(authority ? { authority } : {}) };
  const summary = yearCloseSummary(state);
  closing.push(
    change('measure.closed', actor, 'measure', state.measureCode, now, undefined, {
      fiscalYear: ctx.calendar.fiscalYearBE,
      reportsNotDelivered: summary.reportsNotDelivered,
      reportsNotDecided: summary.reportsNotDecided,
      escalationsEnded: summary.escalationsEnded,
      tasksNotDone: summary.tasksNotDone,
      tasksNotDecided: summary.tasksNotDecided,
    }),
  );
  return [...changes, ...withAuthority(authority, closing)];
}

/** What the measure's closing left recorded as undone (all empty for a measure not closed). */
export function yearCloseSummary(state: MeasureState): YearCloseSummary {
  const reports = (status: ReportStatus) => state.reports.filter((r) => r.status === status).map((r) => r.key);
  return {
    measureCode: state.measureCode,
    closed: !!state.closed,
    closedAt: state.closed?.at ?? null,
    closedBy: state.closed?.by ?? null,
    reportsNotDelivered: reports('not-delivered'),
    reportsNotDecided: reports('not-decided'),
    escalationsEnded: state.reports.filter((r) => r.escalation?.endReason === YEAR_CLOSED).map((r) => r.key),
    tasksNotDone: state.tasks.filter((t) => t.status === 'not-done').length,
    tasksNotDecided: state.tasks.filter((t) => t.status === 'not-decided').length,
  };
}
