/**
 * Writes a plan as an .xlsx workbook in the layout of plan-sheet.layout.ts. Every field of the
 * plan has a cell, so the reader can give the same plan back (equal content hash); a field the
 * layout does not know is refused rather than dropped. The ITA results go in the ITA results
 * template's own sheets, written by its own code (addItaSheets).
 */
import { Alignment, Borders, Cell, DataValidation, Row, Workbook, Worksheet } from 'exceljs';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import type { Quarter } from '@ita/domain/fiscal-calendar';
import {
  ALL_UNITS,
  ALL_UNITS_LABEL,
  CADENCE_LABELS,
  CADENCES,
  GRADES,
  PlanDef,
  PRIORITIES,
  RECIPIENTS,
  STAKEHOLDER_GROUPS,
} from '@ita/domain/plan/plan.types';
import {
  columnLetter,
  CORRECTION_SHEET,
  ColumnSpec,
  EMPTY_LIST,
  GUIDE_SHEET_NAME,
  headerText,
  MARK,
  MC,
  MEASURE_GROUPS,
  MEASURE_SHEET,
  NOTE_SHEET,
  PLAN_FIELDS,
  PLAN_SHEET,
  QUARTER_COLUMNS,
  SheetMeasure,
  SheetSpec,
  UNIT_SHEET,
} from './plan-sheet.layout';
import { cellText, listText } from './sheet-cells';
import { unmappedFields } from './plan-sheet.fields';
import { addItaSheets, ITA_SHEETS, unwritableItaResults } from './ita-results.sheet';

/** Tahoma has Thai glyphs on every Windows and macOS install, and stays legible at 10 points. */
const FONT = { name: 'Tahoma', size: 10 };
const HEADER_FILL = 'FFDDE7F3';
const GROUP_FILL = 'FFC5D6EA';
const BLOCK_FILLS = ['FFFFFFFF', 'FFF4F7FB'];
const MARK_FILL = 'FFC6EFCE';
const KEY_COLOR = 'FF7F7F7F';
const SCORE_FORMAT = '0.00';
/** Rows below the data that still offer the drop-down lists, for measures a planner adds. */
const SPARE_ROWS = 100;
/** Points per line of Tahoma 10 with Thai marks above and below. */
const LINE_HEIGHT = 14;
const THAI_MARKS = /[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/g;
const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const GRID: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

type CellContent = string | number | undefined;

export async function writePlanWorkbook(plan: PlanDef): Promise<Buffer> {
  const lost = [
    ...unmappedFields(plan).map((path) => ({ path, message: 'has no cell in the spreadsheet layout' })),
    ...(plan.ita ? unwritableItaResults(plan.ita) : []),
  ];
  if (lost.length) {
    throw new DomainError(
      DomainErrorCode.InvalidArgument,
      `the spreadsheet layout has no place for ${lost.length} field(s) of this plan; nothing was written`,
      lost,
    );
  }
  const workbook = new Workbook();
  workbook.creator = 'ita-measures';
  writePlanSheet(workbook, plan);
  writeMeasureSheet(workbook, plan);
  writeUnitSheet(workbook, plan);
  addItaSheets(workbook, plan.ita);
  writeCorrectionSheet(workbook, plan);
  writeNoteSheet(workbook, plan);
  writeGuideSheet(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function writePlanSheet(workbook: Workbook, plan: PlanDef): void {
  const ws = addSheet(workbook, PLAN_SHEET);
  PLAN_FIELDS.forEach((field, i) => {
    const value = valueAt(plan, field.key);
    const shown = value === undefined ? undefined : Array.isArray(value) ? listText(value) : (value as string | number);
    const row = ws.getRow(PLAN_SHEET.headerRows + 1 + i);
    writeRow(row, PLAN_SHEET, [field.key, `${field.th}\n(${field.en})`, shown]);
    row.getCell(1).font = { ...FONT, color: { argb: KEY_COLOR } };
    row.getCell(2).font = { ...FONT, bold: true };
  });
}

function writeMeasureSheet(workbook: Workbook, plan: PlanDef): void {
  const ws = addSheet(workbook, MEASURE_SHEET, 1);
  for (const group of MEASURE_GROUPS) {
    if (group.to > group.from) ws.mergeCells(1, group.from, 1, group.to);
    const cell = ws.getCell(1, group.from);
    cell.value = `${group.th} (${group.en})`;
    styleHeader(cell, GROUP_FILL);
  }
  ws.getRow(1).height = 20;

  let r = MEASURE_SHEET.headerRows + 1;
  (plan.measures as SheetMeasure[]).forEach((m, mi) => {
    const notes = m.notes ?? [];
    const rows = Math.max(
      1,
      m.items.length,
      m.steps.length,
      m.monitoringGuidelines.length,
      m.reporting.length,
      notes.length,
    );
    for (let k = 0; k < rows; k++) {
      const values: CellContent[] = [];
      const set = (column: number, value: CellContent) => (values[column - 1] = value);
      if (k === 0) {
        set(MC.code, m.code);
        set(MC.group, m.stakeholderGroup);
        set(MC.priority, m.priority);
        set(MC.indicator, m.indicator);
        set(MC.title, m.title);
        set(MC.units, listText(m.responsibleUnits));
        set(MC.unitsText, m.responsibleText);
        set(MC.leadUnit, m.leadUnit);
        set(MC.incomplete, m.incomplete ? MARK : undefined);
      }
      const item = m.items[k];
      if (item) {
        set(MC.itemCode, item.code);
        set(MC.itemScore, item.score);
        set(MC.itemGrade, item.grade);
      }
      const step = m.steps[k];
      if (step) {
        set(MC.stepNumber, step.number);
        set(MC.stepText, step.text);
        QUARTER_COLUMNS.forEach((column, q) =>
          set(column, step.quarters.includes((q + 1) as Quarter) ? MARK : undefined),
        );
        set(MC.scheduleAssumed, step.scheduleAssumed ? MARK : undefined);
        set(MC.owners, step.owners && listText(step.owners));
      }
      const guideline = m.monitoringGuidelines[k];
      if (guideline) {
        set(MC.guidelineNumber, guideline.number);
        set(MC.guidelineText, guideline.text);
        set(MC.guidelineSteps, guideline.steps && listText(guideline.steps));
      }
      const report = m.reporting[k];
      if (report) {
        set(MC.cadence, report.cadence);
        set(MC.recipient, report.recipient);
        set(MC.from, report.from);
        set(MC.reportText, report.text);
      }
      set(MC.notes, notes[k]);

      const row = ws.getRow(r + k);
      writeRow(row, MEASURE_SHEET, values, BLOCK_FILLS[mi % 2]);
      for (const column of QUARTER_COLUMNS) {
        if (values[column - 1] !== undefined)
          row.getCell(column).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: MARK_FILL } };
      }
      row.getCell(MC.itemScore).numFmt = SCORE_FORMAT;
      if (k === 0) {
        for (let c = 1; c <= MEASURE_SHEET.columns.length; c++)
          row.getCell(c).border = { ...GRID, top: { style: 'medium', color: { argb: 'FF595959' } } };
        row.getCell(MC.code).font = { ...FONT, bold: true };
        row.getCell(MC.title).font = { ...FONT, bold: true };
      }
    }
    r += rows;
  });

  const unitCodes = [ALL_UNITS, ...plan.units.map((u) => u.code)];
  offerLists(ws, MEASURE_SHEET, r, [
    [MC.group, STAKEHOLDER_GROUPS],
    [MC.priority, PRIORITIES],
    [MC.itemGrade, GRADES],
    ...QUARTER_COLUMNS.map((c): [number, readonly string[]] => [c, [MARK]]),
    [MC.scheduleAssumed, [MARK]],
    [MC.leadUnit, unitCodes],
    [MC.cadence, CADENCES],
    [MC.recipient, RECIPIENTS],
    [MC.from, unitCodes],
    [MC.incomplete, [MARK]],
  ]);
}

function writeUnitSheet(workbook: Workbook, plan: PlanDef): void {
  const ws = addSheet(workbook, UNIT_SHEET, 1);
  plan.units.forEach((u, i) =>
    writeRow(ws.getRow(UNIT_SHEET.headerRows + 1 + i), UNIT_SHEET, [u.code, u.name, u.nameEn, u.parent ?? undefined]),
  );
}

function writeCorrectionSheet(workbook: Workbook, plan: PlanDef): void {
  const ws = addSheet(workbook, CORRECTION_SHEET);
  (plan.corrections ?? []).forEach((c, i) =>
    writeRow(ws.getRow(CORRECTION_SHEET.headerRows + 1 + i), CORRECTION_SHEET, [
      c.path,
      c.original === '' ? undefined : c.original,
      c.corrected,
      c.reason,
    ]),
  );
}

function writeNoteSheet(workbook: Workbook, plan: PlanDef): void {
  const ws = addSheet(workbook, NOTE_SHEET);
  (plan.source?.notes ?? []).forEach((note, i) =>
    writeRow(ws.getRow(NOTE_SHEET.headerRows + 1 + i), NOTE_SHEET, [note]),
  );
}

function writeGuideSheet(workbook: Workbook): void {
  const ws = workbook.addWorksheet(GUIDE_SHEET_NAME);
  ws.getColumn(1).width = 150;
  const lines = [
    'แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส: แก้ไขได้ทุกชีต แล้วนำเข้ากลับ ระบบตรวจทั้งไฟล์และบอกตำแหน่งชีต แถว คอลัมน์ ของทุกข้อผิดพลาด',
    '(The plan in spreadsheet form: edit any sheet and import it back; every problem is reported with its sheet, row and column.)',
    '',
    `มาตรการ (Measures): หนึ่งมาตรการเริ่มที่แถวที่มีรหัสมาตรการในคอลัมน์ A; แถวถัดไปที่คอลัมน์ A ว่างเป็นของมาตรการเดียวกัน (ข้อ ITA, ขั้นตอน, แนวทาง, การรายงาน, หมายเหตุ หนึ่งรายการต่อแถว)`,
    '(A measure starts on the row with its code in column A; the rows below with column A empty belong to it: one item, step, guideline, report and note per row. Measure-level cells are filled on its first row only.)',
    `ไตรมาส (Q1–Q4): ใส่ ${MARK} ในไตรมาสที่ดำเนินการ (Put ${MARK} in each quarter the step runs in; x, 1 and arrows are accepted.)`,
    `หน่วยงาน (Units): รหัสหน่วยงานคั่นด้วยจุลภาค; ${ALL_UNITS} = ${ALL_UNITS_LABEL.th} (unit codes separated by commas; ${ALL_UNITS} = ${ALL_UNITS_LABEL.en}).`,
    `ผู้ดำเนินการขั้นตอนนี้ (Step owners): ว่าง = หน่วยงานที่รับผิดชอบของมาตรการ (empty = the measure's responsible units). "${EMPTY_LIST}" = รายการว่าง (an empty list).`,
    'หลักฐานของขั้นที่ (Evidences steps): เลขขั้นตอนคั่นด้วยจุลภาค; ว่าง = ทุกขั้นตอน (step numbers; empty = every step).',
    `ความถี่ (Cadence): ${CADENCES.map((c) => `${c} = ${CADENCE_LABELS[c].th}`).join(', ')}.`,
    `กลุ่ม (Group): ${STAKEHOLDER_GROUPS.join(', ')}; ประเภทประเด็น (Priority): urgent = ต้องแก้ไขเร่งด่วน, improve = ต้องพัฒนาให้ดีขึ้น.`,
    `ผลการประเมิน ITA: ชีต ${ITA_SHEETS.assessment.name}, ${ITA_SHEETS.indicators.name}, ${ITA_SHEETS.items.name} และ ${ITA_SHEETS.subItems.name} มีรูปแบบเดียวกับแบบฟอร์มนำเข้าผล ITA; ชีตว่างทั้งหมด = ไม่มีผล ITA`,
    `(The ITA results: the sheets ${ITA_SHEETS.assessment.en}, ${ITA_SHEETS.indicators.en}, ${ITA_SHEETS.items.en} and ${ITA_SHEETS.subItems.en} are those of the ITA results template, data from row 3; all of them empty = no ITA results.)`,
    'แผน (Plan): อ่านตามคีย์ในคอลัมน์ A; ห้ามแก้คีย์ (rows are read by their key in column A; do not change the keys).',
  ];
  lines.forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = line;
    cell.font = { ...FONT, bold: i === 0 };
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
}

function addSheet(workbook: Workbook, spec: SheetSpec, freezeColumns = 0): Worksheet {
  const ws = workbook.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: freezeColumns, ySplit: spec.headerRows }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  spec.columns.forEach((column, i) => (ws.getColumn(i + 1).width = column.width));
  const header = ws.getRow(spec.headerRows);
  spec.columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = headerText(column);
    styleHeader(cell, HEADER_FILL);
  });
  header.height = 42;
  ws.pageSetup.printTitlesRow = `1:${spec.headerRows}`;
  return ws;
}

function styleHeader(cell: Cell, fill: string): void {
  cell.font = { ...FONT, bold: true };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  cell.border = GRID;
}

/** One data row: every column of the layout gets the grid, even when empty. */
function writeRow(row: Row, spec: SheetSpec, values: CellContent[], fill?: string): void {
  spec.columns.forEach((column: ColumnSpec, i) => {
    const cell = row.getCell(i + 1);
    const value = values[i];
    if (value !== undefined) cell.value = typeof value === 'string' ? cellText(value) : value;
    const alignment: Partial<Alignment> = { vertical: 'top', wrapText: column.wrap === true };
    if (column.center) alignment.horizontal = 'center';
    cell.alignment = alignment;
    cell.font = FONT;
    cell.border = GRID;
    if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  });
  row.height = fittedHeight(spec, values);
}

/**
 * Excel does not grow a row to its wrapped text when it opens a file, so the height is estimated
 * here: Thai vowel and tone marks stack on their consonant and take no width of their own.
 */
function fittedHeight(spec: SheetSpec, values: CellContent[]): number {
  let lines = 1;
  spec.columns.forEach((column, i) => {
    const value = values[i];
    if (typeof value !== 'string' || !column.wrap) return;
    const perLine = Math.max(1, Math.floor(column.width * 1.1));
    const count = value
      .split('\n')
      .reduce((n, line) => n + Math.max(1, Math.ceil(line.replace(THAI_MARKS, '').length / perLine)), 0);
    lines = Math.max(lines, count);
  });
  return Math.min(409, Math.max(LINE_HEIGHT + 3, lines * LINE_HEIGHT + 3));
}

/** Drop-down lists that warn, rather than refuse, on other values: the reader is the judge. */
function offerLists(ws: Worksheet, spec: SheetSpec, endRow: number, lists: Array<[number, readonly string[]]>): void {
  for (const [column, values] of lists) {
    const formula = `"${values.join(',')}"`;
    // Excel refuses a workbook whose list is longer than 255 characters: then there is no list.
    if (formula.length > 255) continue;
    const validation: DataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: 'warning',
      error: `ค่าที่ใช้ได้ (allowed): ${values.join(', ')}`,
    };
    // One range per column: exceljs merges per-cell validations into overlapping ranges, which
    // Excel reports as damage, while a range is written as it is (the API is untyped).
    const range = `${columnLetter(column)}${spec.headerRows + 1}:${columnLetter(column)}${endRow + SPARE_ROWS}`;
    (ws as unknown as { dataValidations: { add(range: string, v: DataValidation): void } }).dataValidations.add(
      range,
      validation,
    );
  }
}

function valueAt(plan: PlanDef, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], plan);
}
