/**
 * The plan workbook's layout, shared by its writer and its reader so the two cannot drift: sheet
 * names, columns, headers, and the marks a planner may type. The measures sheet follows the
 * seed's tables (issue with its score, steps, Q1–Q4, responsible unit, monitoring guideline,
 * reporting), with one row per step and the measure's own fields on its first row.
 * See docs/plan-file-format.md, "Spreadsheet (.xlsx)".
 */
import type { MeasureDef, ReportingDef, StepDef } from '@ita/domain/plan/plan.types';

/**
 * Step owners, lead unit, assumed schedules and reporting units (issue 11) are optional fields of
 * the plan; they are declared here as well, so the layout carries them whether or not the plan
 * types of this build know them yet.
 */
export type SheetStep = StepDef & { owners?: string[]; scheduleAssumed?: true };
export type SheetReporting = ReportingDef & { from?: string };
export type SheetMeasure = MeasureDef & { leadUnit?: string; steps: SheetStep[]; reporting: SheetReporting[] };

export interface ColumnSpec {
  readonly key: string;
  readonly th: string;
  /** The reader looks for it in the header cell, alone or in parentheses (case and spacing ignored). */
  readonly en: string;
  readonly width: number;
  readonly wrap?: boolean;
  readonly center?: boolean;
}

export interface SheetSpec<C extends readonly ColumnSpec[] = readonly ColumnSpec[]> {
  readonly name: string;
  /** The English part of the name: a sheet renamed to just this is still found. */
  readonly en: string;
  readonly columns: C;
  /** Rows above the data: the measures sheet has a group row above its column headers. */
  readonly headerRows: number;
}

type Index<C extends readonly ColumnSpec[]> = { readonly [K in C[number]['key']]: number };

/** 1-based column numbers by key, as exceljs counts them. */
export function columnIndex<C extends readonly ColumnSpec[]>(columns: C): Index<C> {
  return Object.fromEntries(columns.map((c, i) => [c.key, i + 1])) as Index<C>;
}

export function headerText(column: ColumnSpec): string {
  return `${column.th}\n(${column.en})`;
}

/** "A".."Z", "AA".. for a 1-based column number. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const sheet = <const C extends readonly ColumnSpec[]>(
  name: string,
  en: string,
  columns: C,
  headerRows = 1,
): SheetSpec<C> => ({ name, en, columns, headerRows });

export const PLAN_SHEET = sheet('แผน (Plan)', 'Plan', [
  { key: 'key', th: 'คีย์', en: 'Key', width: 40 },
  { key: 'field', th: 'รายการ', en: 'Field', width: 46, wrap: true },
  { key: 'value', th: 'ค่า', en: 'Value', width: 80, wrap: true },
] as const);

export const MEASURE_SHEET = sheet(
  'มาตรการ (Measures)',
  'Measures',
  [
    { key: 'code', th: 'รหัสมาตรการ', en: 'Measure code', width: 16 },
    { key: 'group', th: 'กลุ่มผู้มีส่วนได้ส่วนเสีย', en: 'Stakeholder group', width: 12 },
    { key: 'priority', th: 'ประเภทประเด็น', en: 'Priority', width: 11 },
    { key: 'indicator', th: 'ตัวชี้วัดที่', en: 'Indicator', width: 10, center: true },
    { key: 'title', th: 'ประเด็น', en: 'Issue', width: 32, wrap: true },
    { key: 'itemCode', th: 'ข้อ', en: 'ITA item', width: 8, center: true },
    { key: 'itemScore', th: 'คะแนน', en: 'Score', width: 10, center: true },
    { key: 'itemGrade', th: 'ระดับ', en: 'Grade', width: 8, center: true },
    { key: 'stepNumber', th: 'ขั้นที่', en: 'Step no.', width: 8, center: true },
    { key: 'stepText', th: 'ขั้นตอนดำเนินการ', en: 'Step', width: 52, wrap: true },
    { key: 'q1', th: 'ไตรมาสที่ 1', en: 'Q1', width: 8, center: true },
    { key: 'q2', th: 'ไตรมาสที่ 2', en: 'Q2', width: 8, center: true },
    { key: 'q3', th: 'ไตรมาสที่ 3', en: 'Q3', width: 8, center: true },
    { key: 'q4', th: 'ไตรมาสที่ 4', en: 'Q4', width: 8, center: true },
    { key: 'scheduleAssumed', th: 'ช่วงเวลาที่สันนิษฐาน', en: 'Schedule assumed', width: 12, center: true },
    { key: 'owners', th: 'ผู้ดำเนินการขั้นตอนนี้', en: 'Step owners', width: 20, wrap: true },
    { key: 'units', th: 'หน่วยงานที่รับผิดชอบ', en: 'Responsible units', width: 20, wrap: true },
    { key: 'unitsText', th: 'ตามต้นฉบับ', en: 'As written', width: 26, wrap: true },
    { key: 'leadUnit', th: 'หน่วยงานหลัก', en: 'Lead unit', width: 16 },
    { key: 'guidelineNumber', th: 'ข้อ', en: 'Guideline no.', width: 10, center: true },
    { key: 'guidelineText', th: 'แนวทางการกำกับติดตาม', en: 'Monitoring guideline', width: 46, wrap: true },
    { key: 'guidelineSteps', th: 'หลักฐานของขั้นที่', en: 'Evidences steps', width: 11, center: true },
    { key: 'cadence', th: 'ความถี่', en: 'Cadence', width: 12 },
    { key: 'recipient', th: 'ผู้รับรายงาน', en: 'Recipient', width: 20 },
    { key: 'from', th: 'หน่วยงานที่รายงาน', en: 'Reporting unit', width: 16 },
    { key: 'reportText', th: 'การรายงานผล', en: 'Reporting', width: 36, wrap: true },
    { key: 'incomplete', th: 'ไม่สมบูรณ์', en: 'Incomplete', width: 11, center: true },
    { key: 'notes', th: 'หมายเหตุ', en: 'Notes', width: 48, wrap: true },
  ] as const,
  2,
);
export const MC = columnIndex(MEASURE_SHEET.columns);

/** The measures sheet's first header row: column groups, as the seed's tables group them. */
export const MEASURE_GROUPS: ReadonlyArray<{ from: number; to: number; th: string; en: string }> = [
  { from: MC.code, to: MC.indicator, th: 'มาตรการ', en: 'Measure' },
  { from: MC.title, to: MC.itemGrade, th: 'ประเด็นและคะแนน', en: 'Issue and score' },
  { from: MC.stepNumber, to: MC.stepText, th: 'ขั้นตอนดำเนินการ', en: 'Steps' },
  { from: MC.q1, to: MC.scheduleAssumed, th: 'ระยะเวลาดำเนินการ', en: 'Schedule' },
  { from: MC.owners, to: MC.leadUnit, th: 'หน่วยงานที่รับผิดชอบ', en: 'Responsible unit' },
  { from: MC.guidelineNumber, to: MC.guidelineSteps, th: 'แนวทางการกำกับติดตาม', en: 'Monitoring' },
  { from: MC.cadence, to: MC.reportText, th: 'การรายงานผล', en: 'Reporting' },
  { from: MC.incomplete, to: MC.notes, th: 'อื่น ๆ', en: 'Other' },
];

/** Columns that hold the measure itself: filled on its first row only. */
export const MEASURE_LEVEL_COLUMNS = [
  MC.code,
  MC.group,
  MC.priority,
  MC.indicator,
  MC.title,
  MC.units,
  MC.unitsText,
  MC.leadUnit,
  MC.incomplete,
] as const;
export const QUARTER_COLUMNS = [MC.q1, MC.q2, MC.q3, MC.q4] as const;

export const UNIT_SHEET = sheet('หน่วยงาน (Units)', 'Units', [
  { key: 'code', th: 'รหัสหน่วยงาน', en: 'Unit code', width: 20 },
  { key: 'name', th: 'ชื่อหน่วยงาน', en: 'Name', width: 44, wrap: true },
  { key: 'nameEn', th: 'ชื่อภาษาอังกฤษ', en: 'English name', width: 40, wrap: true },
  { key: 'parent', th: 'สังกัด (รหัส)', en: 'Parent unit', width: 20 },
] as const);
export const UC = columnIndex(UNIT_SHEET.columns);

export const CORRECTION_SHEET = sheet('แก้ไขจากต้นฉบับ (Corrections)', 'Corrections', [
  { key: 'path', th: 'ตำแหน่งในแผน', en: 'Path', width: 36, wrap: true },
  { key: 'original', th: 'ต้นฉบับ', en: 'Original', width: 30, wrap: true },
  { key: 'corrected', th: 'แก้ไขเป็น', en: 'Corrected', width: 30, wrap: true },
  { key: 'reason', th: 'เหตุผล', en: 'Reason', width: 70, wrap: true },
] as const);
export const CC = columnIndex(CORRECTION_SHEET.columns);

export const NOTE_SHEET = sheet('หมายเหตุ (Notes)', 'Notes', [
  { key: 'note', th: 'หมายเหตุของแหล่งข้อมูล', en: 'Source note', width: 140, wrap: true },
] as const);

/** A sheet for people; the reader ignores it. */
export const GUIDE_SHEET_NAME = 'คำอธิบาย (Guide)';

/**
 * The plan's own sheets the reader needs, in the workbook's order. The ITA results come between
 * the units and the corrections, in the ITA results template's sheets (ita-results.sheet.ts).
 */
export const DATA_SHEETS: readonly SheetSpec[] = [PLAN_SHEET, MEASURE_SHEET, UNIT_SHEET, CORRECTION_SHEET, NOTE_SHEET];
/** Where the ITA sheets go: before this sheet of DATA_SHEETS. */
export const ITA_SHEETS_BEFORE = CORRECTION_SHEET;

/** The rows of the plan sheet: the plan's single fields, by their JSON path. */
export type PlanFieldKind = 'integer' | 'number' | 'text' | 'list';
export const PLAN_FIELDS: ReadonlyArray<{ key: string; th: string; en: string; kind: PlanFieldKind }> = [
  { key: 'schemaVersion', th: 'รุ่นของรูปแบบแผน', en: 'Schema version', kind: 'integer' },
  { key: 'organization.code', th: 'รหัสองค์กร', en: 'Organization code', kind: 'text' },
  { key: 'organization.name', th: 'ชื่อองค์กร', en: 'Organization name', kind: 'text' },
  { key: 'organization.shortName', th: 'ชื่อย่อ', en: 'Short name', kind: 'text' },
  { key: 'organization.nameEn', th: 'ชื่อภาษาอังกฤษ', en: 'English name', kind: 'text' },
  { key: 'fiscalYear', th: 'ปีงบประมาณ พ.ศ.', en: 'Fiscal year (B.E.)', kind: 'integer' },
  { key: 'oversight.title', th: 'ผู้กำกับติดตาม', en: 'Oversight', kind: 'text' },
  { key: 'oversight.titleEn', th: 'ผู้กำกับติดตาม (ภาษาอังกฤษ)', en: 'Oversight, in English', kind: 'text' },
  { key: 'oversight.delegatedBy', th: 'ได้รับมอบอำนาจจาก', en: 'Delegated by', kind: 'text' },
  {
    key: 'organization.settings.reportGraceDays',
    th: 'จำนวนวันหลังสิ้นงวดที่ต้องส่งรายงาน',
    en: 'Report grace days',
    kind: 'integer',
  },
  {
    key: 'organization.settings.escalationIntervalDays',
    th: 'จำนวนวันระหว่างการแจ้งเตือนซ้ำ',
    en: 'Escalation interval days',
    kind: 'integer',
  },
  {
    key: 'organization.settings.resubmissionDays',
    th: 'จำนวนวันส่งใหม่หลังถูกส่งกลับ',
    en: 'Resubmission days',
    kind: 'integer',
  },
  {
    key: 'organization.settings.escalateCadences',
    th: 'ความถี่ของรายงานที่แจ้งเตือนเมื่อล่าช้า',
    en: 'Escalate cadences',
    kind: 'list',
  },
  {
    key: 'organization.settings.itaThresholds.urgentBelow',
    th: 'คะแนน ITA ต่ำกว่านี้ ต้องแก้ไขเร่งด่วน',
    en: 'ITA urgent below',
    kind: 'number',
  },
  {
    key: 'organization.settings.itaThresholds.strengthAbove',
    th: 'คะแนน ITA สูงกว่านี้ เป็นจุดแข็ง',
    en: 'ITA strength above',
    kind: 'number',
  },
  { key: 'source.document', th: 'เอกสารต้นฉบับ', en: 'Source document', kind: 'text' },
];

/** What a planner may type for "yes" in a mark column (Q1–Q4, assumed, incomplete). */
export const MARK = '✓';
const MARKS = new Set(['✓', '✔', '☑', '✅', 'x', 'X', '×', '●', '•', '*', '1', '←', '→', '↔', '←→', '⟷', 'TRUE']);
export function isMark(text: string): boolean {
  return MARKS.has(text.trim());
}

/** In a list cell, an explicitly empty list (as opposed to an empty cell: the field is absent). */
export const EMPTY_LIST = '-';
