import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workbook, Worksheet } from 'exceljs';
import { DomainError } from '@ita/domain/domain-error';
import { canonicalJson, normalizePlan } from '@ita/domain/plan/plan.canonical';
import type { PlanDef } from '@ita/domain/plan/plan.types';
import { assertValidPlan, validatePlan } from '@ita/domain/plan/plan.validator';
import { CORRECTION_SHEET, MC, MEASURE_SHEET, NOTE_SHEET, PLAN_SHEET, UNIT_SHEET } from './plan-sheet.layout';
import { ITA_DATA_SHEETS, ITA_SHEETS, parseItaResultsSheet } from './ita-results.sheet';
import { readPlanWorkbook, SheetProblem, writePlanWorkbook } from './plan.sheet';

const SEED = path.resolve(__dirname, '../../../data/plans/tceb-fy2565.plan.json');
const seed = (): PlanDef => assertValidPlan(validatePlan(JSON.parse(fs.readFileSync(SEED, 'utf8'))));
const contentHash = (plan: PlanDef) =>
  createHash('sha256')
    .update(canonicalJson(normalizePlan(plan)))
    .digest('hex');

async function roundTrip(plan: PlanDef): Promise<PlanDef> {
  const result = await readPlanWorkbook(await writePlanWorkbook(plan));
  if (!result.ok) throw new Error(`round trip failed:\n${result.problems.map(show).join('\n')}`);
  return result.plan;
}

/** Loads a workbook, lets the test damage it, and saves it again. */
async function edit(buffer: Buffer, change: (workbook: Workbook) => void): Promise<Buffer> {
  const workbook = new Workbook();
  await workbook.xlsx.load(buffer as never);
  change(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const show = (p: SheetProblem) => `${p.sheet}!${p.column}${p.row}: ${p.message}`;

async function problemsOf(buffer: Buffer): Promise<string[]> {
  const result = await readPlanWorkbook(buffer);
  if (result.ok) throw new Error('expected the workbook to be refused');
  return result.problems.map(show);
}

/** The sheet row where the measure with this code starts. */
function measureRow(ws: Worksheet, code: string): number {
  for (let r = MEASURE_SHEET.headerRows + 1; r <= ws.rowCount; r++) if (ws.getCell(r, MC.code).value === code) return r;
  throw new Error(`no measure ${code}`);
}

describe('plan workbook (writePlanWorkbook, readPlanWorkbook)', () => {
  let seedBook: Buffer;
  beforeAll(async () => {
    seedBook = await writePlanWorkbook(seed());
  });

  it('gives the seed plan back unchanged: equal content hash, deep-equal', async () => {
    const plan = seed();
    const back = await roundTrip(plan);
    expect(contentHash(back)).toBe(contentHash(plan));
    expect(back).toStrictEqual(normalizePlan(plan));
    expect(back.measures).toHaveLength(12);
    expect(back.ita?.items).toHaveLength(45);
    expect(back.corrections).toHaveLength(plan.corrections?.length ?? -1);
  });

  it('writes the seed in the layout of its tables, Thai headers with English', async () => {
    const workbook = new Workbook();
    await workbook.xlsx.load(seedBook as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      PLAN_SHEET.name,
      MEASURE_SHEET.name,
      UNIT_SHEET.name,
      ...ITA_DATA_SHEETS.map((s) => s.name),
      CORRECTION_SHEET.name,
      NOTE_SHEET.name,
      'คำอธิบาย (Guide)',
    ]);
    const ws = workbook.getWorksheet(MEASURE_SHEET.name) as Worksheet;
    expect(ws.getCell(2, MC.stepText).value).toBe('ขั้นตอนดำเนินการ\n(Step)');
    expect(ws.getCell(1, MC.q1).value).toBe('ระยะเวลาดำเนินการ (Schedule)');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const r = measureRow(ws, 'M01-I7');
    expect([
      ws.getCell(r, MC.itemCode).value,
      ws.getCell(r, MC.itemScore).value,
      ws.getCell(r, MC.itemGrade).value,
    ]).toEqual(['I7', 81.8, 'B']);
    // Step 1 of I7 runs in Q1–Q3 (the seed's arrow ← … →).
    expect([MC.q1, MC.q2, MC.q3, MC.q4].map((c) => ws.getCell(r, c).value ?? null)).toEqual(['✓', '✓', '✓', null]);
    expect(ws.getCell(r, MC.units).value).toBe('PLAN_BUDGET');
    expect(ws.getCell(r, MC.reportText).value).toMatch(/ทุก ๆ 6 เดือน/);
    expect(ws.getCell(r, MC.stepText).alignment?.wrapText).toBe(true);
  });

  it('keeps step owners, lead unit, assumed schedules and reporting units, and leaves absent ones absent', async () => {
    const plan = seed() as any;
    const audit = plan.measures.find((m: any) => m.code === 'M05-I8-I12');
    for (const step of audit.steps) delete step.owners;
    audit.leadUnit = 'INTERNAL_AUDIT';
    audit.steps[4].owners = ['INTERNAL_AUDIT'];
    audit.steps[0].owners = ['ALL'];
    audit.steps[1].owners = ['PLAN_BUDGET', 'INTERNAL_AUDIT'];
    audit.steps[2].scheduleAssumed = true;
    audit.reporting[0].from = 'INTERNAL_AUDIT';
    const back = (await roundTrip(plan)) as any;
    expect(contentHash(back)).toBe(contentHash(plan));
    const measure = back.measures.find((m: any) => m.code === 'M05-I8-I12');
    expect(measure.steps.map((s: any) => s.owners)).toEqual([
      ['ALL'],
      ['PLAN_BUDGET', 'INTERNAL_AUDIT'],
      undefined,
      undefined,
      ['INTERNAL_AUDIT'],
    ]);
    expect(measure.steps[2]).toHaveProperty('scheduleAssumed', true);
    expect(measure.steps[3]).not.toHaveProperty('scheduleAssumed');
    expect(measure.leadUnit).toBe('INTERNAL_AUDIT');
    expect(measure.reporting[0].from).toBe('INTERNAL_AUDIT');
    expect(back.measures[0]).not.toHaveProperty('leadUnit');
  });

  it('keeps the corners of the format: settings, empty lists, text that Excel would rewrite', async () => {
    const plan = seed() as any;
    plan.organization.settings = { reportGraceDays: 0, escalateCadences: [] };
    plan.units[0].parent = undefined;
    plan.measures[0].monitoringGuidelines[0].steps = [1, 3];
    plan.measures[0].monitoringGuidelines[1].steps = [];
    plan.measures[0].steps[1].text = 'บรรทัดแรก\r\nบรรทัดที่สอง\tและ _x000D_ ตามตัวอักษร ';
    plan.measures[0].title = '  ประเด็น = 1+1';
    plan.measures[0].incomplete = true;
    plan.ita.indicators[0].scores = [];
    delete plan.ita.items[1].score;
    plan.corrections[0].original = '';
    const back = await roundTrip(plan);
    expect(back.measures[0].steps[1].text).toBe(plan.measures[0].steps[1].text);
    expect(contentHash(back)).toBe(contentHash(plan));
    expect(back).toStrictEqual(normalizePlan(plan));
  });

  it('gives a plan without ITA results, corrections or source notes back without them', async () => {
    const plan = seed() as any;
    delete plan.ita;
    delete plan.corrections;
    delete plan.source;
    const back = await roundTrip(plan);
    expect(back).not.toHaveProperty('ita');
    expect(back).not.toHaveProperty('corrections');
    expect(back).not.toHaveProperty('source');
    expect(contentHash(back)).toBe(contentHash(plan));
  });

  it('reads what planners type: other marks, numbers as text, ทุกส่วนงาน, stray spaces round codes', async () => {
    const edited = await edit(seedBook, (workbook) => {
      const ws = workbook.getWorksheet(MEASURE_SHEET.name) as Worksheet;
      const r = measureRow(ws, 'M01-I7');
      ws.getCell(r, MC.q1).value = 'x';
      ws.getCell(r, MC.q2).value = 1;
      ws.getCell(r, MC.q3).value = '→';
      ws.getCell(r, MC.q4).value = '←';
      ws.getCell(r, MC.stepNumber).value = ' 1 ';
      ws.getCell(r, MC.itemScore).value = '81.80';
      ws.getCell(r, MC.units).value = 'ทุกส่วนงาน';
      ws.getCell(r, MC.code).value = ' M01-I7 ';
      ws.getCell(r, MC.owners).value = 'HR;PLAN_BUDGET\nINTERNAL_AUDIT';
    });
    const result = await readPlanWorkbook(edited);
    if (!result.ok) throw new Error(result.problems.map(show).join('\n'));
    const m = result.plan.measures[0] as any;
    expect(m.code).toBe('M01-I7');
    expect(m.steps[0]).toMatchObject({
      number: 1,
      quarters: [1, 2, 3, 4],
      owners: ['HR', 'PLAN_BUDGET', 'INTERNAL_AUDIT'],
    });
    expect(m.items[0].score).toBe(81.8);
    expect(m.responsibleUnits).toEqual(['ALL']);
  });

  it('refuses rows above the first measure code, and sub-items of an item the items sheet lacks', async () => {
    const broken = await edit(seedBook, (workbook) => {
      const ws = workbook.getWorksheet(MEASURE_SHEET.name) as Worksheet;
      ws.getCell(measureRow(ws, 'M01-I7'), MC.code).value = null;
      workbook.getWorksheet(ITA_SHEETS.subItems.name)!.getCell('A3').value = 'I99';
    });
    expect(await problemsOf(broken)).toEqual(
      expect.arrayContaining([
        `${MEASURE_SHEET.name}!B3: has no measure code in column A, on this row or above it`,
        `${ITA_SHEETS.subItems.name}!A3: "I99" is not an item on sheet ${ITA_SHEETS.items.name}`,
      ]),
    );
  });

  it("holds its ITA results in the ITA template's layout: its sheets read on their own give the same results", async () => {
    const parsed = await parseItaResultsSheet(seedBook);
    expect(parsed).toEqual({ ok: true, ita: seed().ita });
  });

  it("keeps the organization's ITA thresholds, and names the cell of a bad one", async () => {
    const plan = seed() as any;
    plan.organization.settings = { itaThresholds: { urgentBelow: 80, strengthAbove: 90.5 } };
    const book = await writePlanWorkbook(plan);
    const back = await roundTrip(plan);
    expect(back.organization.settings).toEqual({ itaThresholds: { urgentBelow: 80, strengthAbove: 90.5 } });
    expect(contentHash(back)).toBe(contentHash(plan));
    const broken = await edit(book, (workbook) => {
      const ws = workbook.getWorksheet(PLAN_SHEET.name) as Worksheet;
      for (let r = 2; r <= ws.rowCount; r++)
        if (ws.getCell(r, 1).value === 'organization.settings.itaThresholds.strengthAbove') ws.getCell(r, 3).value = 70;
    });
    expect(await problemsOf(broken)).toEqual([
      expect.stringMatching(
        /^แผน \(Plan\)!C\d+: organization\.settings\.itaThresholds\.strengthAbove 70 is below urgentBelow \(80\)/,
      ),
    ]);
  });

  it('refuses to write a field it has no cell for, rather than drop it', async () => {
    const plan = seed() as any;
    plan.measures[1].steps[0].budget = 100000;
    plan.measures[1].steps[1].scheduleAssumed = false;
    await expect(writePlanWorkbook(plan)).rejects.toThrow(DomainError);
    await expect(writePlanWorkbook(plan)).rejects.toMatchObject({
      problems: [{ path: 'measures[1].steps[0].budget' }, { path: 'measures[1].steps[1].scheduleAssumed' }],
    });
  });

  it('refuses a damaged measures sheet, naming every bad cell at once', async () => {
    let at: Record<string, number> = {};
    const broken = await edit(seedBook, (workbook) => {
      const ws = workbook.getWorksheet(MEASURE_SHEET.name) as Worksheet;
      const i7 = measureRow(ws, 'M01-I7');
      const i14 = measureRow(ws, 'M02-I14');
      const last = ws.rowCount;
      at = { i7, i14, last };
      ws.getCell(i7 + 1, MC.stepNumber).value = 'x'; // step number "x"
      ws.getCell(i7, MC.q4).value = 'y'; // not a mark
      ws.getCell(i14, MC.units).value = 'HR, FINANCE'; // unknown unit code
      ws.getCell(last + 1, MC.q2).value = '✓'; // a quarter mark on a row without a step
      ws.getCell(i14 + 1, MC.title).value = 'ประเด็นซ้ำ'; // a measure's cell on its second row
      ws.getCell(i14, MC.cadence).value = 'weekly';
      ws.getCell(i14 + 1, MC.q1).value = null; // step 2 of I14 now runs in no quarter…
      ws.getCell(i14 + 1, MC.q2).value = null;
      ws.getCell(i14 + 1, MC.q3).value = null;
      ws.getCell(i14 + 1, MC.q4).value = null;
    });
    const sheet = MEASURE_SHEET.name.replace(/[()]/g, '\\$&');
    const problems = await problemsOf(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${sheet}!N${at.i7}: "y" is not a mark`)),
        expect.stringMatching(
          new RegExp(`^${sheet}!I${at.i7 + 1}: measures\\[0\\]\\.steps\\[1\\]\\.number "x" is not a step number`),
        ),
        expect.stringMatching(
          new RegExp(`^${sheet}!Q${at.i14}: measures\\[1\\]\\.responsibleUnits\\[1\\] "FINANCE" is not a unit`),
        ),
        expect.stringMatching(
          new RegExp(`^${sheet}!W${at.i14}: measures\\[1\\]\\.reporting\\[0\\]\\.cadence "weekly"`),
        ),
        expect.stringMatching(new RegExp(`^${sheet}!E${at.i14 + 1}: belongs on the first row of measure M02-I14`)),
        expect.stringMatching(
          new RegExp(`^${sheet}!K${at.i14 + 1}: measures\\[1\\]\\.steps\\[1\\]\\.quarters must have at least 1`),
        ),
        expect.stringMatching(new RegExp(`^${sheet}!L${at.last + 1}: is on a row without a step`)),
      ]),
    );
    expect(problems.length).toBeGreaterThanOrEqual(7);
  });

  it('names the cell of problems on the other sheets too', async () => {
    const broken = await edit(seedBook, (workbook) => {
      const plan = workbook.getWorksheet(PLAN_SHEET.name) as Worksheet;
      for (let r = 2; r <= plan.rowCount; r++)
        if (plan.getCell(r, 1).value === 'fiscalYear') plan.getCell(r, 3).value = '2565a';
      const units = workbook.getWorksheet(UNIT_SHEET.name) as Worksheet;
      units.getCell(3, 1).value = 'ADMIN'; // a duplicate code
      units.getCell(3, 6).value = 'a remark'; // right of the layout: it would be lost
      workbook.getWorksheet(ITA_SHEETS.items.name)!.getCell('C3').value = 101;
      workbook.getWorksheet(ITA_SHEETS.indicators.name)!.getCell('B4').value = 'ITAS';
    });
    expect(await problemsOf(broken)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^แผน \(Plan\)!C\d+: fiscalYear "2565a" is not a Buddhist-era year/),
        'หน่วยงาน (Units)!A3: units[1].code duplicates unit code "ADMIN"',
        expect.stringMatching(/^หน่วยงาน \(Units\)!F3: is outside the layout/),
        expect.stringMatching(/^ITA ข้อคำถาม \(Items\)!C3: ita\.items\[0\]\.score 101 is not a score/),
        'ITA ตัวชี้วัด (Indicators)!B4: ita.indicators[1].tool "ITAS" is not one of IIT, EIT, OIT',
      ]),
    );
  });

  it('says which sheet or header is missing, and reads nothing else', async () => {
    const broken = await edit(seedBook, (workbook) => {
      workbook.removeWorksheet((workbook.getWorksheet(UNIT_SHEET.name) as Worksheet).id);
      const ws = workbook.getWorksheet(MEASURE_SHEET.name) as Worksheet;
      ws.getCell(2, MC.q1).value = 'ไตรมาส';
      ws.getCell(2, MC.notes).value = null;
    });
    expect(await problemsOf(broken)).toEqual([
      `${MEASURE_SHEET.name}!K2: the header should be "ไตรมาสที่ 1 (Q1)", found "ไตรมาส": columns must stay in the layout's order`,
      `${MEASURE_SHEET.name}!AB2: the header should be "หมายเหตุ (Notes)" (the cell is empty): columns must stay in the layout's order`,
      `${UNIT_SHEET.name}!A1: the sheet "${UNIT_SHEET.name}" is missing`,
    ]);
  });

  it('points a missing plan field to the row to add', async () => {
    const broken = await edit(seedBook, (workbook) => {
      const ws = workbook.getWorksheet(PLAN_SHEET.name) as Worksheet;
      for (let r = 2; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === 'organization.code') ws.spliceRows(r, 1);
    });
    expect(await problemsOf(broken)).toEqual([
      expect.stringMatching(
        /^แผน \(Plan\)!A\d+: organization\.code is required \(no row has the key "organization\.code"\)$/,
      ),
    ]);
  });

  it('refuses a file that is not a workbook', async () => {
    const result = await readPlanWorkbook(Buffer.from('{"schemaVersion":1}'));
    expect(result).toMatchObject({ ok: false, problems: [{ sheet: '(file)', row: 0, column: '' }] });
  });
});
