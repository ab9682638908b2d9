/**
 * The escalation policy: which late reports escalate (6-monthly always, other cadences by the
 * organization's choice), when a report falls due (its grace after the period, or its
 * resubmission days after a return), how escalation repeats (every interval, one level higher,
 * missed repeats caught up in one change) and how many days late a report is.
 */
import type { AuditAction } from '../audit-actions';
import { SYSTEM_ACTOR } from '../access/actor';
import { DEFAULT_RESUBMISSION_DAYS } from './measure.types';
import type { Actor } from '../access/actor';
import type { Cadence } from '../plan/plan.types';
import { change, iso, ms, updateReport } from './change-records';
import type { Change, Escalation, MeasureContext, MeasureState, ReportState } from './measure.types';

/**
 * An organization's escalation settings before it sets its own (plan file `organization.settings`,
 * or REPORT_GRACE_DAYS / ESCALATION_INTERVAL_DAYS for new organizations): the one statement of them.
 */
export const DEFAULT_ESCALATION_POLICY = {
  reportGraceDays: 15,
  escalationIntervalDays: 7,
  resubmissionDays: DEFAULT_RESUBMISSION_DAYS,
  escalateCadences: ['semiannual'] as Cadence[],
} as const;

/** Whether late reports of a cadence escalate: 6-monthly ones always, others where the organization asks for it. */
export function escalates(ctx: MeasureContext, cadence: Cadence): boolean {
  return cadence === 'semiannual' || ctx.policy.escalateCadences.includes(cadence);
}

/** The report's line is still in force (a cadence removed by an amendment keeps its reports, but they no longer fall due or escalate). */
export function inForce(state: MeasureState, report: ReportState): boolean {
  return state.cadences.some((c) => c.cadence === report.cadence && (c.line ?? 1) === (report.line ?? 1));
}

/**
 * The report is still to be delivered for its current round and has not yet fallen due: an open
 * report, or one returned into a new round. (A report returned without a round, before returned
 * reports fell due again, stays as it was.)
 */
export function fallsDue(r: ReportState): boolean {
  if (r.overdue) return false;
  return r.status === 'open' || (r.status === 'returned' && (r.round ?? 1) > 1);
}

/** Whole days (of the measure's calendar) from a due date to `at`; 0 before it is due. */
export function daysLateAt(dueAt: string, at: number, dayMs: number): number {
  return Math.max(0, Math.floor((at - ms(dueAt)) / dayMs));
}

export function daysLate(report: ReportState, ctx: MeasureContext, now: number): number {
  return daysLateAt(report.dueAt, now, ctx.calendar.dayMs);
}

/** A report still to be delivered (open, or returned for resubmission) whose cadence is in force. */
function missing(state: MeasureState, report: ReportState): boolean {
  return (report.status === 'open' || report.status === 'returned') && inForce(state, report);
}

/** Reports that fall due at `now` become overdue (and escalate); open escalations whose interval has passed repeat. */
export function chaseLateReports(state: MeasureState, ctx: MeasureContext, now: number): Change[] {
  const changes: Change[] = [];
  for (const report of state.reports) {
    const late = missing(state, report);
    if (late && fallsDue(report) && now >= ms(report.dueAt)) {
      changes.push(
        updateReport(report, 'report.overdue', SYSTEM_ACTOR, now, (r) => {
          r.overdue = true;
          if (escalates(ctx, r.cadence)) {
            if (r.escalation) (r.earlierEscalations ??= []).push(r.escalation);
            r.escalation = {
              level: 1,
              firstAt: iso(now),
              lastAt: iso(now),
              nextAt: iso(ms(r.dueAt) + ctx.policy.escalationIntervalDays * ctx.calendar.dayMs),
            };
            if (r.round) r.escalation.round = r.round;
          }
        }),
      );
      if (report.escalation) changes.push(escalationChange(report, 'escalation.raised', now, ctx));
    }
    const e = report.escalation;
    if (late && e && !e.resolvedAt && now >= ms(e.nextAt)) {
      // Live, each repeat has its own timer; catching up (e.g. a plan activated late), the missed
      // repeats become one change that carries the level they add up to.
      const interval = ctx.policy.escalationIntervalDays * ctx.calendar.dayMs;
      const missed = Math.floor((now - ms(e.nextAt)) / interval) + 1;
      e.level += missed;
      e.lastAt = iso(ms(e.nextAt) + (missed - 1) * interval);
      e.nextAt = iso(ms(e.lastAt) + interval);
      changes.push(escalationChange(report, 'escalation.repeated', ms(e.lastAt), ctx));
    }
  }
  return changes;
}

/** When late reports next fall due or escalate again. */
export function lateReportWakeUps(state: MeasureState): number[] {
  const times: number[] = [];
  for (const r of state.reports) {
    if (!missing(state, r)) continue;
    if (fallsDue(r)) times.push(ms(r.dueAt));
    if (r.escalation && !r.escalation.resolvedAt) times.push(ms(r.escalation.nextAt));
  }
  return times;
}

export function escalationChange(
  report: ReportState,
  action: AuditAction,
  now: number,
  ctx: MeasureContext,
  actor: Actor = SYSTEM_ACTOR,
): Change {
  const e = report.escalation as Escalation;
  return change(action, actor, 'escalation', report.key, now, undefined, {
    ...e,
    reportKey: report.key,
    cadence: report.cadence,
    units: report.units,
    daysLate: daysLate(report, ctx, now),
  });
}
