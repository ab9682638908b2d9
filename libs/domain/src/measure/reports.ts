/**
 * Reports: one per reporting line and period, opened when the period ends with a draft from its
 * tasks; the line's unit (its `from`, the lead unit, or else any responsible unit) submits, the
 * Director (or his delegate) approves or returns. A returned report starts a new delivery round
 * with its own due date.
 */
import { SYSTEM_ACTOR } from '../access/actor';
import type { Actor } from '../access/actor';
import type { Cadence } from '../plan/plan.types';
import { actingHeadGrant, actsForUnit, authorityNote, isUnitMember, oversightGrant } from '../access/authority';
import { change, iso, ms, updateReport, withAuthority } from './change-records';
import { CommandError, MAX_SUMMARY, refuseUnit, requireActor, requireOversight, requireText } from './command-guards';
import { escalationChange } from './escalation';
import type { Change, MeasureContext, MeasureState, Progress, ReportDraftLine, ReportState } from './measure.types';
import { DEFAULT_RESUBMISSION_DAYS } from './measure.types';
import { lineDef, reportingPeriods, reportKey } from './reporting-periods';
import { ownersApply } from './tasks';

export interface SubmitReportCommand {
  actor: Actor;
  reportKey: string;
  summary?: string;
}

export interface DecideReportCommand {
  actor: Actor;
  reportKey: string;
  comments?: string;
}

export function findReport(state: MeasureState, ctx: MeasureContext, key: unknown): ReportState {
  const report = state.reports.find((r) => r.key === key);
  if (report) return report;
  for (const { cadence, line } of state.cadences) {
    const period = reportingPeriods(ctx.calendar, cadence).find((p) => reportKey(cadence, p.index, line) === key);
    if (period)
      throw new CommandError(
        'CONFLICT',
        'reportKey',
        `report ${String(key)} is not due yet: it opens when its period ends (${period.end})`,
      );
  }
  throw new CommandError('NOT_FOUND', 'reportKey', `no report ${JSON.stringify(key)} in measure ${state.measureCode}`);
}

/** Reports whose period has ended open, pre-filled from the period's tasks, due after the grace days. */
export function openDueReports(state: MeasureState, ctx: MeasureContext, now: number): Change[] {
  const changes: Change[] = [];
  for (const { cadence, since, line } of state.cadences) {
    const recipient = lineDef(ctx.measure, cadence, line)?.recipient;
    for (const period of reportingPeriods(ctx.calendar, cadence)) {
      const key = reportKey(cadence, period.index, line);
      if (now < ms(period.end) || state.reports.some((r) => r.key === key)) continue;
      if (since && ms(period.end) <= ms(since)) continue;
      const report: ReportState = {
        key,
        cadence,
        // Only what differs from a report of before v4, which had neither.
        ...(line && line > 1 ? { line } : {}),
        ...(recipient && recipient !== 'director-or-delegate' ? { recipient } : {}),
        periodIndex: period.index,
        periodLabel: period.label,
        periodStart: period.start,
        periodEnd: period.end,
        dueAt: iso(ms(period.end) + ctx.policy.reportGraceDays * ctx.calendar.dayMs),
        status: 'open',
        overdue: false,
        units: reportUnits(state, ctx, cadence, line),
        draft: draftLines(state, ctx, period.start, period.end),
        returnCount: 0,
      };
      state.reports.push(report);
      changes.push(change('report.opened', SYSTEM_ACTOR, 'report', key, now, undefined, report));
    }
  }
  return changes;
}

/**
 * Who makes a line's reports: the line's `from`; else the measure's lead unit while it is one of
 * the measure's units; else every unit of the measure (as every report before v4).
 */
export function reportUnits(state: MeasureState, ctx: MeasureContext, cadence: Cadence, line?: number): string[] {
  const all = state.units.map((u) => u.code);
  const lead = ctx.measure.leadUnit !== undefined && all.includes(ctx.measure.leadUnit) ? ctx.measure.leadUnit : null;
  const from = lineDef(ctx.measure, cadence, line)?.from ?? lead;
  if (!from || (all.length === 1 && all[0] === from) || !ownersApply(ctx)) return all;
  return [from];
}

/** Units with a part in the measure's reports: its own, and any a reporting line comes from. */
function reportingUnits(state: MeasureState, ctx: MeasureContext): string[] {
  return [...state.units.map((u) => u.code), ...ctx.measure.reporting.flatMap((r) => (r.from ? [r.from] : []))];
}

export function checkSubmitReport(
  state: MeasureState,
  ctx: MeasureContext,
  cmd: SubmitReportCommand,
  now: number,
): ReportState {
  requireActor(cmd.actor, ctx);
  // Authority first, so a caller learns nothing about reports of a measure he has no part in.
  if (!reportingUnits(state, ctx).some((u) => actsForUnit(cmd.actor, u, now))) {
    refuseUnit(
      cmd.actor,
      'work',
      `measure ${state.measureCode} is not one of ${cmd.actor.unitCode ?? 'your unit'}'s measures`,
    );
  }
  const report = findReport(state, ctx, cmd.reportKey);
  if (!report.units.some((u) => actsForUnit(cmd.actor, u, now))) {
    refuseUnit(
      cmd.actor,
      'work',
      `report ${report.key} is for ${report.units.join(', ')}, not ${cmd.actor.unitCode ?? '(none)'}`,
    );
  }
  if (report.status !== 'open' && report.status !== 'returned') {
    throw new CommandError(
      'CONFLICT',
      'reportKey',
      `report ${report.key} is ${report.status}; only an open or returned report can be submitted`,
    );
  }
  if (cmd.summary !== undefined) requireText(cmd.summary, 'summary', MAX_SUMMARY);
  return report;
}

export function submitReport(
  state: MeasureState,
  ctx: MeasureContext,
  cmd: SubmitReportCommand,
  now: number,
): Change[] {
  const report = checkSubmitReport(state, ctx, cmd, now);
  const acting = report.units.some((u) => cmd.actor.unitCode === u && isUnitMember(cmd.actor))
    ? undefined
    : report.units.map((u) => actingHeadGrant(cmd.actor, u, now)).find(Boolean);
  const changes = [
    updateReport(report, 'report.submitted', cmd.actor, now, (r) => {
      r.status = 'submitted';
      r.draft = draftLines(state, ctx, r.periodStart, r.periodEnd);
      r.summary = cmd.summary?.trim() || draftText(ctx, r).slice(0, MAX_SUMMARY);
      r.submittedAt = iso(now);
      r.submittedBy = cmd.actor.id;
      if (r.escalation && !r.escalation.resolvedAt) r.escalation.resolvedAt = iso(now);
    }),
  ];
  if (report.escalation?.resolvedAt === iso(now))
    changes.push(escalationChange(report, 'escalation.resolved', now, ctx, cmd.actor));
  return withAuthority(authorityNote(acting), changes);
}

export function checkDecideReport(
  state: MeasureState,
  ctx: MeasureContext,
  cmd: DecideReportCommand,
  decision: 'approve' | 'return',
  now: number,
): ReportState {
  requireActor(cmd.actor, ctx);
  requireOversight(cmd.actor, now);
  const report = findReport(state, ctx, cmd.reportKey);
  if (report.status !== 'submitted') {
    throw new CommandError(
      'CONFLICT',
      'reportKey',
      `report ${report.key} is ${report.status}; only a submitted report can be ${decision === 'approve' ? 'approved' : 'returned'}`,
    );
  }
  if (decision === 'return') requireText(cmd.comments, 'comments');
  else if (cmd.comments !== undefined && cmd.comments !== '') requireText(cmd.comments, 'comments');
  return report;
}

/** Approves a submitted report (what follows in time, the caller applies: see measure-machine.ts). */
export function applyReportApproval(
  state: MeasureState,
  ctx: MeasureContext,
  cmd: DecideReportCommand,
  now: number,
): Change[] {
  const report = checkDecideReport(state, ctx, cmd, 'approve', now);
  return withAuthority(authorityNote(oversightGrant(cmd.actor, now)), [
    updateReport(report, 'report.approved', cmd.actor, now, (r) => {
      r.status = 'approved';
      r.comments = cmd.comments?.trim() || r.comments;
      r.decidedAt = iso(now);
      r.decidedBy = cmd.actor.id;
    }),
  ]);
}

/** How a return is applied; the workflow decides it by its versioning (a rule running measures recorded without). */
export interface ReturnRules {
  /** The returned report starts a new delivery round, due `resubmissionDays` after the return. */
  fallsDueAgain: boolean;
}

export function returnReport(
  state: MeasureState,
  ctx: MeasureContext,
  cmd: DecideReportCommand,
  now: number,
  rules: ReturnRules = { fallsDueAgain: true },
): Change[] {
  const report = checkDecideReport(state, ctx, cmd, 'return', now);
  return withAuthority(authorityNote(oversightGrant(cmd.actor, now)), [
    updateReport(report, 'report.returned', cmd.actor, now, (r) => {
      r.status = 'returned';
      r.comments = cmd.comments!.trim();
      r.returnCount += 1;
      r.decidedAt = iso(now);
      r.decidedBy = cmd.actor.id;
      if (rules.fallsDueAgain) {
        r.round = r.returnCount + 1;
        r.dueAt = iso(now + (ctx.policy.resubmissionDays ?? DEFAULT_RESUBMISSION_DAYS) * ctx.calendar.dayMs);
        r.overdue = false;
      }
    }),
  ]);
}

/** The pre-filled report: the period's tasks (approved ones carry their note and evidence). */
export function draftLines(state: MeasureState, ctx: MeasureContext, start: string, end: string): ReportDraftLine[] {
  const quarters = ctx.calendar.quarters
    .filter((q) => ms(q.start) < ms(end) && ms(q.end) > ms(start))
    .map((q) => q.quarter);
  return state.tasks
    .filter((t) => quarters.includes(t.quarter) && t.status !== 'withdrawn')
    .sort((a, b) => a.quarter - b.quarter || a.stepNumber - b.stepNumber || a.unitCode.localeCompare(b.unitCode))
    .map((t) => ({
      stepNumber: t.stepNumber,
      quarter: t.quarter,
      unitCode: t.unitCode,
      status: t.status,
      progress: t.status === 'approved' ? t.submission?.progress : undefined,
      note: t.status === 'approved' ? t.submission?.note : undefined,
      evidenceCount: t.status === 'approved' ? (t.submission?.evidence.length ?? 0) : 0,
    }));
}

const PROGRESS_TH: Record<Progress, string> = {
  done: 'ดำเนินการแล้ว',
  'partly-done': 'ดำเนินการบางส่วน',
  'not-done': 'ยังไม่ได้ดำเนินการ',
};

/** The draft as Thai text, used when the unit submits without writing its own summary. */
export function draftText(ctx: MeasureContext, report: ReportState): string {
  const lines = [`รายงานผลการดำเนินงานตามมาตรการ ${ctx.measure.code} ${ctx.measure.title}`, report.periodLabel];
  for (const line of report.draft) {
    const state = line.status === 'approved' ? PROGRESS_TH[line.progress ?? 'not-done'] : 'ยังไม่ได้รับอนุมัติ';
    lines.push(
      `- ไตรมาสที่ ${line.quarter} ขั้นตอนที่ ${line.stepNumber} (${line.unitCode}): ${state}${line.note ? ` — ${line.note}` : ''}${line.evidenceCount ? ` [หลักฐาน ${line.evidenceCount} รายการ]` : ''}`,
    );
  }
  return lines.join('\n');
}
