/**
 * Tasks: one per quarter, step and unit that carries the step out (its owners; every responsible
 * unit when it names none). A unit's staff submits with evidence, its head (or acting head)
 * approves or returns; a step's quarter is complete when every unit's task is approved.
 */
import { SYSTEM_ACTOR } from '../access/actor';
import type { Actor } from '../access/actor';
import type { Quarter } from '../fiscal-calendar';
import { ALL_UNITS } from '../plan/plan.types';
import type { StepDef } from '../plan/plan.types';
import { actingHeadGrant, actsForUnit, authorityNote, headsUnit } from '../access/authority';
import { change, clone, iso, ms, updateTask, withAuthority } from './change-records';
import { checkEvidence, CommandError, refuseUnit, requireActor, requireText } from './command-guards';
import type { Change, Evidence, MeasureContext, MeasureState, Progress, TaskState } from './measure.types';
import { PROGRESS } from './measure.types';

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

export function taskKey(quarter: Quarter, stepNumber: number, unitCode: string): string {
  return `Q${quarter}-S${stepNumber}-${unitCode}`;
}

/**
 * Whether step owners, the lead unit and a reporting line's `from` apply (the workflow's rules;
 * a measure recorded before them gives every unit everything). Ask it only where they would
 * change something.
 */
export function ownersApply(ctx: MeasureContext): boolean {
  return ctx.rules?.stepOwners?.() ?? true;
}

/**
 * The units among `candidates` (the measure's units, or those an amendment adds) that get the
 * step's tasks: its owners, or every candidate when it names none or is owned by ALL. An owner
 * that is not (or no longer) one of the measure's units gets nothing.
 */
export function taskUnits(
  state: MeasureState,
  ctx: MeasureContext,
  step: StepDef,
  candidates: string[] = state.units.map((u) => u.code),
): string[] {
  const owners = step.owners;
  if (!owners || owners.includes(ALL_UNITS)) return candidates;
  const owned = candidates.filter((code) => owners.includes(code));
  if (owned.length === candidates.length || !ownersApply(ctx)) return candidates;
  return owned;
}

export function openTasks(
  state: MeasureState,
  ctx: MeasureContext,
  quarter: Quarter,
  stepNumber: number,
  unitCodes: string[],
  now: number,
): Change[] {
  const period = ctx.calendar.quarters.find((q) => q.quarter === quarter)!;
  const changes: Change[] = [];
  for (const unitCode of unitCodes) {
    const key = taskKey(quarter, stepNumber, unitCode);
    const existing = state.tasks.find((t) => t.key === key);
    if (existing && existing.status !== 'withdrawn') continue;
    const task: TaskState = {
      key,
      quarter,
      stepNumber,
      unitCode,
      status: 'open',
      overdue: now >= ms(period.end),
      openedAt: iso(now),
      dueAt: period.end,
      returnCount: 0,
    };
    if (existing) state.tasks[state.tasks.indexOf(existing)] = task;
    else state.tasks.push(task);
    changes.push(change('task.opened', SYSTEM_ACTOR, 'task', key, now, undefined, clone(task)));
  }
  return changes;
}

export function isPending(t: TaskState): boolean {
  return t.status === 'open' || t.status === 'submitted' || t.status === 'returned';
}

export function findTask(state: MeasureState, key: unknown): TaskState {
  const task = state.tasks.find((t) => t.key === key);
  if (!task)
    throw new CommandError('NOT_FOUND', 'taskKey', `no task ${JSON.stringify(key)} in measure ${state.measureCode}`);
  return task;
}

export function checkSubmitTask(
  state: MeasureState,
  ctx: MeasureContext,
  cmd: SubmitTaskCommand,
  now: number,
): TaskState {
  requireActor(cmd.actor, ctx);
  const task = findTask(state, cmd.taskKey);
  if (!actsForUnit(cmd.actor, task.unitCode, now)) {
    refuseUnit(
      cmd.actor,
      'work',
      `task ${task.key} belongs to unit ${task.unitCode}, not ${cmd.actor.unitCode ?? '(none)'}`,
    );
  }
  if (task.status !== 'open' && task.status !== 'returned') {
    throw new CommandError(
      'CONFLICT',
      'taskKey',
      `task ${task.key} is ${task.status}; only an open or returned task can be submitted`,
    );
  }
  requireText(cmd.note, 'note');
  if (!PROGRESS.includes(cmd.progress))
    throw new CommandError(
      'INVALID',
      'progress',
      `${JSON.stringify(cmd.progress)} is not one of ${PROGRESS.join(', ')}`,
    );
  checkEvidence(ctx, task, cmd.evidence, cmd.progress);
  return task;
}

export function submitTask(state: MeasureState, ctx: MeasureContext, cmd: SubmitTaskCommand, now: number): Change[] {
  const task = checkSubmitTask(state, ctx, cmd, now);
  return withAuthority(authorityNote(actingHeadGrant(cmd.actor, task.unitCode, now)), [
    updateTask(task, 'task.submitted', cmd.actor, now, (t) => {
      t.status = 'submitted';
      t.submission = { note: cmd.note.trim(), progress: cmd.progress, evidence: clone(cmd.evidence) };
      t.submittedAt = iso(now);
      t.submittedBy = cmd.actor.id;
    }),
  ]);
}

export function checkDecideTask(
  state: MeasureState,
  ctx: MeasureContext,
  cmd: DecideTaskCommand,
  decision: 'approve' | 'return',
  now: number,
): TaskState {
  requireActor(cmd.actor, ctx);
  const task = findTask(state, cmd.taskKey);
  if (!headsUnit(cmd.actor, task.unitCode, now)) {
    refuseUnit(
      cmd.actor,
      'head',
      `only the head (or acting head) of ${task.unitCode} can ${decision} task ${task.key}`,
    );
  }
  if (task.status !== 'submitted') {
    throw new CommandError(
      'CONFLICT',
      'taskKey',
      `task ${task.key} is ${task.status}; only a submitted task can be ${decision === 'approve' ? 'approved' : 'returned'}`,
    );
  }
  if (task.submittedBy === cmd.actor.id) {
    throw new CommandError(
      'FORBIDDEN',
      'actor',
      `${cmd.actor.id} submitted task ${task.key} and cannot also decide it`,
    );
  }
  if (decision === 'return') requireText(cmd.reason, 'reason');
  return task;
}

/** Approves a submitted task (what follows in time, the caller applies: see measure-machine.ts). */
export function applyTaskApproval(
  state: MeasureState,
  ctx: MeasureContext,
  cmd: DecideTaskCommand,
  now: number,
): Change[] {
  const task = checkDecideTask(state, ctx, cmd, 'approve', now);
  return withAuthority(authorityNote(actingHeadGrant(cmd.actor, task.unitCode, now)), [
    updateTask(task, 'task.approved', cmd.actor, now, (t) => {
      t.status = 'approved';
      t.decidedAt = iso(now);
      t.decidedBy = cmd.actor.id;
    }),
  ]);
}

export function returnTask(state: MeasureState, ctx: MeasureContext, cmd: DecideTaskCommand, now: number): Change[] {
  const task = checkDecideTask(state, ctx, cmd, 'return', now);
  return withAuthority(authorityNote(actingHeadGrant(cmd.actor, task.unitCode, now)), [
    updateTask(task, 'task.returned', cmd.actor, now, (t) => {
      t.status = 'returned';
      t.returnReason = cmd.reason!.trim();
      t.returnCount += 1;
      t.decidedAt = iso(now);
      t.decidedBy = cmd.actor.id;
    }),
  ]);
}

/** A step's quarter is complete only when every responsible unit's task for it is approved. */
export function stepQuarterComplete(state: MeasureState, quarter: Quarter, stepNumber: number): boolean {
  const tasks = state.tasks.filter(
    (t) => t.quarter === quarter && t.stepNumber === stepNumber && t.status !== 'withdrawn',
  );
  return tasks.length > 0 && tasks.every((t) => t.status === 'approved');
}

export const QUARTER_STATUSES = ['not-started', 'in-progress', 'complete', 'overdue', 'no-steps'] as const;
export type QuarterStatus = (typeof QUARTER_STATUSES)[number];

export function quarterStatus(state: MeasureState, quarter: Quarter): QuarterStatus {
  const tasks = state.tasks.filter((t) => t.quarter === quarter && t.status !== 'withdrawn');
  const opened = state.quarters.find((q) => q.quarter === quarter)?.opened;
  if (!opened) return state.steps.some((s) => s.quarters.includes(quarter)) ? 'not-started' : 'no-steps';
  if (tasks.length === 0) return 'no-steps';
  if (tasks.every((t) => t.status === 'approved')) return 'complete';
  return tasks.some((t) => t.overdue) ? 'overdue' : 'in-progress';
}
