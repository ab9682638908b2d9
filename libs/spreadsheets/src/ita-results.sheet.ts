/**
 * ITA results in an .xlsx workbook: a template an agency fills in from the NACC's ITAS pages
 * (there is no standard export), and the parser that reads it back into the plan file's `ita`.
 * The parser converts cells and leaves the rules to the plan validator (validateItaResults), so
 * a spreadsheet and a plan file are held to the same ones; each problem is traced back to its
 * sheet, row and column. Layout and rules: docs/ita-results-sheet.md.
 *
 * The plan workbook (plan.sheet.ts) holds its ITA results in these same sheets, written and read
 * by this same code (addItaSheets, readItaSheets): one layout, so a planner can copy the sheets
 * from one workbook to the other.
 */
import * as ExcelJS from 'exceljs';
import { DomainError, DomainErrorCode, FieldProblem } from '@ita/domain/domain-error';
import {
  ASSESSMENT_TOOLS,
  GRADES,
  Grade,
  IndicatorDef,
  ItaItemDef,
  ItaResultsDef,
  SubItemDef,
  YearScore,
} from '@ita/domain/plan/plan.types';
import { validateItaResults } from '@ita/domain/plan/plan.validator';

export interface SheetProblem {
  sheet: string;
  /** 1-based row; 0 when the problem is the sheet (or the file) as a whole. */
  row: number;
  /** Column letter; empty when the problem is the sheet (or the file) as a whole. */
  column: string;
  message: string;
}

export type ItaSheetParse = { ok: true; ita: ItaResultsDef } | { ok: false; problems: SheetProblem[] };

type Kind = 'integer' | 'score' | 'grade' | 'tool' | 'code' | 'text';
interface Column {
  letter: string;
  th: string;
  en: string;
  width: number;
  kind: Kind;
  /** A score or grade of the previous year (-1) or the assessment year (0): a written sheet names the year. */
  year?: -1 | 0;
}
interface SheetLayout {
  name: string;
  /** The English part of the name: a sheet renamed to just this is still found. */
  en: string;
  columns: Column[];
  /** Rows given data validation in the template. */
  templateRows: number;
}

const col = (letter: string, th: string, en: string, kind: Kind, width = 14, year?: -1 | 0): Column => ({
  letter,
  th,
  en,
  width,
  kind,
  ...(year === undefined ? {} : { year }),
});

/**
 * Header rows 1 (Thai) and 2 (English); data from row 3 on. Column letters are part of the format.
 * Names as the plan workbook names its sheets, "Thai (English)"; the reader also finds a sheet
 * named by its English part alone.
 */
export const ITA_SHEETS = {
  instructions: 'คำแนะนำ (Instructions)',
  assessment: {
    name: 'ITA การประเมิน (Assessment)',
    en: 'Assessment',
    templateRows: 1,
    columns: [
      col('A', 'ปีที่ประเมิน (พ.ศ.)', 'Assessment year (B.E.)', 'integer', 20),
      col('B', 'คะแนนภาพรวม ปีก่อนหน้า', 'Overall score, previous year', 'score', 22, -1),
      col('C', 'ระดับ ปีก่อนหน้า', 'Grade, previous year', 'grade', 18, -1),
      col('D', 'คะแนนภาพรวม ปีที่ประเมิน', 'Overall score, assessment year', 'score', 24, 0),
      col('E', 'ระดับ ปีที่ประเมิน', 'Grade, assessment year', 'grade', 20, 0),
    ],
  },
  indicators: {
    name: 'ITA ตัวชี้วัด (Indicators)',
    en: 'Indicators',
    templateRows: 20,
    columns: [
      col('A', 'ตัวชี้วัดที่', 'Indicator no.', 'integer', 12),
      col('B', 'เครื่องมือ', 'Tool (IIT, EIT, OIT)', 'tool', 16),
      col('C', 'คะแนน ปีก่อนหน้า', 'Score, previous year', 'score', 18, -1),
      col('D', 'ระดับ ปีก่อนหน้า', 'Grade, previous year', 'grade', 18, -1),
      col('E', 'คะแนน ปีที่ประเมิน', 'Score, assessment year', 'score', 20, 0),
      col('F', 'ระดับ ปีที่ประเมิน', 'Grade, assessment year', 'grade', 20, 0),
      col('G', 'ชื่อตัวชี้วัด', 'Indicator name', 'text', 40),
    ],
  },
  items: {
    name: 'ITA ข้อคำถาม (Items)',
    en: 'Items',
    templateRows: 100,
    columns: [
      col('A', 'รหัสข้อ', 'Item code (I1–I30, E1–E15)', 'code', 16),
      col('B', 'ตัวชี้วัดที่', 'Indicator no.', 'integer', 12),
      col('C', 'คะแนน', 'Score', 'score', 10),
      col('D', 'ระดับ', 'Grade', 'grade', 10),
      col('E', 'ข้อคำถาม', 'Question', 'text', 90),
    ],
  },
  subItems: {
    name: 'ITA ประเด็นย่อย (Sub-items)',
    en: 'Sub-items',
    templateRows: 300,
    columns: [
      col('A', 'รหัสข้อ', 'Item code', 'code', 12),
      col('B', 'ประเด็นย่อยที่', 'Sub-item no.', 'integer', 14),
      col('C', 'คะแนน', 'Score', 'score', 10),
      col('D', 'ระดับ', 'Grade', 'grade', 10),
      col('E', 'ประเด็นย่อย', 'Sub-item', 'text', 70),
    ],
  },
} as const satisfies Record<string, SheetLayout | string>;

const FIRST_DATA_ROW = 3;
/** The sheets that hold the results, in the workbook's order. */
export const ITA_DATA_SHEETS: readonly SheetLayout[] = [
  ITA_SHEETS.assessment,
  ITA_SHEETS.indicators,
  ITA_SHEETS.items,
  ITA_SHEETS.subItems,
];
const DATA_SHEETS = ITA_DATA_SHEETS;
/** Tahoma has Thai glyphs on every Windows and macOS install (the plan workbook's font too). */
const FONT = { name: 'Tahoma', size: 10 };

const INSTRUCTIONS: [string, string][] = [
  ['ผลการประเมิน ITA สำหรับนำเข้า', 'ITA results for import'],
  [
    'กรอกผลจากระบบ ITAS ของสำนักงาน ป.ป.ช. ลงในแผ่นงานต่อไปนี้ แถวที่ 1–2 เป็นหัวตาราง (ไทย/อังกฤษ) ข้อมูลเริ่มที่แถวที่ 3 ห้ามย้ายหรือเปลี่ยนชื่อแผ่นงานและคอลัมน์',
    "Copy the results from the NACC's ITAS system into the sheets below. Rows 1–2 are headers (Thai/English); data starts on row 3. Do not move or rename the sheets or the columns.",
  ],
  [
    `${ITA_SHEETS.assessment.name}: แถวที่ 3 แถวเดียว ปีที่ประเมิน (พ.ศ. เช่น 2564) และคะแนนภาพรวมของปีก่อนหน้า (ปีที่ประเมิน − 1) กับปีที่ประเมิน`,
    `${ITA_SHEETS.assessment.name}: row 3 only: the assessment year (B.E., e.g. 2564) and the overall score of the previous year (assessment year − 1) and of the assessment year.`,
  ],
  [
    `${ITA_SHEETS.indicators.name}: หนึ่งแถวต่อตัวชี้วัด (1–10) เครื่องมือ IIT, EIT หรือ OIT คะแนนสองปี เว้นว่างได้ถ้าไม่มีคะแนนปีนั้น`,
    `${ITA_SHEETS.indicators.name}: one row per indicator (1–10), its tool (IIT, EIT or OIT) and its scores for both years; leave a year blank if it has no score.`,
  ],
  [
    `${ITA_SHEETS.items.name}: หนึ่งแถวต่อข้อ (I1–I30, E1–E15) ตัวชี้วัดที่ข้อนั้นสังกัด คะแนน ระดับตามที่พิมพ์ในผล และข้อความของข้อ`,
    `${ITA_SHEETS.items.name}: one row per item (I1–I30, E1–E15): its indicator, score, grade as printed, and its question.`,
  ],
  [
    `${ITA_SHEETS.subItems.name}: หนึ่งแถวต่อประเด็นย่อย อ้างรหัสข้อในแผ่นข้อคำถาม ลำดับ 1, 2, 3 … ตามที่แสดงในผล`,
    `${ITA_SHEETS.subItems.name}: one row per sub-item, naming its item's code from the items sheet, numbered 1, 2, 3 … in the order the results show them.`,
  ],
  [
    'คะแนน 0–100 ทศนิยมไม่เกินสองตำแหน่ง ระดับ AA, A, B, C, D, E หรือ F ใส่ระดับตามที่พิมพ์ แม้จะไม่ตรงกับคะแนน การจัดกลุ่มคิดจากคะแนนเท่านั้น',
    'Scores 0–100 with at most two decimals. Grades AA, A, B, C, D, E or F, as printed even where they do not fit the score: the analysis classes items by score only.',
  ],
  [
    'แถวว่างจะถูกข้าม เมื่อมีข้อผิดพลาด ระบบจะแจ้งทุกข้อพร้อมแผ่นงาน แถว และคอลัมน์ และจะไม่นำเข้าข้อมูลใดเลย',
    'Blank rows are skipped. If anything is wrong, every problem is reported with its sheet, row and column, and nothing is imported.',
  ],
];

/** The empty workbook an agency fills in. */
export async function itaResultsTemplate(): Promise<Buffer> {
  const wb = newWorkbook();
  addItaSheets(wb, undefined);
  return toBuffer(wb);
}

/** The workbook holding these results, in the template's layout (parseItaResultsSheet reads it back unchanged). */
export async function writeItaResultsSheet(ita: ItaResultsDef): Promise<Buffer> {
  const wb = newWorkbook();
  addItaSheets(wb, ita);
  return toBuffer(wb);
}

/**
 * Adds the data sheets (not the instructions) to a workbook, holding these results or, without
 * any, empty as in the template. Throws a DomainError naming what the layout cannot hold.
 */
export function addItaSheets(wb: ExcelJS.Workbook, ita: ItaResultsDef | undefined): void {
  const problems = ita ? unwritableItaResults(ita) : [];
  if (problems.length)
    throw new DomainError(DomainErrorCode.InvalidArgument, 'these ITA results do not fit the sheet layout', problems);
  addDataSheets(wb, ita?.assessmentYear);
  if (!ita) return;
  const year = ita.assessmentYear;
  const scoreCells = (scores: YearScore[], y: number) => {
    const s = scores.find((x) => x.year === y);
    return [s?.score, s?.grade];
  };
  fill(wb, ITA_SHEETS.assessment, [[year, ...scoreCells(ita.overall, year - 1), ...scoreCells(ita.overall, year)]]);
  fill(
    wb,
    ITA_SHEETS.indicators,
    ita.indicators.map((i) => [
      i.number,
      i.tool,
      ...scoreCells(i.scores, year - 1),
      ...scoreCells(i.scores, year),
      i.name,
    ]),
  );
  fill(
    wb,
    ITA_SHEETS.items,
    ita.items.map((i) => [i.code, i.indicator, i.score, i.grade, i.text]),
  );
  fill(
    wb,
    ITA_SHEETS.subItems,
    ita.items.flatMap((i) => (i.subItems ?? []).map((s, n) => [i.code, n + 1, s.score, s.grade, s.text])),
  );
}

/** Reads a filled-in template. Every problem at once; no results unless there is none. */
export async function parseItaResultsSheet(buffer: Buffer): Promise<ItaSheetParse> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [{ sheet: '(file)', row: 0, column: '', message: `is not an .xlsx workbook (${reason})` }],
    };
  }
  const read = readItaSheets(wb);
  if (read.layout.length) return { ok: false, problems: read.layout };
  read.placeFieldProblems(validateItaResults(read.ita));
  const problems = read.problems();
  return problems.length || !read.ita ? { ok: false, problems } : { ok: true, ita: read.ita };
}

/** What readItaSheets made of a workbook's ITA sheets. */
export interface ItaSheetsRead {
  /** Missing sheets or moved headers: then nothing was read (the cells would be misread). */
  layout: SheetProblem[];
  /**
   * The results as the cells give them, not yet validated (a cell that did not convert leaves its
   * field out). Absent after a layout problem, or when `optional` and every ITA sheet is empty.
   */
  ita?: ItaResultsDef;
  /** The problems so far, sheet by sheet, row by row: cells that did not convert, then those placed. */
  problems(): SheetProblem[];
  /**
   * Puts the validator's problems (paths as in a plan file, `ita.items[3].score`) at the cells
   * their fields came from; `withPaths` starts each message with its path, as the plan workbook does.
   */
  placeFieldProblems(problems: FieldProblem[], options?: { withPaths?: boolean }): void;
  /** The ITA sheets' names as found in the workbook, in the layout's order. */
  sheetNames: string[];
}

/**
 * Reads the ITA sheets of any workbook that has them (the template, or a plan workbook). With
 * `optional`, sheets that hold no data at all mean "no ITA results" rather than a missing year.
 */
export function readItaSheets(wb: ExcelJS.Workbook, options: { optional?: boolean } = {}): ItaSheetsRead {
  const reader = new SheetReader(wb);
  const layout = reader.findSheets();
  const base = {
    problems: () => reader.sorted(),
    placeFieldProblems: (problems: FieldProblem[], o: { withPaths?: boolean } = {}) =>
      reader.addFieldProblems(problems, o.withPaths === true),
    sheetNames: DATA_SHEETS.map((s) => reader.nameOf(s)),
  };
  if (layout.length) return { layout, ...base };
  if (options.optional && reader.isEmpty()) return { layout: [], ...base };
  return { layout: [], ita: reader.read(), ...base };
}

interface CellRef {
  sheet: string;
  row: number;
  column: string;
}
type Raw =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  | { kind: 'other'; what: string };

class SheetReader {
  readonly problems: SheetProblem[] = [];
  private readonly sheets = new Map<SheetLayout, ExcelJS.Worksheet>();
  /** Where each field of the results came from, by its plan-file path (ita.items[3].score). */
  private readonly cells = new Map<string, CellRef>();
  /** Cells that failed to convert: the validator's view of them ("is required") would only repeat it. */
  private readonly broken = new Set<string>();
  private readonly seen = new Set<string>();

  constructor(private readonly wb: ExcelJS.Workbook) {}

  /** Finds each sheet by its name or its English part, and checks its English headers; the problems found. */
  findSheets(): SheetProblem[] {
    const out: SheetProblem[] = [];
    const found = this.wb.worksheets.map((w) => `"${w.name}"`).join(', ') || 'none';
    for (const layout of DATA_SHEETS) {
      const ws = this.wb.worksheets.find((w) => [norm(layout.name), norm(layout.en)].includes(norm(w.name)));
      if (!ws) {
        out.push({
          sheet: layout.name,
          row: 0,
          column: '',
          message: `is missing: start from the template, and keep its sheet names (found: ${found})`,
        });
        continue;
      }
      this.sheets.set(layout, ws);
      for (const c of layout.columns) {
        const header = rawValue(ws.getCell(`${c.letter}2`).value);
        const text = header.kind === 'text' ? header.value : header.kind === 'number' ? String(header.value) : '';
        // A written sheet names the year after the label: "Score, previous year (2563)".
        if (norm(text.replace(/\s*\(\d{4}\)$/, '')) === norm(c.en)) continue;
        out.push({
          sheet: ws.name,
          row: 2,
          column: c.letter,
          message:
            `the header should be "${c.en}"${text ? `, found "${text.replace(/\s+/g, ' ')}"` : ' (the cell is empty)'}` +
            ": keep the template's columns where they are",
        });
      }
    }
    return out;
  }

  nameOf(layout: SheetLayout): string {
    return this.sheets.get(layout)?.name ?? layout.name;
  }

  /** No sheet holds a data row. */
  isEmpty(): boolean {
    return DATA_SHEETS.every((layout) => this.rows(layout).length === 0);
  }

  add(cell: CellRef, message: string): void {
    const key = `${cell.sheet}!${cell.column}${cell.row}:${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push({ ...cell, message });
  }

  /**
   * The validator's problems, each at the cell its field came from. A score's year is not a cell
   * of its own but follows the assessment year: it is reported there only when that cell is fine.
   */
  addFieldProblems(problems: FieldProblem[], withPaths = false): void {
    const derived = (path: string) => /\.(overall|scores)\[\d+\]\.year$/.test(path);
    const yearIsWrong = problems.some((p) => p.path === 'ita.assessmentYear');
    for (const p of problems) {
      if (derived(p.path) && yearIsWrong) continue;
      const cell = this.cellOf(p.path);
      if (this.broken.has(cellKey(cell))) continue;
      const message = derived(p.path) ? `gives a previous year that is wrong: ${p.message}` : p.message;
      this.add(cell, withPaths ? `${p.path} ${message}` : message);
    }
  }

  sorted(): SheetProblem[] {
    const order = DATA_SHEETS.map((s) => this.nameOf(s));
    const letters = (c: string) => c.length * 100 + c.charCodeAt(0);
    return [...this.problems].sort(
      (a, b) =>
        order.indexOf(a.sheet) - order.indexOf(b.sheet) || a.row - b.row || letters(a.column) - letters(b.column),
    );
  }

  /** The sheet's data rows; content right of its last column is refused (it would not be read). */
  private rows(layout: SheetLayout): DataRow[] {
    const ws = this.sheets.get(layout)!;
    const found = dataRows(ws, layout);
    for (const { row, column } of found.outside)
      this.add({ sheet: ws.name, row, column }, 'is outside the layout: its content would not be read');
    return found.rows;
  }

  read(): ItaResultsDef {
    const rows = (layout: SheetLayout) => this.rows(layout);
    const assessmentSheet = this.nameOf(ITA_SHEETS.assessment);
    const assessment = rows(ITA_SHEETS.assessment);
    const a = assessment[0];
    for (const extra of assessment.slice(1))
      this.add(
        { sheet: assessmentSheet, row: extra.row, column: 'A' },
        'only row 3 is read: one assessment per workbook',
      );
    if (!a)
      this.broke({ sheet: assessmentSheet, row: FIRST_DATA_ROW, column: 'A' }, 'is required: the assessment year');
    const yearCell = { sheet: assessmentSheet, row: a?.row ?? FIRST_DATA_ROW, column: 'A' };
    this.cells.set('ita.assessmentYear', yearCell);
    const year = a ? this.integer(a, 'A', 'ita.assessmentYear') : undefined;
    const years = year === undefined ? undefined : ([year - 1, year] as const);

    const overall = a ? this.yearScores(a, yearColumns(ITA_SHEETS.assessment), years, 'ita.overall', yearCell) : [];

    const indicators: IndicatorDef[] = rows(ITA_SHEETS.indicators).map((r, i) => {
      const path = `ita.indicators[${i}]`;
      this.cells.set(path, r.cell('A'));
      return {
        number: this.integer(r, 'A', `${path}.number`),
        name: this.text(r, 'G', `${path}.name`),
        tool: this.upper(r, 'B', `${path}.tool`),
        scores: this.yearScores(r, yearColumns(ITA_SHEETS.indicators), years, `${path}.scores`, yearCell),
      } as IndicatorDef;
    });

    const items: ItaItemDef[] = [];
    const itemIndex = new Map<string, number>();
    rows(ITA_SHEETS.items).forEach((r, i) => {
      const path = `ita.items[${i}]`;
      this.cells.set(path, r.cell('A'));
      const code = this.upper(r, 'A', `${path}.code`);
      if (code !== undefined && !itemIndex.has(code)) itemIndex.set(code, i);
      items.push(
        compact({
          code,
          indicator: this.integer(r, 'B', `${path}.indicator`),
          text: this.text(r, 'E', `${path}.text`),
          score: this.score(r, 'C', `${path}.score`),
          grade: this.upper(r, 'D', `${path}.grade`) as Grade | undefined,
        }) as unknown as ItaItemDef,
      );
    });

    rows(ITA_SHEETS.subItems).forEach((r) => {
      const code = this.upper(r, 'A', '');
      const index = code === undefined ? undefined : itemIndex.get(code);
      if (code === undefined) return this.add(r.cell('A'), 'is required: the code of the sub-item’s item');
      if (index === undefined)
        return this.add(r.cell('A'), `"${code}" is not an item on sheet ${this.nameOf(ITA_SHEETS.items)}`);
      const item = items[index];
      const subs = (item.subItems ??= []);
      const path = `ita.items[${index}].subItems[${subs.length}]`;
      this.cells.set(path, r.cell('A'));
      if (subs.length === 0) this.cells.set(`ita.items[${index}].subItems`, r.cell('A'));
      const number = this.integer(r, 'B', `${path}.number`);
      if (number !== undefined && number !== subs.length + 1)
        this.add(
          r.cell('B'),
          `is ${number} but ${code}'s sub-items must be numbered 1..n in order (expected ${subs.length + 1})`,
        );
      subs.push(
        compact({
          text: this.text(r, 'E', `${path}.text`),
          score: this.score(r, 'C', `${path}.score`),
          grade: this.upper(r, 'D', `${path}.grade`) as Grade | undefined,
        }) as unknown as SubItemDef,
      );
    });

    return { assessmentYear: year, overall, indicators, items } as ItaResultsDef;
  }

  /** A year's score and grade from a pair of columns; a year left blank has no entry. */
  private yearScores(
    r: DataRow,
    pairs: [string, string][],
    years: readonly number[] | undefined,
    path: string,
    yearCell: CellRef,
  ): YearScore[] {
    const out: YearScore[] = [];
    pairs.forEach(([scoreCol, gradeCol], k) => {
      if (r.raw(scoreCol).kind === 'empty') {
        if (r.raw(gradeCol).kind !== 'empty') this.broke(r.cell(scoreCol), 'is required when a grade is given');
        return;
      }
      const p = `${path}[${out.length}]`;
      this.cells.set(p, r.cell(scoreCol));
      this.cells.set(`${p}.year`, yearCell);
      out.push(
        compact({
          year: years?.[k],
          score: this.score(r, scoreCol, `${p}.score`),
          grade: this.upper(r, gradeCol, `${p}.grade`) as Grade | undefined,
        }) as unknown as YearScore,
      );
    });
    if (!this.cells.has(path)) this.cells.set(path, r.cell(pairs[0][0]));
    return out;
  }

  private text(r: DataRow, column: string, path: string): string | undefined {
    if (path) this.cells.set(path, r.cell(column));
    const raw = r.raw(column);
    if (raw.kind === 'number') return String(raw.value);
    if (raw.kind === 'text') return raw.value;
    if (raw.kind === 'other') this.broke(r.cell(column), `is ${raw.what}; text expected`);
    return undefined;
  }

  /** Codes, tools and grades: text, compared in upper case. */
  private upper(r: DataRow, column: string, path: string): string | undefined {
    return this.text(r, column, path)?.toUpperCase();
  }

  private integer(r: DataRow, column: string, path: string): number | undefined {
    return this.number(r, column, path, false);
  }

  private score(r: DataRow, column: string, path: string): number | undefined {
    return this.number(r, column, path, true);
  }

  private number(r: DataRow, column: string, path: string, decimals: boolean): number | undefined {
    if (path) this.cells.set(path, r.cell(column));
    const raw = r.raw(column);
    if (raw.kind === 'empty') return undefined;
    if (raw.kind === 'other') return this.broke(r.cell(column), `is ${raw.what}; a number expected`);
    let value: number;
    if (raw.kind === 'number') value = raw.value;
    else {
      const text = toArabicDigits(raw.value);
      if (!/^[+-]?\d+(\.\d+)?$/.test(text))
        return this.broke(
          r.cell(column),
          `"${raw.value}" is not a number${/^\d+,\d+$/.test(text) ? ' (use a point for decimals: 92.11)' : ''}`,
        );
      value = Number(text);
    }
    // Excel may store 92.11 as 92.10999999999999: keep what the agency typed.
    const hundredths = Math.round(value * 100);
    if (decimals && Math.abs(value * 100 - hundredths) < 1e-6) value = hundredths / 100;
    return value;
  }

  broke(cell: CellRef, message: string): undefined {
    this.broken.add(cellKey(cell));
    this.add(cell, message);
    return undefined;
  }

  /** The cell a validator path came from, or the nearest enclosing field's; the assessment sheet if none. */
  private cellOf(path: string): CellRef {
    for (let p = path; p; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
      const cell = this.cells.get(p);
      if (cell) return cell;
      if (!/(\.[^.[\]]+|\[\d+\])$/.test(p)) break;
    }
    return { sheet: this.nameOf(ITA_SHEETS.assessment), row: 0, column: '' };
  }
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

const cellKey = (c: CellRef) => `${c.sheet}!${c.column}${c.row}`;

/** The [score, grade] column letters of the previous year, then of the assessment year. */
function yearColumns(layout: SheetLayout): [string, string][] {
  return ([-1, 0] as const).map((y) => {
    const of = (kind: Kind) => layout.columns.find((c) => c.kind === kind && c.year === y)!.letter;
    return [of('score'), of('grade')] as [string, string];
  });
}

interface DataRow {
  row: number;
  raw(column: string): Raw;
  cell(column: string): CellRef;
}

/** The sheet's non-blank rows from row 3, read through the layout's columns; and cells right of them. */
function dataRows(
  ws: ExcelJS.Worksheet,
  layout: SheetLayout,
): { rows: DataRow[]; outside: { row: number; column: string }[] } {
  const rows: DataRow[] = [];
  const outside: { row: number; column: string }[] = [];
  const width = layout.columns.length;
  for (let row = FIRST_DATA_ROW; row <= ws.rowCount; row++) {
    const values = new Map(layout.columns.map((c) => [c.letter, rawValue(ws.getCell(`${c.letter}${row}`).value)]));
    const r = ws.getRow(row);
    for (let c = width + 1; c <= r.cellCount; c++)
      if (rawValue(r.getCell(c).value).kind !== 'empty')
        outside.push({ row, column: r.getCell(c).address.replace(/\d+$/, '') });
    if ([...values.values()].every((v) => v.kind === 'empty')) continue;
    rows.push({
      row,
      raw: (column) => values.get(column) ?? { kind: 'empty' },
      cell: (column) => ({ sheet: ws.name, row, column }),
    });
  }
  return { rows, outside };
}

function rawValue(value: ExcelJS.CellValue | undefined): Raw {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number')
    return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'other', what: 'not a finite number' };
  if (typeof value === 'string') return value.trim() === '' ? { kind: 'empty' } : { kind: 'text', value: value.trim() };
  if (typeof value === 'boolean') return { kind: 'other', what: `a true/false value (${value})` };
  if (value instanceof Date) return { kind: 'other', what: 'a date' };
  if ('richText' in value) return rawValue(value.richText.map((t) => t.text).join(''));
  if ('formula' in value || 'sharedFormula' in value)
    return rawValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in value) return rawValue(value.text);
  if ('error' in value) return { kind: 'other', what: `an error (${value.error})` };
  return { kind: 'other', what: 'an unsupported value' };
}

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';
function toArabicDigits(text: string): string {
  return text.replace(/[๐-๙]/g, (d) => String(THAI_DIGITS.indexOf(d)));
}

/** Drops undefined members, so an absent cell is an absent field (as in a plan file). */
function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** What the layout cannot hold: a year other than the assessment year or the one before, a year given twice. */
export function unwritableItaResults(ita: ItaResultsDef): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const years = [ita.assessmentYear - 1, ita.assessmentYear];
  const check = (scores: YearScore[], path: string) => {
    const seen = new Set<number>();
    scores.forEach((s, i) => {
      if (!years.includes(s.year))
        problems.push({ path: `${path}[${i}].year`, message: `${s.year} is neither ${years[1]} nor ${years[0]}` });
      else if (seen.has(s.year)) problems.push({ path: `${path}[${i}].year`, message: `repeats year ${s.year}` });
      seen.add(s.year);
    });
    if (scores.length === 2 && scores[0].year > scores[1].year)
      problems.push({ path, message: 'lists the assessment year before the previous one' });
  };
  check(ita.overall, 'ita.overall');
  ita.indicators.forEach((ind, i) => check(ind.scores, `ita.indicators[${i}].scores`));
  return problems;
}

/** A workbook with the instructions sheet; the data sheets follow (addItaSheets). */
function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ita-measures';
  const info = wb.addWorksheet(ITA_SHEETS.instructions);
  info.columns = [
    { width: 90, style: { font: FONT } },
    { width: 90, style: { font: FONT } },
  ];
  info.addRow(['ภาษาไทย', 'English']).font = { ...FONT, bold: true };
  for (const [th, en] of INSTRUCTIONS) info.addRow([th, en]).alignment = { wrapText: true, vertical: 'top' };
  info.getRow(2).font = { ...FONT, bold: true, size: 14 };
  return wb;
}

function addDataSheets(wb: ExcelJS.Workbook, year?: number): void {
  for (const layout of DATA_SHEETS) {
    const ws = wb.addWorksheet(layout.name, { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.columns = layout.columns.map((c) => ({ key: c.letter, width: c.width, style: { font: FONT } }));
    const withYear = (label: string, c: Column) =>
      year === undefined || c.year === undefined ? label : `${label} (${year + c.year})`;
    const th = ws.getRow(1);
    const en = ws.getRow(2);
    layout.columns.forEach((c, i) => {
      th.getCell(i + 1).value = withYear(c.th, c);
      en.getCell(i + 1).value = withYear(c.en, c);
    });
    th.font = { ...FONT, bold: true };
    en.font = { ...FONT, italic: true, color: { argb: 'FF666666' } };
    for (const r of [th, en]) r.alignment = { wrapText: true, vertical: 'top' };
    const last = FIRST_DATA_ROW + layout.templateRows - 1;
    for (const c of layout.columns) {
      // One range per column: exceljs's merging of per-cell validations writes overlapping ranges
      // (it sorts "C10" before "C3"), which Excel offers to "repair".
      const validation = validationOf(c.kind);
      if (validation) rangeValidations(ws).add(`${c.letter}${FIRST_DATA_ROW}:${c.letter}${last}`, validation);
      for (let row = FIRST_DATA_ROW; row <= last; row++) {
        const cell = ws.getCell(`${c.letter}${row}`);
        if (c.kind === 'score') cell.numFmt = '0.00';
        if (c.kind === 'text') cell.alignment = { wrapText: true, vertical: 'top' };
      }
    }
  }
}

/** The worksheet's validation list, which takes ranges; exceljs's typings leave it out. */
function rangeValidations(ws: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } })
    .dataValidations;
}

function validationOf(kind: Kind): ExcelJS.DataValidation | undefined {
  const list = (values: readonly string[]): ExcelJS.DataValidation => ({
    type: 'list',
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
    showErrorMessage: true,
    errorTitle: 'ITA',
    error: `${values.join(', ')}`,
  });
  if (kind === 'grade') return list(GRADES);
  if (kind === 'tool') return list(ASSESSMENT_TOOLS);
  if (kind === 'score')
    return {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [0, 100],
      showErrorMessage: true,
      errorTitle: 'ITA',
      error: 'คะแนน 0–100 / a score 0–100',
    };
  return undefined;
}

function fill(wb: ExcelJS.Workbook, layout: SheetLayout, rows: unknown[][]): void {
  const ws = wb.getWorksheet(layout.name)!;
  rows.forEach((values, i) =>
    layout.columns.forEach((c, k) => {
      const v = values[k];
      if (v !== undefined) ws.getCell(`${c.letter}${FIRST_DATA_ROW + i}`).value = v as ExcelJS.CellValue;
    }),
  );
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
