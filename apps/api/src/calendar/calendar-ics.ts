/**
 * A person's due dates as an iCalendar document (RFC 5545, written by the `ics` package) that
 * Google Calendar and Outlook subscribe to. Each task or report is an all-day event on the last
 * day there is to do it in Asia/Bangkok (a due instant is the exclusive end of a period: due
 * 1 January 00:00 is shown on 31 December, as everywhere else), titled in Thai, with a link to its
 * page in the web app, and a UID that stays the same from one fetch to the next, so a calendar
 * moves or removes the event it has instead of adding another.
 */
import { measureRoute, taskRoute } from '@ita/domain/web-routes';
import { createHash } from 'node:crypto';
import { createEvents, type DateArray } from 'ics';
import type { FEED_OVERSIGHT_REPORT_STATUSES, FEED_TASK_STATUSES } from '@ita/domain/calendar-feed';
import { dueDay, formatThaiDueDate } from '@ita/domain/fiscal-calendar';
import type { ReportEntity, TaskEntity } from '@ita/persistence/entities';

export const BANGKOK_TIME_ZONE = 'Asia/Bangkok';

export interface FeedEvent {
  /** Stable per task or report, e.g. task-measure-TCEB-2565-M01-I7-Q1-S1-PLAN_BUDGET@ita. */
  uid: string;
  /** The Bangkok calendar day of the event, YYYY-MM-DD. */
  day: string;
  title: string;
  description: string;
  url: string;
}

export type FeedTask = Pick<
  TaskEntity,
  | 'workflowId'
  | 'fiscalYear'
  | 'measureCode'
  | 'taskKey'
  | 'quarter'
  | 'stepNumber'
  | 'unitCode'
  | 'status'
  | 'overdue'
  | 'dueAt'
>;
export type FeedReport = Pick<
  ReportEntity,
  'workflowId' | 'fiscalYear' | 'measureCode' | 'reportKey' | 'periodLabel' | 'units' | 'status' | 'overdue' | 'dueAt'
>;

/** The statuses' Thai words, as the web app says them. */
const TASK_STATUS: Record<(typeof FEED_TASK_STATUSES)[number], string> = {
  open: 'รอดำเนินการ',
  returned: 'ส่งกลับแก้ไข',
  submitted: 'รอหัวหน้าอนุมัติ',
};
const REPORT_STATUS: Record<(typeof FEED_OVERSIGHT_REPORT_STATUSES)[number], string> = {
  open: 'รอส่งรายงาน',
  returned: 'ส่งกลับแก้ไข',
  submitted: 'รอพิจารณา',
};

/** The web app's pages (hash routes, segments encoded as its router writes them) under the public URL. */
export function webPages(publicUrl: string) {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    task: (t: FeedTask) => base + taskRoute(t.fiscalYear, t.measureCode, t.taskKey),
    measure: (fiscalYear: number, measureCode: string) => base + measureRoute(fiscalYear, measureCode),
  };
}
type WebPages = ReturnType<typeof webPages>;

/** A UID of the characters every calendar keeps as they are. */
const uidOf = (kind: 'task' | 'report', workflowId: string, key: string) =>
  `${kind}-${workflowId}-${key}`.replace(/[^A-Za-z0-9._-]/g, '-') + '@ita';

/** A task's event; `withUnit` names its unit in the title (for someone who acts for several). */
export function taskEvent(t: FeedTask, stepText: string | null, pages: WebPages, withUnit = false): FeedEvent {
  const url = pages.task(t);
  const status = TASK_STATUS[t.status as keyof typeof TASK_STATUS] ?? t.status;
  return {
    uid: uidOf('task', t.workflowId, t.taskKey),
    day: dueDay(t.dueAt),
    title: `ครบกำหนด: มาตรการ ${t.measureCode} ขั้นตอนที่ ${t.stepNumber} (ไตรมาสที่ ${t.quarter})${withUnit ? ` · ${t.unitCode}` : ''}`,
    description: [
      ...(stepText ? [`ขั้นตอนที่ ${t.stepNumber}: ${stepText}`] : []),
      `หน่วยงาน: ${t.unitCode}`,
      `สถานะ: ${status}${t.overdue ? ' (เลยกำหนด)' : ''}`,
      `วันสุดท้าย: ${formatThaiDueDate(t.dueAt)}`,
      `ปีงบประมาณ พ.ศ. ${t.fiscalYear}`,
      url,
    ].join('\n'),
    url,
  };
}

export function reportEvent(r: FeedReport, pages: WebPages): FeedEvent {
  const url = pages.measure(r.fiscalYear, r.measureCode);
  const status = REPORT_STATUS[r.status as keyof typeof REPORT_STATUS] ?? r.status;
  const what = r.status === 'submitted' ? 'รอพิจารณารายงาน' : 'ครบกำหนดส่งรายงาน';
  return {
    uid: uidOf('report', r.workflowId, r.reportKey),
    day: dueDay(r.dueAt),
    title: `${what}: มาตรการ ${r.measureCode} ${r.periodLabel}`,
    description: [
      r.periodLabel,
      `หน่วยงาน: ${r.units.join(', ')}`,
      `สถานะ: ${status}${r.overdue ? ' (เลยกำหนด)' : ''}`,
      `วันสุดท้ายที่ต้องส่ง: ${formatThaiDueDate(r.dueAt)}`,
      url,
    ].join('\n'),
    url,
  };
}

const dateArray = (day: string, plusDays = 0): DateArray => {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + plusDays));
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
};

/** The calendar: PUBLISH, its name (X-WR-CALNAME), Bangkok as its time zone (X-WR-TIMEZONE) and the events. */
export function calendarDocument(name: string, events: FeedEvent[]): string {
  const { error, value } = createEvents(
    events.map((e) => ({
      uid: e.uid,
      start: dateArray(e.day),
      end: dateArray(e.day, 1),
      title: e.title,
      description: e.description,
      url: e.url,
      status: 'CONFIRMED' as const,
      // A due date marks a day; it does not make the person busy all day.
      transp: 'TRANSPARENT' as const,
      busyStatus: 'FREE' as const,
      categories: ['ITA'],
    })),
    { productId: '-//ITA measures//Calendar feed//TH', method: 'PUBLISH', calName: name },
  );
  if (error || value === null) throw error ?? new Error('the calendar could not be written');
  // The package writes no time zone of the calendar: it goes at the end of the header.
  const headerEnd = value.search(/\r\n(BEGIN:VEVENT|END:VCALENDAR)\r\n/);
  return `${value.slice(0, headerEnd)}\r\nX-WR-TIMEZONE:${BANGKOK_TIME_ZONE}${value.slice(headerEnd)}`;
}

/**
 * A weak entity tag of what the calendar says: two documents with the same events differ only in
 * their DTSTAMP (when they were written), so a client holding this tag has the calendar already.
 */
export function calendarTag(name: string, events: FeedEvent[]): string {
  return `W/"${createHash('sha256')
    .update(JSON.stringify([name, events]))
    .digest('base64url')
    .slice(0, 32)}"`;
}

/** If-None-Match holds this tag (weak comparison, as RFC 9110 has for it), or is `*`. */
export function clientHas(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || opaque(t) === opaque(tag));
}
