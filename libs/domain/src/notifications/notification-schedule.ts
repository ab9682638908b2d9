/**
 * When people are told: the digest of a day and the reminders before a due date, on the
 * measure's own calendar. A day is the calendar's `dayMs` (a real day, or a fraction of a second
 * on a compressed demonstration year), and days begin where due dates fall: a due date is the end
 * of a period, midnight in Bangkok, so on a real calendar the grid is Bangkok's midnights. The
 * person's hour (0–23) is that fraction of the day. Pure.
 */

/** The first instant at or after `after` that is `hour` o'clock on the day grid through `anchor`. */
export function nextHourOfDay(after: number, anchor: number, dayMs: number, hour: number): number {
  const offset = (hour / 24) * dayMs;
  const days = Math.ceil((after - anchor - offset) / dayMs);
  return anchor + days * dayMs + offset;
}

/**
 * When the reminder `days` before a due date goes to a person who reads his mail at `hour`: that
 * hour, `days` days before the last day ends. A reminder whose time came before the item was
 * opened, or after it fell due, is not sent (the item was opened late; the overdue notice says more).
 */
export function reminderAt(
  item: { openedAt: string; dueAt: string },
  days: number,
  dayMs: number,
  hour: number,
): number | null {
  const due = Date.parse(item.dueAt);
  const at = due - days * dayMs + (hour / 24) * dayMs;
  return at >= Date.parse(item.openedAt) && at < due ? at : null;
}

/** Reminder days as an organization may set them: whole days from 1 to 60, each once, latest first. */
export function normalizeReminderDays(days: readonly number[]): number[] {
  return [...new Set(days)].sort((a, b) => b - a);
}
