/**
 * Who is told what: the one place the rules of recipients live. A measure's change (as its audit
 * record has it) or a due date coming near becomes notifications of a kind, each for a person,
 * judged on the day it happens: the unit's staff and head, an acting head while his delegation is
 * in force, whoever holds the Director's oversight that day. Only the units a task belongs to
 * (its step's owners) are told of it. Pure and deterministic.
 */
import type { UserRole } from '../access/actor';
import { delegationInForce, oversightHolderAt, type DelegationRecord } from '../access/authority';
import type { NotificationKind } from './notification-kinds';

/** The people of one organization and their delegations, as the sender reads them. */
export interface Directory {
  people: Array<{ username: string; role: UserRole; unitCode: string | null; active: boolean }>;
  delegations: DelegationRecord[];
}

/** A change of a measure that may tell someone: an audit record's facts. */
export interface MeasureEvent {
  action: string;
  entity: string;
  /** The task's or report's key. */
  key: string;
  at: string;
  actorId: string;
  /** The task or report after the change, or the escalation (with reportKey, units, level). */
  after: {
    unitCode?: string;
    units?: string[];
    submittedBy?: string;
    status?: string;
    round?: number;
    level?: number;
  } | null;
  before: { submittedBy?: string } | null;
}

/** `to`: the person the notification is for; `copy`: told for his information (a unit head of an escalation). */
export interface Recipient {
  username: string;
  kind: NotificationKind;
  copy?: boolean;
}

/** The kind each change of a measure that tells anyone is told as; the changes not listed tell nobody. */
export const EVENT_KINDS: Readonly<Record<string, NotificationKind>> = {
  'task.opened': 'task-opened',
  'task.submitted': 'task-submitted',
  'task.returned': 'task-returned',
  'task.overdue': 'task-overdue',
  'report.opened': 'report-opened',
  'report.submitted': 'report-submitted',
  'report.returned': 'report-returned',
  'report.approved': 'report-approved',
  'report.overdue': 'report-overdue',
  'escalation.raised': 'escalation-raised',
  'escalation.repeated': 'escalation-repeated',
};

const active = (dir: Directory) => dir.people.filter((p) => p.active);

/** The unit's head, and its acting heads by delegation in force at `instant`. */
export function unitHeads(dir: Directory, unitCode: string, instant: number): string[] {
  const heads = active(dir)
    .filter((p) => p.role === 'unit-head' && p.unitCode === unitCode)
    .map((p) => p.username);
  const acting = dir.delegations
    .filter((d) => d.kind === 'unit-head' && d.unitCode === unitCode && delegationInForce(d, instant))
    .map((d) => d.delegate);
  return unique([...heads, ...acting]);
}

/** The unit's staff and heads (acting heads included) at `instant`. */
export function unitMembers(dir: Directory, unitCode: string, instant: number): string[] {
  const staff = active(dir)
    .filter((p) => p.role === 'unit-staff' && p.unitCode === unitCode)
    .map((p) => p.username);
  return unique([...staff, ...unitHeads(dir, unitCode, instant)]);
}

/** Whoever holds the Director's oversight at `instant` (his delegate while the delegation is in force). */
export function oversightHolder(dir: Directory, instant: number): string | null {
  const director = active(dir).find((p) => p.role === 'director')?.username ?? null;
  return oversightHolderAt(dir.delegations, director, instant);
}

/** Who is told of one change of a measure, and as what kind; nobody for the changes nobody is told of. */
export function recipientsOfEvent(dir: Directory, event: MeasureEvent): Recipient[] {
  const at = Date.parse(event.at);
  const after = event.after ?? {};
  const unitsOf = () => after.units ?? (after.unitCode ? [after.unitCode] : []);
  const heads = () => unique(unitsOf().flatMap((u) => unitHeads(dir, u, at)));
  const members = () => unique(unitsOf().flatMap((u) => unitMembers(dir, u, at)));
  const submitter = after.submittedBy ?? event.before?.submittedBy;
  const kind = EVENT_KINDS[event.action];
  const to = (usernames: Array<string | null | undefined>): Recipient[] =>
    unique(usernames.filter((u): u is string => !!u)).map((username) => ({ username, kind }));
  switch (kind) {
    case 'task-opened':
    case 'task-overdue':
      return to(members());
    case 'task-submitted':
      // The head who submitted his unit's task himself is not asked to approve it by mail.
      return to(heads().filter((h) => h !== event.actorId));
    case 'task-returned':
      return to([submitter]);
    case 'report-opened':
    case 'report-overdue':
      return to(heads());
    case 'report-submitted':
      return to([oversightHolder(dir, at)]);
    case 'report-returned':
    case 'report-approved':
      return to([...heads(), submitter]);
    case 'escalation-raised':
    case 'escalation-repeated': {
      const holder = oversightHolder(dir, at);
      const copies = heads().filter((h) => h !== holder);
      return [...to([holder]), ...copies.map((username) => ({ username, kind, copy: true }))];
    }
    default:
      return [];
  }
}

/** Who is reminded of a task or a report still to be done: a task's unit members, a report's unit heads. */
export function recipientsOfReminder(
  dir: Directory,
  item: { entity: 'task'; unitCode: string } | { entity: 'report'; units: string[] },
  instant: number,
): string[] {
  return item.entity === 'task'
    ? unitMembers(dir, item.unitCode, instant)
    : unique(item.units.flatMap((u) => unitHeads(dir, u, instant)));
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
