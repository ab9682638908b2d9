/**
 * What a notification says, in Thai or in English: its title and text in the notification centre,
 * and the e-mail (subject, plain text and HTML, with a link into the app) for one notification
 * or for a day's digest. Due dates are shown as the last day there is to act, Buddhist era in
 * Thai, Asia/Bangkok. Plain functions over plain facts (no template engine: a dozen short
 * sentences, and every value is escaped in one place, `html`).
 */
import { BANGKOK_UTC_OFFSET_MS, formatThaiDueDate } from '../fiscal-calendar';
import type { NotificationKind, NotificationLanguage } from './notification-kinds';

/** The facts a notification is written from. */
export interface NotificationFacts {
  kind: NotificationKind;
  fiscalYear: number;
  measureCode: string;
  measureTitle?: string;
  task?: {
    quarter: number;
    stepNumber: number;
    unitCode: string;
    unitName?: string;
    dueAt: string;
    returnReason?: string;
  };
  report?: { periodLabel: string; dueAt: string; comments?: string };
  escalation?: { level: number; daysLate?: number };
  /** A reminder: days left before the due date. */
  daysBefore?: number;
  /** A copy for information (a unit head's copy of an escalation). */
  copy?: boolean;
}

export interface NotificationText {
  title: string;
  body: string;
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const SUBJECT_PREFIX = '[ITA]';

function dueDate(lang: NotificationLanguage, instant: string): string {
  if (lang === 'th') return formatThaiDueDate(instant);
  const lastDay = new Date(Date.parse(instant) - 1 + BANGKOK_UTC_OFFSET_MS);
  return lastDay.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The title and text of one notification. */
export function notificationText(lang: NotificationLanguage, f: NotificationFacts): NotificationText {
  const th = lang === 'th';
  const measure = th ? `มาตรการ ${f.measureCode}` : `measure ${f.measureCode}`;
  const named = f.measureTitle ? `${measure} ${f.measureTitle}` : measure;
  const task = f.task;
  const step = task
    ? th
      ? `ขั้นตอนที่ ${task.stepNumber} ไตรมาสที่ ${task.quarter} (${task.unitName ?? task.unitCode})`
      : `step ${task.stepNumber}, Q${task.quarter} (${task.unitName ?? task.unitCode})`
    : '';
  const report = f.report ? (th ? `รายงานผล${f.report.periodLabel}` : `the report for ${f.report.periodLabel}`) : '';
  const due = task ? dueDate(lang, task.dueAt) : f.report ? dueDate(lang, f.report.dueAt) : '';
  const byDue = th ? `ภายในวันที่ ${due}` : `by ${due}`;
  const days = f.daysBefore ?? 0;
  switch (f.kind) {
    case 'task-opened':
      return th
        ? { title: `งานใหม่: ${measure} ${step}`, body: `${named}: ${step} เปิดให้ดำเนินการแล้ว ${byDue}` }
        : { title: `New task: ${measure} ${step}`, body: `${named}: ${step} is open, due ${byDue}.` };
    case 'task-submitted':
      return th
        ? { title: `รออนุมัติ: ${measure} ${step}`, body: `มีการส่งผลการดำเนินงาน ${named} ${step} รอหัวหน้าส่วนงานอนุมัติ` }
        : {
            title: `Awaiting approval: ${measure} ${step}`,
            body: `${named}: ${step} was submitted and awaits the unit head's approval.`,
          };
    case 'task-returned':
      return th
        ? {
            title: `ส่งกลับแก้ไข: ${measure} ${step}`,
            body: `${named} ${step} ถูกส่งกลับ เหตุผล: ${task?.returnReason ?? '-'}`,
          }
        : {
            title: `Returned: ${measure} ${step}`,
            body: `${named}: ${step} was returned. Reason: ${task?.returnReason ?? '-'}`,
          };
    case 'task-reminder':
      return th
        ? { title: `เตือน: อีก ${days} วันครบกำหนด ${measure} ${step}`, body: `${named} ${step} ครบกำหนด${byDue}` }
        : {
            title: `Reminder: ${measure} ${step} is due in ${days} day${days === 1 ? '' : 's'}`,
            body: `${named}: ${step} is due ${byDue}.`,
          };
    case 'task-overdue':
      return th
        ? { title: `เลยกำหนด: ${measure} ${step}`, body: `${named} ${step} เลยกำหนดวันที่ ${due} แล้วและยังไม่แล้วเสร็จ` }
        : { title: `Overdue: ${measure} ${step}`, body: `${named}: ${step} was due on ${due} and is not done.` };
    case 'report-opened':
      return th
        ? { title: `เปิดรายงาน: ${measure} ${report}`, body: `ถึงรอบจัดทำ${report} ของ${named} ${byDue}` }
        : { title: `Report open: ${measure}, ${report}`, body: `${report} of ${named} is open, due ${byDue}.` };
    case 'report-submitted':
      return th
        ? { title: `รายงานรออนุมัติ: ${measure} ${report}`, body: `${report} ของ${named} ส่งแล้ว รอการพิจารณาอนุมัติ` }
        : {
            title: `Report awaiting approval: ${measure}, ${report}`,
            body: `${report} of ${named} was submitted for approval.`,
          };
    case 'report-returned':
      return th
        ? {
            title: `รายงานถูกส่งกลับ: ${measure} ${report}`,
            body: `${report} ของ${named} ถูกส่งกลับ ความเห็น: ${f.report?.comments ?? '-'}`,
          }
        : {
            title: `Report returned: ${measure}, ${report}`,
            body: `${report} of ${named} was returned. Comments: ${f.report?.comments ?? '-'}`,
          };
    case 'report-approved':
      return th
        ? { title: `อนุมัติรายงานแล้ว: ${measure} ${report}`, body: `${report} ของ${named} ได้รับการอนุมัติแล้ว` }
        : { title: `Report approved: ${measure}, ${report}`, body: `${report} of ${named} was approved.` };
    case 'report-reminder':
      return th
        ? { title: `เตือน: อีก ${days} วันครบกำหนด${report} ${measure}`, body: `${report} ของ${named} ครบกำหนด${byDue}` }
        : {
            title: `Reminder: ${report} of ${measure} is due in ${days} day${days === 1 ? '' : 's'}`,
            body: `${report} of ${named} is due ${byDue}.`,
          };
    case 'report-overdue':
      return th
        ? { title: `รายงานเลยกำหนด: ${measure} ${report}`, body: `${report} ของ${named} เลยกำหนดวันที่ ${due} แล้ว` }
        : { title: `Report overdue: ${measure}, ${report}`, body: `${report} of ${named} was due on ${due}.` };
    case 'escalation-raised':
    case 'escalation-repeated': {
      const level = f.escalation?.level ?? 1;
      const late = f.escalation?.daysLate;
      const copy = f.copy ? (th ? ' (สำเนาถึงหัวหน้าส่วนงาน)' : ' (copy to the unit head)') : '';
      const again = f.kind === 'escalation-repeated';
      return th
        ? {
            title: `${again ? `แจ้งซ้ำครั้งที่ ${level}` : 'รายงานล่าช้า'}: ${measure} ${report}${copy}`,
            body: `${report} ของ${named} ยังไม่ได้ส่ง${late !== undefined ? ` ล่าช้า ${late} วัน` : ''} (กำหนดวันที่ ${due})`,
          }
        : {
            title: `${again ? `Escalation, round ${level}` : 'Late report'}: ${measure}, ${report}${copy}`,
            body: `${report} of ${named} has not been delivered${late !== undefined ? `, ${late} days late` : ''} (due ${due}).`,
          };
    }
  }
}

/** Escapes text for HTML: the one place a value goes into markup. */
export function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const OPEN = { th: 'เปิดในระบบ', en: 'Open in the app' };
const FOOTER = {
  th: 'อีเมลนี้ส่งจากระบบติดตามมาตรการ ITA ตั้งค่าการแจ้งเตือนได้ที่หน้า "การแจ้งเตือน" ในระบบ',
  en: 'Sent by the ITA measures system. Choose what comes by e-mail on the Notifications page of the app.',
};
const GREETING = { th: (name: string) => `เรียน ${name}`, en: (name: string) => `Dear ${name},` };

function layout(lang: NotificationLanguage, name: string, blocks: string[], settingsLink: string): string {
  return [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"></head>`,
    `<body style="font-family: 'Sarabun', 'Noto Sans Thai', Tahoma, sans-serif; line-height: 1.5; color: #1f2937">`,
    `<p>${html(GREETING[lang](name))}</p>`,
    ...blocks,
    `<p style="color: #6b7280; font-size: 0.85em"><a href="${html(settingsLink)}">${html(FOOTER[lang])}</a></p>`,
    `</body></html>`,
  ].join('\n');
}

/** The e-mail of one notification. */
export function notificationMail(
  lang: NotificationLanguage,
  name: string,
  n: NotificationText & { link: string },
  settingsLink: string,
): MailContent {
  return {
    subject: `${SUBJECT_PREFIX} ${n.title}`,
    text: `${GREETING[lang](name)}\n\n${n.body}\n\n${OPEN[lang]}: ${n.link}\n\n-- \n${FOOTER[lang]}\n${settingsLink}\n`,
    html: layout(
      lang,
      name,
      [`<p>${html(n.body)}</p>`, `<p><a href="${html(n.link)}">${html(OPEN[lang])}</a></p>`],
      settingsLink,
    ),
  };
}

/** The e-mail of a day's digest: every notification it gathers, each with its link. */
export function digestMail(
  lang: NotificationLanguage,
  name: string,
  items: Array<NotificationText & { link: string }>,
  settingsLink: string,
): MailContent {
  const subject =
    lang === 'th'
      ? `${SUBJECT_PREFIX} สรุปงานใหม่ประจำวัน ${items.length} รายการ`
      : `${SUBJECT_PREFIX} Daily digest: ${items.length} new task${items.length === 1 ? '' : 's'}`;
  const lines = items.map((n, i) => `${i + 1}. ${n.body}\n   ${n.link}`);
  return {
    subject,
    text: `${GREETING[lang](name)}\n\n${lines.join('\n')}\n\n-- \n${FOOTER[lang]}\n${settingsLink}\n`,
    html: layout(
      lang,
      name,
      [`<ol>${items.map((n) => `<li><a href="${html(n.link)}">${html(n.body)}</a></li>`).join('')}</ol>`],
      settingsLink,
    ),
  };
}
