/**
 * What a person's calendar feed holds: decided by the rules of authority on the instant it is
 * read, since a calendar application fetches it again every few hours and an acting head stands
 * in for a unit only while his delegation is in force. Pure.
 */
import type { Actor } from './access/actor';
import { holdsOversight, unitsActedFor } from './access/authority';
import type { ReportStatus, TaskStatus } from './measure/measure.types';

/** Tasks still to be done or decided: open, returned for rework, or submitted and awaiting the unit head. */
export const FEED_TASK_STATUSES = ['open', 'returned', 'submitted'] as const satisfies readonly TaskStatus[];
/** Reports a unit has still to send. */
export const FEED_UNIT_REPORT_STATUSES = ['open', 'returned'] as const satisfies readonly ReportStatus[];
/** Reports the holder of the oversight follows: those still to be sent, and those awaiting his decision. */
export const FEED_OVERSIGHT_REPORT_STATUSES = [
  'open',
  'returned',
  'submitted',
] as const satisfies readonly ReportStatus[];

export interface FeedScope {
  /** The units whose tasks and reports are his: his own, and those he is acting head of at that instant. */
  units: string[];
  /** Holds the Director's oversight at that instant: every report of the organization still open or awaiting a decision. */
  oversight: boolean;
}

export function feedScope(actor: Actor, now: number): FeedScope {
  return { units: unitsActedFor(actor, now), oversight: holdsOversight(actor, now) };
}
