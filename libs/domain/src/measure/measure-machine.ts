/**
 * The measure state machine: every rule of how a measure runs through its fiscal year, as pure
 * functions of (state, context, command, now). The workflow owns the clock and the state and
 * calls these; validators call the `check*` functions, which throw CommandError and change
 * nothing; the matching command functions then apply the change and return what changed.
 */
import { isQuarter, Quarter } from '../fiscal-calendar';
import type { Cadence } from '../plan/plan.types';
import { CADENCES, CODE_PATTERN } from '../plan/plan.types';
import {
  Actor, Amendment, Change, DEFAULT_RESUBMISSION_DAYS, Escalation, Evidence, MeasureContext, MeasureState, PROGRESS, Progress,
  ReportDraftLine, ReportState, SYSTEM_ACTOR, TaskState, UnitRef,
} from './measure.types';
import { reportingPeriods, reportKey } from './reporting-periods';
import {
  actingHeadGrant, actsForUnit, authorityNote, headsAUnit, headsUnit, holdsOversight, isUnitMember, oversightGrant, worksForAUnit,
} from '../access/authority';

export type CommandErrorCode = 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND' | 'INVALID';

/** A rejected command: nothing was changed. `path` names the offending field. */
export class CommandError extends Error {
  constructor(readonly code: CommandErrorCode, readonly path: string, message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

export interface SubmitTaskCommand {
  actor: Actor;
  taskKey: string;
  note: string;
  progress: Progress;
  evidence: Evidence[];
}
export interface DecideTaskCommand {
  actor: Actor;
  taskKey: string;
  reason?: string;
}
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
export interface AmendCommand {
  actor: Actor;
  change: Amendment;
  reason: string;
}

const MAX_NOTE = 4000;
const MAX_EVIDENCE = 20;
const MAX_SUMMARY = 20000;
const iso = (ms: number) => new Date(ms).toISOString();
const ms = (isoInstant: string) => Date.parse(isoInstant);
const clone = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));

export function taskKey(quarter: Quarter, stepNumber: number, unitCode: string): string {
  return `Q${quarter}-S${stepNumber}-${unitCode}`;
}

export function initialState(ctx: MeasureContext, units: UnitRef[]): MeasureState {
  return {
    measureCode: ctx.measure.code,
    status: 'not-started',
    currentQuarter: null,
    steps: clone(ctx.measure.steps),
    units: clone(units),
    cadences: ctx.measure.reporting.map((r) => ({ cadence: r.cadence })),
    quarters: ctx.calendar.quarters.map((q) => ({ quarter: q.quarter, opened: false, closed: false })),
    tasks: [],
    reports: [],
    amendments: [],
    seq: 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Time

/** Applies every time-driven transition due at `now`: quarters open and close, reports open, fall due and escalate. */
export function advance(state: MeasureState, ctx: MeasureContext, now: number): Change[] {
  const changes: Change[] = [];
  for (const period of ctx.calendar.quarters) {
    const progress = state.quarters.find((q) => q.quarter === period.quarter)!;
    if (!progress.opened && now >= ms(period.start)) {
      progress.opened = true;
      state.status = 'running';
      state.currentQuarter = period.quarter;
      changes.push(measureChange(state, 'quarter.opened', now, { quarter: period.quarter }));
      for (const step of state.steps.filter((s) => s.quarters.includes(period.quarter))) {
        changes.push(...openTasks(state, ctx, period.quarter, step.number, state.units.map((u) => u.code), now));
      }
    }
    if (progress.opened && !progress.closed && now >= ms(period.end)) {
      progress.closed = true;
      if (state.currentQuarter === period.quarter) state.currentQuarter = null;
      changes.push(measureChange(state, 'quarter.closed', now, { quarter: period.quarter }));
      for (const task of state.tasks.filter((t) => t.quarter === period.quarter && isPending(t))) {
        changes.push(updateTask(task, 'task.overdue', SYSTEM_ACTOR, now, (t) => { t.overdue = true; }));
      }
    }
  }
  for (const { cadence, since } of state.cadences) {
    for (const period of reportingPeriods(ctx.calendar, cadence)) {
      const key = reportKey(cadence, period.index);
      if (now < ms(period.end) || state.reports.some((r) => r.key === key)) continue;
      if (since && ms(period.end) <= ms(since)) continue;
      const report: ReportState = {
        key, cadence, periodIndex: period.index, periodLabel: period.label, periodStart: period.start, periodEnd: period.end,
        dueAt: iso(ms(period.end) + ctx.policy.reportGraceDays * ctx.calendar.dayMs),
        status: 'open', overdue: false, units: state.units.map((u) => u.code), draft: draftLines(state, ctx, period.start, period.end), returnCount: 0,
      };
      state.reports.push(report);
      changes.push(change('report.opened', SYSTEM_ACTOR, 'report', key, now, undefined, report));
    }
  }
  for (const report of state.reports) {
    // A cadence removed by an amendment keeps its reports, but they no longer fall due or escalate.
    const missing = (report.status === 'open' || report.status === 'returned') && inForce(state, report.cadence);
    if (missing && fallsDue(report) && now >= ms(report.dueAt)) {
      changes.push(updateReport(report, 'report.overdue', SYSTEM_ACTOR, now, (r) => {
        r.overdue = true;
        if (escalates(ctx, r.cadence)) {
          if (r.escalation) (r.earlierEscalations ??= []).push(r.escalation);
          r.escalation = { level: 1, firstAt: iso(now), lastAt: iso(now), nextAt: iso(ms(r.dueAt) + ctx.policy.escalationIntervalDays * ctx.calendar.dayMs) };
          if (r.round) r.escalation.round = r.round;
        }
      }));
      if (report.escalation) changes.push(escalationChange(report, 'escalation.raised', now, ctx));
    }
    const e = report.escalation;
    if (missing && e && !e.resolvedAt && now >= ms(e.nextAt)) {
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
  if (state.status !== 'completed' && isFinished(state, ctx, now)) {
    state.status = 'completed';
    changes.push(measureChange(state, 'measure.completed', now, {}));
  }
  return changes;
}

/** When `advance` next has something to do (ms since the epoch), or null if only people can move the measure on. */
export function nextWakeUp(state: MeasureState, ctx: MeasureContext, now: number): number | null {
  const times: number[] = [];
  for (const period of ctx.calendar.quarters) {
    const progress = state.quarters.find((q) => q.quarter === period.quarter)!;
    if (!progress.opened) times.push(ms(period.start));
    else if (!progress.closed) times.push(ms(period.end));
  }
  for (const { cadence } of state.cadences) {
    for (const period of reportingPeriods(ctx.calendar, cadence)) {
      if (!state.reports.some((r) => r.key === reportKey(cadence, period.index))) times.push(ms(period.end));
    }
  }
  for (const r of state.reports) {
    const missing = (r.status === 'open' || r.status === 'returned') && inForce(state, r.cadence);
    if (missing && fallsDue(r)) times.push(ms(r.dueAt));
    if (missing && r.escalation && !r.escalation.resolvedAt) times.push(ms(r.escalation.nextAt));
  }
  if (state.status !== 'completed') times.push(ms(ctx.calendar.end));
  const future = times.filter((t) => t > now);
  return future.length ? Math.min(...future) : null;
}

/** The year is over and everything in it is approved (or withdrawn by an amendment). */
export function isFinished(state: MeasureState, ctx: MeasureContext, now: number): boolean {
  return now >= ms(ctx.calendar.end)
    && state.quarters.every((q) => q.closed)
    && state.tasks.every((t) => t.status === 'approved' || t.status === 'withdrawn')
    && state.cadences.every(({ cadence, since }) => reportingPeriods(ctx.calendar, cadence)
      .filter((p) => !since || ms(p.end) > ms(since))
      .every((p) => state.reports.some((r) => r.key === reportKey(cadence, p.index) && r.status === 'approved')));
}

export function daysLate(report: ReportState, ctx: MeasureContext, now: number): number {
  return Math.max(0, Math.floor((now - ms(report.dueAt)) / ctx.calendar.dayMs));
}

// ---------------------------------------------------------------------------------------------
// Tasks

export function checkSubmitTask(state: MeasureState, ctx: MeasureContext, cmd: SubmitTaskCommand, now: number): TaskState {
  requireActor(cmd.actor, ctx);
  const task = findTask(state, cmd.taskKey);
  if (!actsForUnit(cmd.actor, task.unitCode, now)) {
    refuseUnit(cmd.actor, 'work', `task ${task.key} belongs to unit ${task.unitCode}, not ${cmd.actor.unitCode ?? '(none)'}`);
  }
  if (task.status !== 'open' && task.status !== 'returned') {
    throw new CommandError('CONFLICT', 'taskKey', `task ${task.key} is ${task.status}; only an open or returned task can be submitted`);
  }
  requireText(cmd.note, 'note');
  if (!PROGRESS.includes(cmd.progress)) throw new CommandError('INVALID', 'progress', `${JSON.stringify(cmd.progress)} is not one of ${PROGRESS.join(', ')}`);
  checkEvidence(ctx, task, cmd.evidence, cmd.progress);
  return task;
}

export function submitTask(state: MeasureState, ctx: MeasureContext, cmd: SubmitTaskCommand, now: number): Change[] {
  const task = checkSubmitTask(state, ctx, cmd, now);
  return withAuthority(authorityNote(actingHeadGrant(cmd.actor, task.unitCode, now)), [updateTask(task, 'task.submitted', cmd.actor, now, (t) => {
    t.status = 'submitted';
    t.submission = { note: cmd.note.trim(), progress: cmd.progress, evidence: clone(cmd.evidence) };
    t.submittedAt = iso(now);
    t.submittedBy = cmd.actor.id;
  })]);
}

export function checkDecideTask(state: MeasureState, ctx: MeasureContext, cmd: DecideTaskCommand, decision: 'approve' | 'return', now: number): TaskState {
  requireActor(cmd.actor, ctx);
  const task = findTask(state, cmd.taskKey);
  if (!headsUnit(cmd.actor, task.unitCode, now)) {
    refuseUnit(cmd.actor, 'head', `only the head (or acting head) of ${task.unitCode} can ${decision} task ${task.key}`);
  }
  if (task.status !== 'submitted') {
    throw new CommandError('CONFLICT', 'taskKey', `task ${task.key} is ${task.status}; only a submitted task can be ${decision === 'approve' ? 'approved' : 'returned'}`);
  }
  if (task.submittedBy === cmd.actor.id) {
    throw new CommandError('FORBIDDEN', 'actor', `${cmd.actor.id} submitted task ${task.key} and cannot also decide it`);
  }
  if (decision === 'return') requireText(cmd.reason, 'reason');
  return task;
}

export function approveTask(state: MeasureState, ctx: MeasureContext, cmd: DecideTaskCommand, now: number): Change[] {
  const task = checkDecideTask(state, ctx, cmd, 'approve', now);
  const changes = withAuthority(authorityNote(actingHeadGrant(cmd.actor, task.unitCode, now)), [updateTask(task, 'task.approved', cmd.actor, now, (t) => {
    t.status = 'approved';
    t.decidedAt = iso(now);
    t.decidedBy = cmd.actor.id;
  })]);
  return [...changes, ...advance(state, ctx, now)];
}

export function returnTask(state: MeasureState, ctx: MeasureContext, cmd: DecideTaskCommand, now: number): Change[] {
  const task = checkDecideTask(state, ctx, cmd, 'return', now);
  return withAuthority(authorityNote(actingHeadGrant(cmd.actor, task.unitCode, now)), [updateTask(task, 'task.returned', cmd.actor, now, (t) => {
    t.status = 'returned';
    t.returnReason = cmd.reason!.trim();
    t.returnCount += 1;
    t.decidedAt = iso(now);
    t.decidedBy = cmd.actor.id;
  })]);
}

/** A step's quarter is complete only when every responsible unit's task for it is approved. */
export function stepQuarterComplete(state: MeasureState, quarter: Quarter, stepNumber: number): boolean {
  const tasks = state.tasks.filter((t) => t.quarter === quarter && t.stepNumber === stepNumber && t.status !== 'withdrawn');
  return tasks.length > 0 && tasks.every((t) => t.status === 'approved');
}

export type QuarterStatus = 'not-started' | 'in-progress' | 'complete' | 'overdue' | 'no-steps';

export function quarterStatus(state: MeasureState, quarter: Quarter): QuarterStatus {
  const tasks = state.tasks.filter((t) => t.quarter === quarter && t.status !== 'withdrawn');
  const opened = state.quarters.find((q) => q.quarter === quarter)?.opened;
  if (!opened) return state.steps.some((s) => s.quarters.includes(quarter)) ? 'not-started' : 'no-steps';
  if (tasks.length === 0) return 'no-steps';
  if (tasks.every((t) => t.status === 'approved')) return 'complete';
  return tasks.some((t) => t.overdue) ? 'overdue' : 'in-progress';
}

// ---------------------------------------------------------------------------------------------
// Reports

export function checkSubmitReport(state: MeasureState, ctx: MeasureContext, cmd: SubmitReportCommand, now: number): ReportState {
  requireActor(cmd.actor, ctx);
  // Authority first, so a caller learns nothing about reports of a measure he has no part in.
  if (!state.units.some((u) => actsForUnit(cmd.actor, u.code, now))) {
    refuseUnit(cmd.actor, 'work', `measure ${state.measureCode} is not one of ${cmd.actor.unitCode ?? 'your unit'}'s measures`);
  }
  const report = findReport(state, ctx, cmd.reportKey);
  if (!report.units.some((u) => actsForUnit(cmd.actor, u, now))) {
    refuseUnit(cmd.actor, 'work', `report ${report.key} is for ${report.units.join(', ')}, not ${cmd.actor.unitCode ?? '(none)'}`);
  }
  if (report.status !== 'open' && report.status !== 'returned') {
    throw new CommandError('CONFLICT', 'reportKey', `report ${report.key} is ${report.status}; only an open or returned report can be submitted`);
  }
  if (cmd.summary !== undefined) requireText(cmd.summary, 'summary', MAX_SUMMARY);
  return report;
}

export function submitReport(state: MeasureState, ctx: MeasureContext, cmd: SubmitReportCommand, now: number): Change[] {
  const report = checkSubmitReport(state, ctx, cmd, now);
  const acting = report.units.some((u) => cmd.actor.unitCode === u && isUnitMember(cmd.actor)) ? undefined : report.units.map((u) => actingHeadGrant(cmd.actor, u, now)).find(Boolean);
  const changes = [updateReport(report, 'report.submitted', cmd.actor, now, (r) => {
    r.status = 'submitted';
    r.draft = draftLines(state, ctx, r.periodStart, r.periodEnd);
    r.summary = cmd.summary?.trim() || draftText(ctx, r).slice(0, MAX_SUMMARY);
    r.submittedAt = iso(now);
    r.submittedBy = cmd.actor.id;
    if (r.escalation && !r.escalation.resolvedAt) r.escalation.resolvedAt = iso(now);
  })];
  if (report.escalation?.resolvedAt === iso(now)) changes.push(escalationChange(report, 'escalation.resolved', now, ctx, cmd.actor));
  return withAuthority(authorityNote(acting), changes);
}

export function checkDecideReport(state: MeasureState, ctx: MeasureContext, cmd: DecideReportCommand, decision: 'approve' | 'return', now: number): ReportState {
  requireActor(cmd.actor, ctx);
  requireOversight(cmd.actor, now);
  const report = findReport(state, ctx, cmd.reportKey);
  if (report.status !== 'submitted') {
    throw new CommandError('CONFLICT', 'reportKey', `report ${report.key} is ${report.status}; only a submitted report can be ${decision === 'approve' ? 'approved' : 'returned'}`);
  }
  if (decision === 'return') requireText(cmd.comments, 'comments');
  else if (cmd.comments !== undefined && cmd.comments !== '') requireText(cmd.comments, 'comments');
  return report;
}

export function approveReport(state: MeasureState, ctx: MeasureContext, cmd: DecideReportCommand, now: number): Change[] {
  const report = checkDecideReport(state, ctx, cmd, 'approve', now);
  const changes = withAuthority(authorityNote(oversightGrant(cmd.actor, now)), [updateReport(report, 'report.approved', cmd.actor, now, (r) => {
    r.status = 'approved';
    r.comments = cmd.comments?.trim() || r.comments;
    r.decidedAt = iso(now);
    r.decidedBy = cmd.actor.id;
  })]);
  return [...changes, ...advance(state, ctx, now)];
}

/** How a return is applied; the workflow decides it by its versioning (a rule running measures recorded without). */
export interface ReturnRules {
  /** The returned report starts a new delivery round, due `resubmissionDays` after the return. */
  fallsDueAgain: boolean;
}

export function returnReport(state: MeasureState, ctx: MeasureContext, cmd: DecideReportCommand, now: number, rules: ReturnRules = { fallsDueAgain: true }): Change[] {
  const report = checkDecideReport(state, ctx, cmd, 'return', now);
  return withAuthority(authorityNote(oversightGrant(cmd.actor, now)), [updateReport(report, 'report.returned', cmd.actor, now, (r) => {
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
  })]);
}

/** The pre-filled report: the period's tasks (approved ones carry their note and evidence). */
function draftLines(state: MeasureState, ctx: MeasureContext, start: string, end: string): ReportDraftLine[] {
  const quarters = ctx.calendar.quarters.filter((q) => ms(q.start) < ms(end) && ms(q.end) > ms(start)).map((q) => q.quarter);
  return state.tasks
    .filter((t) => quarters.includes(t.quarter) && t.status !== 'withdrawn')
    .sort((a, b) => a.quarter - b.quarter || a.stepNumber - b.stepNumber || a.unitCode.localeCompare(b.unitCode))
    .map((t) => ({
      stepNumber: t.stepNumber, quarter: t.quarter, unitCode: t.unitCode, status: t.status,
      progress: t.status === 'approved' ? t.submission?.progress : undefined,
      note: t.status === 'approved' ? t.submission?.note : undefined,
      evidenceCount: t.status === 'approved' ? t.submission?.evidence.length ?? 0 : 0,
    }));
}

const PROGRESS_TH: Record<Progress, string> = { 'done': 'ดำเนินการแล้ว', 'partly-done': 'ดำเนินการบางส่วน', 'not-done': 'ยังไม่ได้ดำเนินการ' };

/** The draft as Thai text, used when the unit submits without writing its own summary. */
export function draftText(ctx: MeasureContext, report: ReportState): string {
  const lines = [`รายงานผลการดำเนินงานตามมาตรการ ${ctx.measure.code} ${ctx.measure.title}`, report.periodLabel];
  for (const line of report.draft) {
    const state = line.status === 'approved' ? PROGRESS_TH[line.progress ?? 'not-done'] : 'ยังไม่ได้รับอนุมัติ';
    lines.push(`- ไตรมาสที่ ${line.quarter} ขั้นตอนที่ ${line.stepNumber} (${line.unitCode}): ${state}${line.note ? ` — ${line.note}` : ''}${line.evidenceCount ? ` [หลักฐาน ${line.evidenceCount} รายการ]` : ''}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Amendments

export function checkAmend(state: MeasureState, ctx: MeasureContext, cmd: AmendCommand, now: number): void {
  requireActor(cmd.actor, ctx);
  requireRole(cmd.actor, ['planner', 'deputy-director', 'director']);
  if (cmd.actor.role !== 'planner') requireOversight(cmd.actor, now);
  requireText(cmd.reason, 'reason');
  if (state.status === 'completed') throw new CommandError('CONFLICT', 'change', 'the measure has completed; it can no longer be amended');
  const c = cmd.change;
  const step = (n: number) => {
    if (!state.steps.some((s) => s.number === n)) throw new CommandError('NOT_FOUND', 'change.stepNumber', `step ${n} is not a step of this measure`);
  };
  const quarters = (q: unknown) => {
    if (!Array.isArray(q) || q.length === 0 || !q.every(isQuarter) || q.some((x, i) => i > 0 && x <= q[i - 1])) {
      throw new CommandError('INVALID', 'change.quarters', 'must be quarters 1–4, ascending, at least one');
    }
  };
  switch (c?.kind) {
    case 'add-step': requireText(c.text, 'change.text'); quarters(c.quarters); return;
    case 'remove-step':
      step(c.stepNumber);
      if (state.steps.length === 1) throw new CommandError('CONFLICT', 'change.stepNumber', 'a measure keeps at least one step');
      return;
    case 'set-step-quarters': step(c.stepNumber); quarters(c.quarters); return;
    case 'set-units':
      if (!Array.isArray(c.units) || c.units.length === 0 || c.units.length > 100
        || !c.units.every((u) => typeof u?.code === 'string' && CODE_PATTERN.test(u.code) && typeof u.name === 'string' && u.name.length <= 300)
        || new Set(c.units.map((u) => u.code)).size !== c.units.length) {
        throw new CommandError('INVALID', 'change.units', 'must list 1–100 distinct units {code (A–Z, 0–9, _ or -, at most 32), name}');
      }
      return;
    case 'set-cadences':
      if (!Array.isArray(c.cadences) || c.cadences.length === 0 || !c.cadences.every((x) => CADENCES.includes(x))) {
        throw new CommandError('INVALID', 'change.cadences', `must list at least one of ${CADENCES.join(', ')}`);
      }
      return;
    default:
      throw new CommandError('INVALID', 'change.kind', `${JSON.stringify((c as { kind?: unknown })?.kind)} is not one of add-step, remove-step, set-step-quarters, set-units, set-cadences`);
  }
}

/** Applies an amendment from now on: finished work stays as it is, pending work of what was removed is withdrawn. */
export function amend(state: MeasureState, ctx: MeasureContext, cmd: AmendCommand, now: number): Change[] {
  checkAmend(state, ctx, cmd, now);
  const before = { steps: clone(state.steps), units: clone(state.units), cadences: clone(state.cadences) };
  const changes: Change[] = [];
  const current = state.currentQuarter;
  const withdraw = (pick: (t: TaskState) => boolean) => state.tasks
    .filter((t) => pick(t) && isPending(t))
    .map((t) => updateTask(t, 'task.withdrawn', cmd.actor, now, (x) => { x.status = 'withdrawn'; }));
  const c = cmd.change;
  switch (c.kind) {
    case 'add-step': {
      // Never reuse a number: tasks of a removed step keep theirs.
      const number = Math.max(...state.steps.map((s) => s.number), ...state.tasks.map((t) => t.stepNumber), ...ctx.measure.steps.map((s) => s.number)) + 1;
      state.steps.push({ number, text: c.text.trim(), quarters: [...c.quarters] });
      if (current && c.quarters.includes(current)) changes.push(...openTasks(state, ctx, current, number, state.units.map((u) => u.code), now));
      break;
    }
    case 'remove-step':
      state.steps = state.steps.filter((s) => s.number !== c.stepNumber);
      changes.push(...withdraw((t) => t.stepNumber === c.stepNumber));
      break;
    case 'set-step-quarters': {
      const step = state.steps.find((s) => s.number === c.stepNumber)!;
      const wasActive = current !== null && step.quarters.includes(current);
      step.quarters = [...c.quarters];
      if (current && !wasActive && step.quarters.includes(current)) changes.push(...openTasks(state, ctx, current, step.number, state.units.map((u) => u.code), now));
      if (current && wasActive && !step.quarters.includes(current)) changes.push(...withdraw((t) => t.stepNumber === step.number && t.quarter === current));
      break;
    }
    case 'set-units': {
      const removed = state.units.filter((u) => !c.units.some((n) => n.code === u.code)).map((u) => u.code);
      const added = c.units.filter((n) => !state.units.some((u) => u.code === n.code)).map((u) => u.code);
      state.units = clone(c.units);
      changes.push(...withdraw((t) => removed.includes(t.unitCode)));
      if (current) {
        for (const step of state.steps.filter((s) => s.quarters.includes(current))) changes.push(...openTasks(state, ctx, current, step.number, added, now));
      }
      for (const r of state.reports.filter((x) => x.status !== 'approved')) {
        changes.push(updateReport(r, 'report.units-changed', cmd.actor, now, (x) => { x.units = state.units.map((u) => u.code); }));
      }
      break;
    }
    case 'set-cadences':
      state.cadences = c.cadences.map((cadence) => state.cadences.find((x) => x.cadence === cadence) ?? { cadence, since: iso(now) });
      break;
  }
  state.amendments.push({ change: clone(c), reason: cmd.reason.trim(), at: iso(now), by: cmd.actor.id });
  changes.unshift(change('measure.amended', cmd.actor, 'measure', state.measureCode, now, before,
    { steps: clone(state.steps), units: clone(state.units), cadences: clone(state.cadences), reason: cmd.reason.trim() }));
  return [...changes, ...advance(state, ctx, now)];
}

// ---------------------------------------------------------------------------------------------
// Helpers

function openTasks(state: MeasureState, ctx: MeasureContext, quarter: Quarter, stepNumber: number, unitCodes: string[], now: number): Change[] {
  const period = ctx.calendar.quarters.find((q) => q.quarter === quarter)!;
  const changes: Change[] = [];
  for (const unitCode of unitCodes) {
    const key = taskKey(quarter, stepNumber, unitCode);
    const existing = state.tasks.find((t) => t.key === key);
    if (existing && existing.status !== 'withdrawn') continue;
    const task: TaskState = { key, quarter, stepNumber, unitCode, status: 'open', overdue: now >= ms(period.end), openedAt: iso(now), dueAt: period.end, returnCount: 0 };
    if (existing) state.tasks[state.tasks.indexOf(existing)] = task;
    else state.tasks.push(task);
    changes.push(change('task.opened', SYSTEM_ACTOR, 'task', key, now, undefined, clone(task)));
  }
  return changes;
}

/**
 * The report is still to be delivered for its current round and has not yet fallen due: an open
 * report, or one returned into a new round. (A report returned without a round, before returned
 * reports fell due again, stays as it was.)
 */
function fallsDue(r: ReportState): boolean {
  if (r.overdue) return false;
  return r.status === 'open' || (r.status === 'returned' && (r.round ?? 1) > 1);
}

function isPending(t: TaskState): boolean {
  return t.status === 'open' || t.status === 'submitted' || t.status === 'returned';
}

function escalates(ctx: MeasureContext, cadence: Cadence): boolean {
  return cadence === 'semiannual' || ctx.policy.escalateCadences.includes(cadence);
}

function inForce(state: MeasureState, cadence: Cadence): boolean {
  return state.cadences.some((c) => c.cadence === cadence);
}

function findTask(state: MeasureState, key: unknown): TaskState {
  const task = state.tasks.find((t) => t.key === key);
  if (!task) throw new CommandError('NOT_FOUND', 'taskKey', `no task ${JSON.stringify(key)} in measure ${state.measureCode}`);
  return task;
}

function findReport(state: MeasureState, ctx: MeasureContext, key: unknown): ReportState {
  const report = state.reports.find((r) => r.key === key);
  if (report) return report;
  for (const { cadence } of state.cadences) {
    const period = reportingPeriods(ctx.calendar, cadence).find((p) => reportKey(cadence, p.index) === key);
    if (period) throw new CommandError('CONFLICT', 'reportKey', `report ${String(key)} is not due yet: it opens when its period ends (${period.end})`);
  }
  throw new CommandError('NOT_FOUND', 'reportKey', `no report ${JSON.stringify(key)} in measure ${state.measureCode}`);
}

/** The actor is known and belongs to this measure's organization. */
function requireActor(actor: Actor, ctx: MeasureContext): void {
  if (!actor || typeof actor.id !== 'string' || !actor.id) throw new CommandError('FORBIDDEN', 'actor', 'the acting user is unknown');
  if (actor.organizationCode !== ctx.organizationCode) {
    throw new CommandError('FORBIDDEN', 'actor.organization', `this measure belongs to ${ctx.organizationCode}, not to ${actor.organizationCode ?? '(no organization)'}`);
  }
}

function requireRole(actor: Actor, roles: Actor['role'][]): void {
  if (!roles.includes(actor.role)) throw new CommandError('FORBIDDEN', 'actor.role', `a ${actor.role} cannot do this; it takes a ${roles.join(' or ')}`);
}

function requireOversight(actor: Actor, now: number): void {
  if (holdsOversight(actor, now)) return;
  if (actor.role === 'deputy-director') {
    throw new CommandError('FORBIDDEN', 'actor.delegation', "the Deputy Director decides reports only while holding the Director's delegation, and holds none in force today");
  }
  requireRole(actor, ['director', 'deputy-director']);
}

/**
 * Refuses an actor without the unit authority a command needs: by role if he has no unit work
 * (or no headship) at all, else because it is not this unit.
 */
function refuseUnit(actor: Actor, needs: 'work' | 'head', message: string): never {
  if (needs === 'work' && !worksForAUnit(actor)) requireRole(actor, ['unit-staff', 'unit-head']);
  if (needs === 'head' && !headsAUnit(actor)) requireRole(actor, ['unit-head']);
  throw new CommandError('FORBIDDEN', 'actor.unit', message);
}

function withAuthority(authority: string | null, changes: Change[]): Change[] {
  if (authority) for (const c of changes) c.authority = authority;
  return changes;
}

function requireText(value: unknown, path: string, max = MAX_NOTE): void {
  if (typeof value !== 'string' || value.trim() === '') throw new CommandError('INVALID', path, 'is required');
  if (value.length > max) throw new CommandError('INVALID', path, `is ${value.length} characters; at most ${max}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value)) throw new CommandError('INVALID', path, 'contains control characters');
}

function checkEvidence(ctx: MeasureContext, task: TaskState, evidence: unknown, progress: Progress): void {
  if (!Array.isArray(evidence)) throw new CommandError('INVALID', 'evidence', 'must be a list (may be empty)');
  if (evidence.length > MAX_EVIDENCE) throw new CommandError('INVALID', 'evidence', `has ${evidence.length} items; at most ${MAX_EVIDENCE}`);
  if (progress === 'done' && evidence.length === 0) throw new CommandError('INVALID', 'evidence', 'a step reported as done needs at least one piece of evidence');
  const applicable = ctx.measure.monitoringGuidelines.filter((g) => !g.steps || g.steps.includes(task.stepNumber)).map((g) => g.number);
  evidence.forEach((e: Evidence, i) => {
    const path = `evidence[${i}]`;
    if (!e || (e.kind !== 'link' && e.kind !== 'file')) throw new CommandError('INVALID', `${path}.kind`, 'must be link or file');
    if (typeof e.url !== 'string' || !(e.kind === 'link' ? /^https?:\/\/[^\s]+$/ : /^\/api\/evidence\/[A-Za-z0-9-]+$/).test(e.url) || e.url.length > 1000) {
      throw new CommandError('INVALID', `${path}.url`, e.kind === 'link' ? 'must be an http(s) link' : 'must be the path of an uploaded file (/api/evidence/…)');
    }
    requireText(e.name, `${path}.name`, 300);
    if (!Array.isArray(e.guidelines) || !e.guidelines.every((g) => applicable.includes(g)) || (applicable.length > 0 && e.guidelines.length === 0)) {
      throw new CommandError('INVALID', `${path}.guidelines`, `must name the monitoring guidelines it answers, from ${applicable.join(', ') || '(none)'}`);
    }
  });
}

function change(action: string, actor: Actor, entity: Change['entity'], key: string, now: number, before: unknown, after: unknown): Change {
  return { action, actor, entity, key, before: clone(before), after: clone(after), at: iso(now) };
}

function updateTask(task: TaskState, action: string, actor: Actor, now: number, mutate: (t: TaskState) => void): Change {
  const before = clone(task);
  mutate(task);
  return change(action, actor, 'task', task.key, now, before, task);
}

function updateReport(report: ReportState, action: string, actor: Actor, now: number, mutate: (r: ReportState) => void): Change {
  const before = clone(report);
  mutate(report);
  return change(action, actor, 'report', report.key, now, before, report);
}

function escalationChange(report: ReportState, action: string, now: number, ctx: MeasureContext, actor: Actor = SYSTEM_ACTOR): Change {
  const e = report.escalation as Escalation;
  return change(action, actor, 'escalation', report.key, now, undefined, { ...e, reportKey: report.key, cadence: report.cadence, units: report.units, daysLate: daysLate(report, ctx, now) });
}

function measureChange(state: MeasureState, action: string, now: number, after: object): Change {
  return change(action, SYSTEM_ACTOR, 'measure', state.measureCode, now, undefined, after);
}
