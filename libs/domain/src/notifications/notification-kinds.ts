/**
 * What people are told, and the defaults of how: the one list of notification kinds (the API's
 * contract, the preferences, the templates and the sender are checked against it), which kinds
 * are gathered into a daily digest, and the defaults a person or an organization starts with.
 * Pure: no I/O.
 */

export const NOTIFICATION_KINDS = [
  /** New tasks for one's unit: gathered into one digest per person per day. */
  'task-opened',
  /** A task waits for the unit head's approval. */
  'task-submitted',
  /** A task came back to the person who submitted it, with the reason. */
  'task-returned',
  /** A task's due date is near (by default 7 days and 1 day before). */
  'task-reminder',
  /** A task is past its due date, still not done. */
  'task-overdue',
  'report-opened',
  /** A report waits for the Director's (or his delegate's) approval. */
  'report-submitted',
  'report-returned',
  'report-approved',
  'report-reminder',
  'report-overdue',
  /** A late report escalated to whoever holds the oversight that day (copy to the units' heads). */
  'escalation-raised',
  'escalation-repeated',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds whose e-mail waits for the person's digest hour, one mail for all of them that day. */
export const DIGEST_KINDS: readonly NotificationKind[] = ['task-opened'];

export const NOTIFICATION_LANGUAGES = ['th', 'en'] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

export interface NotificationPreferences {
  language: NotificationLanguage;
  /** The hour of the day (Asia/Bangkok, 0–23) the digest and the reminders are sent. */
  digestHour: number;
  /** The kinds that also come by e-mail; every kind always reaches the in-app notification centre. */
  emailKinds: NotificationKind[];
}

/** What a person who never chose gets: Thai, at 08:00, every kind by e-mail. */
export const DEFAULT_PREFERENCES: NotificationPreferences = {
  language: 'th',
  digestHour: 8,
  emailKinds: [...NOTIFICATION_KINDS],
};

/** Days before a due date the reminders go, for an organization that set nothing else. */
export const DEFAULT_REMINDER_DAYS: readonly number[] = [7, 1];

/** What an organization may set as its reminder days: whole days from `min` to `max` before, each once, at most `count`. */
export const REMINDER_DAYS_LIMITS = { min: 1, max: 60, count: 5 } as const;

/** The kinds of a reminder and of an overdue notice, for a task or a report. */
export const REMINDER_KIND = { task: 'task-reminder', report: 'report-reminder' } as const;
