/**
 * Thai first, with an English switch. Shared words live here; each page keeps its own texts
 * beside it (`useText({ th: {...}, en: {...} })`). Dates are shown in the Buddhist era, Asia/Bangkok.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import type { components } from './api/schema';

type Schemas = components['schemas'];
/**
 * Labels for one of the API's enumerations, keyed exactly by its values as the contract (and so
 * the domain) declares them: a missing value or one the domain does not have fails the type check.
 */
const labelsOf =
  <K extends string>() =>
  (labels: Record<K, string>): Record<string, string> =>
    labels;

export type Lang = 'th' | 'en';
type Texts<T> = { th: T; en: T };

const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({ lang: 'th', setLang: () => undefined });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('ita.lang') === 'en' ? 'en' : 'th'));
  const setLang = (l: Lang) => {
    localStorage.setItem('ita.lang', l);
    document.documentElement.lang = l;
    setLangState(l);
  };
  document.documentElement.lang = lang;
  return <LangContext.Provider value={{ lang, setLang }}>{children}</LangContext.Provider>;
}

export const useLang = () => useContext(LangContext);

/** A page's own texts in the current language. */
export function useText<T>(texts: Texts<T>): T {
  return texts[useLang().lang];
}

/** Buddhist-era date (and time) in Asia/Bangkok: "24 พ.ย. 2569" / "24 Nov 2569 BE". */
export function formatDate(iso: string | null | undefined, lang: Lang, withTime = false): string {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = lang === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB-u-ca-buddhist';
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Bangkok',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(date);
}

/**
 * A due instant as people are told it: the end of a period (exclusive, Bangkok midnight), shown as
 * the last day there is to do it (the API's dueAtThai says the same, libs/domain formatThaiDueDate).
 */
export function useFormatDue() {
  const { lang } = useLang();
  return (iso: string | null | undefined) =>
    iso ? formatDate(new Date(new Date(iso).getTime() - 1).toISOString(), lang) : formatDate(iso, lang);
}

export function useFormatDate() {
  const { lang } = useLang();
  return (iso: string | null | undefined, withTime = false) => formatDate(iso, lang, withTime);
}

/** Words every page uses. */
export const COMMON = {
  th: {
    appName: 'ระบบติดตามมาตรการ ITA',
    signOut: 'ออกจากระบบ',
    language: 'English',
    loading: 'กำลังโหลด…',
    save: 'บันทึก',
    cancel: 'ยกเลิก',
    quarter: (q: number) => `ไตรมาส ${q}`,
    fiscalYear: (y: number) => `ปีงบประมาณ พ.ศ. ${y}`,
    step: (n: number) => `ขั้นตอนที่ ${n}`,
    none: 'ไม่มีรายการ',
    roles: labelsOf<Schemas['Role'] | 'system' | 'operator'>()({
      system: 'ระบบ',
      operator: 'ผู้ดูแลระบบ',
      'unit-staff': 'เจ้าหน้าที่หน่วยงาน',
      'unit-head': 'หัวหน้าหน่วยงาน',
      'deputy-director': 'รองผู้อำนวยการ',
      director: 'ผู้อำนวยการ',
      auditor: 'ผู้ตรวจสอบ',
      planner: 'ผู้จัดทำแผน',
    }),
    taskStatus: labelsOf<Schemas['TaskStatus']>()({
      open: 'รอดำเนินการ',
      submitted: 'รอหัวหน้าอนุมัติ',
      returned: 'ส่งกลับแก้ไข',
      approved: 'อนุมัติแล้ว',
      withdrawn: 'ยกเลิกแล้ว',
      'not-done': 'ไม่ได้ดำเนินการ (ปิดปีงบประมาณ)',
      'not-decided': 'ไม่ได้รับการพิจารณา (ปิดปีงบประมาณ)',
    }),
    reportStatus: labelsOf<Schemas['ReportStatus']>()({
      open: 'รอส่งรายงาน',
      submitted: 'รอพิจารณา',
      returned: 'ส่งกลับแก้ไข',
      approved: 'อนุมัติแล้ว',
      'not-delivered': 'ไม่ได้ส่งรายงาน (ปิดปีงบประมาณ)',
      'not-decided': 'ไม่ได้รับการพิจารณา (ปิดปีงบประมาณ)',
    }),
    progress: labelsOf<Schemas['Progress']>()({
      done: 'ดำเนินการแล้ว',
      'partly-done': 'ดำเนินการบางส่วน',
      'not-done': 'ยังไม่ได้ดำเนินการ',
    }),
    quarterStatus: labelsOf<Schemas['QuarterStatus']>()({
      'not-started': 'ยังไม่เริ่ม',
      'in-progress': 'กำลังดำเนินการ',
      complete: 'เสร็จสิ้น',
      overdue: 'เกินกำหนด',
      'no-steps': 'ไม่มีขั้นตอน',
    }),
    auditAction: labelsOf<Schemas['AuditAction']>()({
      'task.opened': 'เปิดงาน',
      'task.submitted': 'ส่งผลงาน',
      'task.approved': 'อนุมัติงาน',
      'task.returned': 'ส่งงานกลับแก้ไข',
      'task.overdue': 'งานเกินกำหนด',
      'task.withdrawn': 'ยกเลิกงาน',
      'task.not-done': 'บันทึกว่างานไม่ได้ดำเนินการ (ปิดปี)',
      'task.not-decided': 'บันทึกว่างานไม่ได้รับการพิจารณา (ปิดปี)',
      'report.opened': 'เปิดรายงาน',
      'report.submitted': 'ส่งรายงาน',
      'report.approved': 'อนุมัติรายงาน',
      'report.returned': 'ส่งรายงานกลับแก้ไข',
      'report.overdue': 'รายงานเกินกำหนด',
      'report.units-changed': 'เปลี่ยนหน่วยงานผู้รายงาน',
      'report.not-delivered': 'บันทึกว่าไม่ได้ส่งรายงาน (ปิดปี)',
      'report.not-decided': 'บันทึกว่ารายงานไม่ได้รับการพิจารณา (ปิดปี)',
      'escalation.raised': 'ส่งต่อเรื่องรายงานล่าช้า',
      'escalation.repeated': 'ส่งต่อซ้ำ',
      'escalation.resolved': 'ได้รับรายงานที่ส่งต่อแล้ว',
      'escalation.ended': 'สิ้นสุดการส่งต่อ (ปิดปีงบประมาณ)',
      'delegation.created': 'มอบอำนาจ',
      'delegation.revoked': 'เพิกถอนการมอบอำนาจ',
      'account.created': 'สร้างบัญชีผู้ใช้',
      'account.updated': 'แก้ไขบัญชีผู้ใช้',
      'account.linked': 'เชื่อมบัญชีกับระบบยืนยันตัวตนของหน่วยงาน',
      'account.calendar-created': 'สร้างลิงก์ปฏิทินส่วนตัว',
      'account.calendar-replaced': 'สร้างลิงก์ปฏิทินส่วนตัวใหม่แทนลิงก์เดิม',
      'account.calendar-revoked': 'ยกเลิกลิงก์ปฏิทินส่วนตัว',
      'plan.imported': 'นำเข้าแผน',
      'plan.activated': 'เริ่มใช้แผน (เริ่มติดตามมาตรการ)',
      'plan.closed': 'ปิดปีงบประมาณ',
      'plan.draft-created': 'สร้างร่างแผน',
      'plan.draft-updated': 'แก้ไขร่างแผน',
      'plan.draft-discarded': 'ยกเลิกร่างแผน',
      'plan.submitted': 'เสนอร่างแผนเพื่อพิจารณา',
      'plan.returned': 'ส่งร่างแผนกลับแก้ไข',
      'plan.approved': 'อนุมัติร่างแผน',
      'organization.created': 'เพิ่มหน่วยงาน',
      'organization.updated': 'แก้ไขการตั้งค่าหน่วยงาน',
      'unit.added': 'เพิ่มส่วนงาน',
      'unit.updated': 'แก้ไขข้อมูลส่วนงาน',
      'measure.started': 'เริ่มติดตามมาตรการ',
      'measure.amended': 'แก้ไขมาตรการ',
      'measure.completed': 'มาตรการเสร็จสิ้น',
      'measure.closed': 'ปิดมาตรการเมื่อปิดปีงบประมาณ',
      'quarter.opened': 'เริ่มไตรมาส',
      'quarter.closed': 'ปิดไตรมาส',
    }),
    cadence: labelsOf<Schemas['Cadence']>()({ semiannual: 'ทุก 6 เดือน', yearly: 'ปีละครั้ง', monthly: 'รายเดือน' }),
    itaClass: labelsOf<Schemas['ItaClass']>()({
      urgent: 'ต้องแก้ไขเร่งด่วน',
      improve: 'ต้องพัฒนาให้ดีขึ้น',
      strength: 'จุดแข็ง',
    }),
    notificationKind: labelsOf<Schemas['NotificationKind']>()({
      'task-opened': 'งานใหม่ที่เปิดให้ดำเนินการ (สรุปวันละครั้ง)',
      'task-submitted': 'งานที่ส่งมารอหัวหน้าอนุมัติ',
      'task-returned': 'งานที่ถูกส่งกลับแก้ไข',
      'task-reminder': 'เตือนก่อนครบกำหนดส่งงาน',
      'task-overdue': 'งานที่เกินกำหนด',
      'report-opened': 'รายงานที่ถึงรอบต้องจัดทำ',
      'report-submitted': 'รายงานที่ส่งมารอพิจารณา',
      'report-returned': 'รายงานที่ถูกส่งกลับแก้ไข',
      'report-approved': 'รายงานที่ได้รับอนุมัติ',
      'report-reminder': 'เตือนก่อนครบกำหนดส่งรายงาน',
      'report-overdue': 'รายงานที่เกินกำหนด',
      'escalation-raised': 'รายงานล่าช้าที่ส่งต่อผู้บริหาร',
      'escalation-repeated': 'การส่งต่อรายงานล่าช้าซ้ำ',
    }),
    overdue: 'เกินกำหนด',
    due: 'กำหนดส่ง',
  },
  en: {
    appName: 'ITA measures',
    signOut: 'Sign out',
    language: 'ภาษาไทย',
    loading: 'Loading…',
    save: 'Save',
    cancel: 'Cancel',
    quarter: (q: number) => `Q${q}`,
    fiscalYear: (y: number) => `Fiscal year ${y} BE`,
    step: (n: number) => `Step ${n}`,
    none: 'Nothing here',
    roles: labelsOf<Schemas['Role'] | 'system' | 'operator'>()({
      system: 'System',
      operator: 'Operator',
      'unit-staff': 'Unit staff',
      'unit-head': 'Unit head',
      'deputy-director': 'Deputy Director',
      director: 'Director',
      auditor: 'Auditor',
      planner: 'Planner',
    }),
    taskStatus: labelsOf<Schemas['TaskStatus']>()({
      open: 'Open',
      submitted: 'Awaiting head',
      returned: 'Returned',
      approved: 'Approved',
      withdrawn: 'Withdrawn',
      'not-done': 'Not done (year closed)',
      'not-decided': 'Not decided (year closed)',
    }),
    reportStatus: labelsOf<Schemas['ReportStatus']>()({
      open: 'Due',
      submitted: 'Awaiting decision',
      returned: 'Returned',
      approved: 'Approved',
      'not-delivered': 'Not delivered (year closed)',
      'not-decided': 'Not decided (year closed)',
    }),
    progress: labelsOf<Schemas['Progress']>()({ done: 'Done', 'partly-done': 'Partly done', 'not-done': 'Not done' }),
    quarterStatus: labelsOf<Schemas['QuarterStatus']>()({
      'not-started': 'Not started',
      'in-progress': 'In progress',
      complete: 'Complete',
      overdue: 'Overdue',
      'no-steps': 'No steps',
    }),
    auditAction: labelsOf<Schemas['AuditAction']>()({
      'task.opened': 'Task opened',
      'task.submitted': 'Task submitted',
      'task.approved': 'Task approved',
      'task.returned': 'Task returned',
      'task.overdue': 'Task overdue',
      'task.withdrawn': 'Task withdrawn',
      'task.not-done': 'Task recorded not done (year closed)',
      'task.not-decided': 'Task recorded not decided (year closed)',
      'report.opened': 'Report opened',
      'report.submitted': 'Report submitted',
      'report.approved': 'Report approved',
      'report.returned': 'Report returned',
      'report.overdue': 'Report overdue',
      'report.units-changed': 'Reporting units changed',
      'report.not-delivered': 'Report recorded not delivered (year closed)',
      'report.not-decided': 'Report recorded not decided (year closed)',
      'escalation.raised': 'Late report escalated',
      'escalation.repeated': 'Escalated again',
      'escalation.resolved': 'Escalated report received',
      'escalation.ended': 'Escalation ended (year closed)',
      'delegation.created': 'Authority delegated',
      'delegation.revoked': 'Delegation revoked',
      'account.created': 'Account created',
      'account.updated': 'Account changed',
      'account.linked': "Account linked to the agency's sign-in",
      'account.calendar-created': 'Personal calendar link made',
      'account.calendar-replaced': 'Personal calendar link replaced',
      'account.calendar-revoked': 'Personal calendar link revoked',
      'plan.imported': 'Plan imported',
      'plan.activated': 'Plan activated (measures started)',
      'plan.closed': 'Fiscal year closed',
      'plan.draft-created': 'Plan draft started',
      'plan.draft-updated': 'Plan draft changed',
      'plan.draft-discarded': 'Plan draft discarded',
      'plan.submitted': 'Plan draft submitted for review',
      'plan.returned': 'Plan draft returned',
      'plan.approved': 'Plan draft approved',
      'organization.created': 'Organization added',
      'organization.updated': 'Organization settings changed',
      'unit.added': 'Unit added',
      'unit.updated': 'Unit changed',
      'measure.started': 'Measure started',
      'measure.amended': 'Measure amended',
      'measure.completed': 'Measure completed',
      'measure.closed': 'Measure closed with its year',
      'quarter.opened': 'Quarter opened',
      'quarter.closed': 'Quarter closed',
    }),
    cadence: labelsOf<Schemas['Cadence']>()({ semiannual: 'Every 6 months', yearly: 'Yearly', monthly: 'Monthly' }),
    itaClass: labelsOf<Schemas['ItaClass']>()({ urgent: 'Urgent', improve: 'Needs improvement', strength: 'Strength' }),
    notificationKind: labelsOf<Schemas['NotificationKind']>()({
      'task-opened': 'New tasks (one digest a day)',
      'task-submitted': "Tasks awaiting the head's approval",
      'task-returned': 'Tasks returned for changes',
      'task-reminder': "Reminders before a task's due date",
      'task-overdue': 'Overdue tasks',
      'report-opened': 'Reports due to be written',
      'report-submitted': 'Reports awaiting a decision',
      'report-returned': 'Reports returned for changes',
      'report-approved': 'Reports approved',
      'report-reminder': "Reminders before a report's due date",
      'report-overdue': 'Overdue reports',
      'escalation-raised': 'Late reports escalated',
      'escalation-repeated': 'Late reports escalated again',
    }),
    overdue: 'Overdue',
    due: 'Due',
  },
};

export const useCommon = () => useText(COMMON);
