/**
 * Reads a plan workbook (layout: plan-sheet.layout.ts) back into a plan. Layout problems (a
 * missing sheet, a moved header) stop the reading, since the cells would be misread; otherwise
 * the cells are taken as typed and the plan validator judges the result, so a spreadsheet plan
 * obeys exactly the rules of a JSON one. Every problem names its sheet, row and column, all of
 * them at once, and no plan is returned while any remains. The ITA sheets are read by the ITA
 * results template's own reader (readItaSheets), which also places the validator's ITA problems.
 */
import { Workbook, Worksheet } from 'exceljs';
import { normalizePlan } from '@ita/domain/plan/plan.canonical';
import { ALL_UNITS, ALL_UNITS_LABEL, PlanDef } from '@ita/domain/plan/plan.types';
import { validatePlan } from '@ita/domain/plan/plan.validator';
import {
  CORRECTION_SHEET,
  CC,
  columnLetter,
  DATA_SHEETS,
  headerText,
  ITA_SHEETS_BEFORE,
  MARK,
  MC,
  MEASURE_LEVEL_COLUMNS,
  MEASURE_SHEET,
  NOTE_SHEET,
  PLAN_FIELDS,
  PLAN_SHEET,
  QUARTER_COLUMNS,
  SheetSpec,
  UC,
  UNIT_SHEET,
  isMark,
} from './plan-sheet.layout';
import { asList, asNumber, asNumberList, asText, Locations, Raw, rawValue, SheetProblem } from './sheet-cells';
import { ItaSheetsRead, readItaSheets } from './ita-results.sheet';

export type PlanWorkbookRead = { ok: true; plan: PlanDef } | { ok: false; problems: SheetProblem[] };

type Json = Record<string, unknown>;
/** A data row's cells by 1-based column number (index 0 unused). */
type Cells = Raw[];

export async function readPlanWorkbook(buffer: Uint8Array): Promise<PlanWorkbookRead> {
  const workbook = new Workbook();
  try {
    const bytes = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail([{ sheet: '(file)', row: 0, column: '', message: `is not an Excel workbook (.xlsx): ${reason}` }]);
  }
  const reader = new PlanWorkbookReader(workbook);
  return reader.read();
}

class PlanWorkbookReader {
  private readonly problems: SheetProblem[] = [];
  private readonly at = new Locations();
  private readonly sheets = new Map<SheetSpec, Worksheet>();
  private ita: ItaSheetsRead | undefined;

  constructor(private readonly workbook: Workbook) {}

  read(): PlanWorkbookRead {
    for (const spec of DATA_SHEETS) this.findSheet(spec);
    this.ita = readItaSheets(this.workbook, { optional: true });
    this.problems.push(...this.ita.layout);
    if (this.problems.length) return fail(this.sorted());

    const root = this.readPlanSheet();
    root.units = this.readUnits();
    root.measures = this.readMeasures();
    const corrections = this.readCorrections();
    if (corrections.length) root.corrections = corrections;
    const notes = this.readNotes();
    if (notes.length) ((root.source ??= {}) as Json).notes = notes;
    if (this.ita.ita) root.ita = this.ita.ita;

    const validation = validatePlan(root);
    if (!validation.ok) {
      const isIta = (path: string) => path === 'ita' || path.startsWith('ita.');
      for (const p of validation.problems.filter((p) => !isIta(p.path)))
        this.problems.push(this.at.problem(p.path, `${p.path} ${p.message}`));
      this.ita.placeFieldProblems(
        validation.problems.filter((p) => isIta(p.path)),
        { withPaths: true },
      );
    }
    this.problems.push(...this.ita.problems());
    if (this.problems.length || !validation.ok) return fail(this.sorted());
    return { ok: true, plan: normalizePlan(validation.plan) };
  }

  /** Finds a sheet by its name (or the English part of it) and checks its column headers. */
  private findSheet(spec: SheetSpec): void {
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
    const ws = this.workbook.worksheets.find((w) => [norm(spec.name), norm(spec.en)].includes(norm(w.name)));
    if (!ws) {
      this.problems.push({ sheet: spec.name, row: 1, column: 'A', message: `the sheet "${spec.name}" is missing` });
      return;
    }
    this.sheets.set(spec, ws);
    const header = ws.getRow(spec.headerRows);
    spec.columns.forEach((column, i) => {
      const found = asText(rawValue(header.getCell(i + 1).value)) ?? '';
      const en = norm(column.en);
      if (norm(found) !== en && !norm(found).includes(`(${en})`)) {
        this.problems.push({
          sheet: ws.name,
          row: spec.headerRows,
          column: columnLetter(i + 1),
          message: `the header should be "${headerText(column).replace('\n', ' ')}"${found ? `, found "${found.replace(/\s+/g, ' ')}"` : ' (the cell is empty)'}: columns must stay in the layout's order`,
        });
      }
    });
  }

  /** The data rows of a sheet that hold anything, with a problem for content right of the layout. */
  private *rows(spec: SheetSpec): Generator<{ r: number; cells: Cells }> {
    const ws = this.sheets.get(spec) as Worksheet;
    const width = spec.columns.length;
    const reported = new Set<number>();
    for (let r = spec.headerRows + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: Cells = [undefined];
      for (let c = 1; c <= width; c++) cells.push(rawValue(row.getCell(c).value));
      for (let c = width + 1; c <= row.cellCount; c++) {
        if (!reported.has(c) && rawValue(row.getCell(c).value) !== undefined) {
          reported.add(c);
          this.problem(spec, r, c, 'is outside the layout: its content would be lost (move it to a notes column)');
        }
      }
      if (cells.some((v) => v !== undefined)) yield { r, cells };
    }
  }

  private problem(spec: SheetSpec, row: number, column: number, message: string): void {
    this.problems.push({ sheet: this.sheetName(spec), row, column: columnLetter(column), message });
  }

  private locate(path: string, spec: SheetSpec, row: number, column: number, hint?: string): void {
    this.at.set(path, this.sheetName(spec), row, column, hint);
  }

  private sheetName(spec: SheetSpec): string {
    return this.sheets.get(spec)?.name ?? spec.name;
  }

  private readPlanSheet(): Json {
    const values = new Map<string, Raw>();
    const firstRow = new Map<string, number>();
    let lastRow = PLAN_SHEET.headerRows;
    for (const { r, cells } of this.rows(PLAN_SHEET)) {
      lastRow = r;
      const key = code(cells[1]);
      if (key === undefined) {
        if (cells[3] !== undefined) this.problem(PLAN_SHEET, r, 1, 'has a value but no key: the row cannot be read');
        continue;
      }
      const field = PLAN_FIELDS.find((f) => f.key === key);
      if (!field) this.problem(PLAN_SHEET, r, 1, `"${key}" is not a key of the plan sheet`);
      else if (firstRow.has(key))
        this.problem(PLAN_SHEET, r, 1, `repeats the key "${key}" of row ${firstRow.get(key)}`);
      else {
        firstRow.set(key, r);
        values.set(key, cells[3]);
        this.locate(key, PLAN_SHEET, r, 3);
      }
    }
    for (const field of PLAN_FIELDS)
      if (!firstRow.has(field.key))
        this.locate(field.key, PLAN_SHEET, lastRow + 1, 1, `no row has the key "${field.key}"`);
    const locateGroup = (path: string, key: string) =>
      this.locate(path, PLAN_SHEET, firstRow.get(key) ?? lastRow + 1, firstRow.has(key) ? 3 : 1);
    locateGroup('', 'schemaVersion');
    locateGroup('organization', 'organization.code');
    locateGroup('organization.settings', 'organization.settings.reportGraceDays');
    locateGroup('oversight', 'oversight.title');
    locateGroup('source', 'source.document');
    locateGroup('organization.settings.itaThresholds', 'organization.settings.itaThresholds.urgentBelow');

    const get = (key: string) => {
      const raw = values.get(key);
      const kind = PLAN_FIELDS.find((f) => f.key === key)?.kind;
      return kind === 'integer' || kind === 'number' ? asNumber(raw) : kind === 'list' ? asList(raw) : asText(raw);
    };
    const root: Json = {
      schemaVersion: get('schemaVersion'),
      organization: {
        code: code(values.get('organization.code')),
        name: get('organization.name'),
        shortName: get('organization.shortName'),
        nameEn: get('organization.nameEn'),
      },
      fiscalYear: get('fiscalYear'),
      oversight: {
        title: get('oversight.title'),
        titleEn: get('oversight.titleEn'),
        delegatedBy: get('oversight.delegatedBy'),
      },
    };
    const settingKeys = PLAN_FIELDS.filter((f) => f.key.startsWith('organization.settings.')).map((f) => f.key);
    if (settingKeys.some((k) => values.get(k) !== undefined)) {
      // A group of settings (itaThresholds) is there when any of its cells is filled.
      const settings: Json = {};
      for (const key of settingKeys) {
        const value = get(key);
        if (value === undefined) continue;
        const path = key.slice('organization.settings.'.length).split('.');
        let at = settings;
        for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Json;
        at[path[path.length - 1]] = value;
      }
      (root.organization as Json).settings = settings;
    }
    if (values.get('source.document') !== undefined) root.source = { document: get('source.document') };
    return root;
  }

  private readUnits(): Json[] {
    const units: Json[] = [];
    this.locate('units', UNIT_SHEET, UNIT_SHEET.headerRows + 1, 1);
    for (const { r, cells } of this.rows(UNIT_SHEET)) {
      const path = `units[${units.length}]`;
      units.push({
        code: code(cells[UC.code]),
        name: asText(cells[UC.name]),
        nameEn: asText(cells[UC.nameEn]),
        parent: code(cells[UC.parent]),
      });
      this.locate(path, UNIT_SHEET, r, UC.code);
      this.locate(`${path}.code`, UNIT_SHEET, r, UC.code);
      this.locate(`${path}.name`, UNIT_SHEET, r, UC.name);
      this.locate(`${path}.nameEn`, UNIT_SHEET, r, UC.nameEn);
      this.locate(`${path}.parent`, UNIT_SHEET, r, UC.parent);
    }
    return units;
  }

  private readMeasures(): Json[] {
    const S = MEASURE_SHEET;
    const measures: Json[] = [];
    this.locate('measures', S, S.headerRows + 1, MC.code);
    let m: { json: Json; path: string; row: number } | undefined;
    const list = (key: string) => (m as { json: Json }).json[key] as unknown[];

    for (const { r, cells } of this.rows(S)) {
      const has = (column: number) => cells[column] !== undefined;
      if (has(MC.code)) {
        const path = `measures[${measures.length}]`;
        const json: Json = {
          code: code(cells[MC.code]),
          stakeholderGroup: code(cells[MC.group]),
          priority: code(cells[MC.priority]),
          indicator: asNumber(cells[MC.indicator]),
          title: asText(cells[MC.title]),
          items: [],
          steps: [],
          responsibleUnits: unitList(cells[MC.units]),
          responsibleText: asText(cells[MC.unitsText]),
          leadUnit: code(cells[MC.leadUnit]),
          monitoringGuidelines: [],
          reporting: [],
          incomplete: this.mark(S, r, MC.incomplete, cells) ?? false,
          notes: [],
        };
        measures.push(json);
        m = { json, path, row: r };
        const fields: Array<[string, number]> = [
          ['', MC.code],
          ['.code', MC.code],
          ['.stakeholderGroup', MC.group],
          ['.priority', MC.priority],
          ['.indicator', MC.indicator],
          ['.title', MC.title],
          ['.items', MC.itemCode],
          ['.steps', MC.stepNumber],
          ['.responsibleUnits', MC.units],
          ['.responsibleText', MC.unitsText],
          ['.leadUnit', MC.leadUnit],
          ['.monitoringGuidelines', MC.guidelineNumber],
          ['.reporting', MC.cadence],
          ['.incomplete', MC.incomplete],
          ['.notes', MC.notes],
        ];
        for (const [suffix, column] of fields) this.locate(`${path}${suffix}`, S, r, column);
        (json.responsibleUnits as unknown[] | undefined)?.forEach((_, j) =>
          this.locate(`${path}.responsibleUnits[${j}]`, S, r, MC.units),
        );
      } else if (!m) {
        const first = cells.findIndex((v) => v !== undefined);
        this.problem(S, r, first, 'has no measure code in column A, on this row or above it');
        continue;
      } else {
        for (const column of MEASURE_LEVEL_COLUMNS)
          if (has(column))
            this.problem(S, r, column, `belongs on the first row of measure ${m.json.code ?? ''} (row ${m.row})`);
      }
      const { path } = m;

      if (has(MC.itemCode) || has(MC.itemScore) || has(MC.itemGrade)) {
        const p = `${path}.items[${list('items').length}]`;
        list('items').push({
          code: code(cells[MC.itemCode]),
          score: asNumber(cells[MC.itemScore]),
          grade: code(cells[MC.itemGrade]),
        });
        this.locateAll(p, r, { '': MC.itemCode, code: MC.itemCode, score: MC.itemScore, grade: MC.itemGrade });
      }

      const stepColumns = [...QUARTER_COLUMNS, MC.scheduleAssumed, MC.owners];
      if (has(MC.stepNumber) || has(MC.stepText)) {
        const p = `${path}.steps[${list('steps').length}]`;
        const quarters: number[] = [];
        QUARTER_COLUMNS.forEach((column, q) => {
          if (!this.mark(S, r, column, cells)) return;
          this.locate(`${p}.quarters[${quarters.length}]`, S, r, column);
          quarters.push(q + 1);
        });
        const step: Json = { number: asNumber(cells[MC.stepNumber]), text: asText(cells[MC.stepText]), quarters };
        if (this.mark(S, r, MC.scheduleAssumed, cells)) step.scheduleAssumed = true;
        const owners = unitList(cells[MC.owners]);
        if (owners) {
          step.owners = owners;
          owners.forEach((_, j) => this.locate(`${p}.owners[${j}]`, S, r, MC.owners));
        }
        list('steps').push(step);
        this.locateAll(p, r, {
          '': MC.stepNumber,
          number: MC.stepNumber,
          text: MC.stepText,
          quarters: MC.q1,
          scheduleAssumed: MC.scheduleAssumed,
          owners: MC.owners,
        });
      } else {
        for (const column of stepColumns)
          if (has(column))
            this.problem(
              S,
              r,
              column,
              `is on a row without a step: fill in the step's number and text (columns ${columnLetter(MC.stepNumber)}–${columnLetter(MC.stepText)}) or clear it`,
            );
      }

      if (has(MC.guidelineNumber) || has(MC.guidelineText)) {
        const p = `${path}.monitoringGuidelines[${list('monitoringGuidelines').length}]`;
        const guideline: Json = { number: asNumber(cells[MC.guidelineNumber]), text: asText(cells[MC.guidelineText]) };
        const steps = asNumberList(cells[MC.guidelineSteps]);
        if (steps) {
          guideline.steps = steps;
          steps.forEach((_, j) => this.locate(`${p}.steps[${j}]`, S, r, MC.guidelineSteps));
        }
        list('monitoringGuidelines').push(guideline);
        this.locateAll(p, r, {
          '': MC.guidelineNumber,
          number: MC.guidelineNumber,
          text: MC.guidelineText,
          steps: MC.guidelineSteps,
        });
      } else if (has(MC.guidelineSteps)) {
        this.problem(S, r, MC.guidelineSteps, 'is on a row without a monitoring guideline');
      }

      if (has(MC.cadence) || has(MC.recipient) || has(MC.from) || has(MC.reportText)) {
        const p = `${path}.reporting[${list('reporting').length}]`;
        list('reporting').push({
          cadence: code(cells[MC.cadence]),
          recipient: code(cells[MC.recipient]),
          from: code(cells[MC.from]),
          text: asText(cells[MC.reportText]),
        });
        this.locateAll(p, r, {
          '': MC.cadence,
          cadence: MC.cadence,
          recipient: MC.recipient,
          from: MC.from,
          text: MC.reportText,
        });
      }

      if (has(MC.notes)) {
        this.locate(`${path}.notes[${list('notes').length}]`, S, r, MC.notes);
        list('notes').push(asText(cells[MC.notes]));
      }
    }
    return measures;
  }

  private readCorrections(): Json[] {
    const out: Json[] = [];
    this.locate('corrections', CORRECTION_SHEET, CORRECTION_SHEET.headerRows + 1, 1);
    for (const { r, cells } of this.rows(CORRECTION_SHEET)) {
      const path = `corrections[${out.length}]`;
      // The original may be empty (something the source left out); the cell is then empty too.
      out.push({
        path: asText(cells[CC.path]),
        original: asText(cells[CC.original]) ?? '',
        corrected: asText(cells[CC.corrected]),
        reason: asText(cells[CC.reason]),
      });
      this.locateAll(
        path,
        r,
        { '': CC.path, path: CC.path, original: CC.original, corrected: CC.corrected, reason: CC.reason },
        CORRECTION_SHEET,
      );
    }
    return out;
  }

  private readNotes(): string[] {
    const notes: string[] = [];
    this.locate('source.notes', NOTE_SHEET, NOTE_SHEET.headerRows + 1, 1);
    for (const { r, cells } of this.rows(NOTE_SHEET)) {
      this.locate(`source.notes[${notes.length}]`, NOTE_SHEET, r, 1);
      notes.push(asText(cells[1]) as string);
    }
    return notes;
  }

  /** Registers the cell of each field of the object at `path` (key "" = the object itself). */
  private locateAll(path: string, row: number, columns: Record<string, number>, spec: SheetSpec = MEASURE_SHEET): void {
    for (const [field, column] of Object.entries(columns))
      this.locate(field ? `${path}.${field}` : path, spec, row, column);
  }

  /** A mark cell: true (marked), false (empty), or undefined with a problem (something else). */
  private mark(spec: SheetSpec, row: number, column: number, cells: Cells): boolean | undefined {
    const raw = cells[column];
    if (raw === undefined) return false;
    if (raw === true || raw === 1 || (typeof raw === 'string' && isMark(raw))) return true;
    this.problem(spec, row, column, `"${String(raw)}" is not a mark: put ${MARK} here, or leave the cell empty`);
    return undefined;
  }

  private sorted(): SheetProblem[] {
    const names = DATA_SHEETS.flatMap((s) => [
      ...(s === ITA_SHEETS_BEFORE ? (this.ita?.sheetNames ?? []) : []),
      this.sheetName(s),
    ]);
    const order = (name: string) => names.indexOf(name);
    const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return this.problems
      .map((p, i) => ({ p, i }))
      .sort(
        (a, b) =>
          order(a.p.sheet) - order(b.p.sheet) || a.p.row - b.p.row || col(a.p.column) - col(b.p.column) || a.i - b.i,
      )
      .map(({ p }) => p);
  }
}

/** Codes and enumerations never contain spaces: stray ones around them are dropped. */
function code(raw: Raw): string | undefined {
  return asText(raw)?.trim();
}

/** Unit codes; "ทุกส่วนงาน" as written in Thai plans is the same as ALL. */
function unitList(raw: Raw): string[] | undefined {
  return asList(raw)?.map((u) => (u === ALL_UNITS_LABEL.th ? ALL_UNITS : u));
}

function fail(problems: SheetProblem[]): PlanWorkbookRead {
  return { ok: false, problems };
}
