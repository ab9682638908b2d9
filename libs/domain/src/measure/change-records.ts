/**
 * How the measure machine records what it changes: each change a before/after pair with its
 * actor and time (what the projection writes, and the audit trail keeps). Plain data helpers.
 */
import type { AuditAction } from '../audit-actions';
import { SYSTEM_ACTOR } from '../access/actor';
import type { Actor } from '../access/actor';
import type { Change, MeasureState, ReportState, TaskState } from './measure.types';

export const iso = (ms: number) => new Date(ms).toISOString();

export const ms = (isoInstant: string) => Date.parse(isoInstant);

export const clone = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));

export function change(
  action: AuditAction,
  actor: Actor,
  entity: Change['entity'],
  key: string,
  now: number,
  before: unknown,
  after: unknown,
): Change {
  return { action, actor, entity, key, before: clone(before), after: clone(after), at: iso(now) };
}

export function updateTask(
  task: TaskState,
  action: AuditAction,
  actor: Actor,
  now: number,
  mutate: (t: TaskState) => void,
): Change {
  const before = clone(task);
  mutate(task);
  return change(action, actor, 'task', task.key, now, before, task);
}

export function updateReport(
  report: ReportState,
  action: AuditAction,
  actor: Actor,
  now: number,
  mutate: (r: ReportState) => void,
): Change {
  const before = clone(report);
  mutate(report);
  return change(action, actor, 'report', report.key, now, before, report);
}

export function measureChange(state: MeasureState, action: AuditAction, now: number, after: object): Change {
  return change(action, SYSTEM_ACTOR, 'measure', state.measureCode, now, undefined, after);
}

export function withAuthority(authority: string | null, changes: Change[]): Change[] {
  if (authority) for (const c of changes) c.authority = authority;
  return changes;
}
