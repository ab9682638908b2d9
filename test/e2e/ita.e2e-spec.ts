/**
 * ITA results and plans as spreadsheets over HTTP, against the real app on a real database
 * (SQLite, or MariaDB with TEST_DATABASE_URL): the seed's analysis (E6 urgent and uncovered, I15,
 * I20 and I21 uncovered, E11 grouped as urgent), the plan workbook exported and imported back
 * unchanged, broken workbooks refused with their cells named and nothing written, ITA results
 * imported from the template as a new revision, the previous year's results and the
 * organization's own thresholds in the analysis, and who may do what.
 */
import { INestApplication } from '@nestjs/common';
import * as ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/app.factory';
import type { PlanDef } from '@ita/domain/plan/plan.types';
import { ITA_SHEETS, writeItaResultsSheet } from '@ita/spreadsheets/ita-results.sheet';
import { AuthHeader, setUpOrganization, signIn } from '../support/accounts';
import { planBytes, readPlan } from '../support/seed-plan';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PLAN = '/api/organizations/TCEB/plans/2565';
const TABLES = ['organization', 'unit', 'plan', 'ita_indicator', 'ita_item', 'measure', 'audit_entry'];

/** supertest keeps a binary answer as a Buffer only when told how to collect it. */
const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

async function edit(bytes: Buffer, change: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('ITA analysis and spreadsheets (e2e)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let dataSource: DataSource;
  let planner: AuthHeader;
  let staff: AuthHeader;
  let auditor: AuthHeader;

  const rowCounts = async () =>
    Object.fromEntries(
      await Promise.all(
        TABLES.map(async (t) => [t, Number((await dataSource.query(`SELECT COUNT(*) AS n FROM ${t}`))[0].n)]),
      ),
    );
  const download = (url: string, who: AuthHeader) => http.get(url).set(who).buffer(true).parse(binary);
  const upload = (url: string, bytes: Buffer, who: AuthHeader = planner, type = XLSX) =>
    http.post(url).set(who).set('Content-Type', type).send(bytes);
  const analysis = async (who: AuthHeader = staff, fiscalYear = 2565) =>
    (await http.get(`/api/organizations/TCEB/plans/${fiscalYear}/ita/analysis`).set(who).expect(200)).body;

  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    app = await createApp({ logger: false });
    await app.init();
    http = request(app.getHttpServer());
    dataSource = app.get(DataSource);
    await setUpOrganization(app);
    [planner, staff, auditor] = await Promise.all(
      ['tceb.planner', 'tceb.hr.staff', 'tceb.auditor'].map((u) => signIn(http, u)),
    );
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    delete process.env.DATABASE_URL;
  });

  it("analyses the seed's ITA results: E6 urgent with no measure, I15, I20 and I21 uncovered, E11 grouped as urgent", async () => {
    const body = await analysis();
    expect(body).toMatchObject({
      organization: 'TCEB',
      fiscalYear: 2565,
      assessmentYear: 2564,
      previousYear: 2563,
      previousResults: null,
      thresholds: { urgentBelow: 85, strengthAbove: 92 },
      thresholdsSource: 'default',
      overall: { score: 95.01, previousScore: 93.75, change: 1.26 },
    });
    expect(body.classes).toEqual([
      { class: 'urgent', label: { th: 'ต้องแก้ไขเร่งด่วน', en: 'urgent' } },
      { class: 'improve', label: { th: 'ต้องพัฒนาให้ดีขึ้น', en: 'needs improvement' } },
      { class: 'strength', label: { th: 'จุดแข็ง', en: 'strength' } },
    ]);
    expect(body.uncovered.map((u: any) => `${u.code} ${u.class}`)).toEqual([
      'E6 urgent',
      'I15 improve',
      'I20 improve',
      'I21 improve',
    ]);
    expect(body.departures.measurePriority).toEqual([
      expect.objectContaining({ item: 'E11', priority: 'urgent', score: 86.25, itemClasses: ['improve'] }),
    ]);
    const byCode = Object.fromEntries(body.items.map((i: any) => [i.code, i]));
    expect(byCode.E6).toMatchObject({ class: 'urgent', needsMeasure: true, measures: [] });
    expect(byCode.I7).toMatchObject({ class: 'urgent', measures: ['M01-I7'], previousScore: null, change: null });
    expect(byCode.I11).toMatchObject({ class: 'strength', listedIn: ['improve', 'strength'], flaggedSubItems: [2] });
    expect(body.indicators).toHaveLength(10);
    expect(body.indicators[0]).toMatchObject({ number: 1, score: 94.57, previousScore: 95.08, change: -0.51 });
    expect(body.gradeContradictions.length).toBeGreaterThan(0);
    // Read by everyone who reads the plan; the auditor sees the same.
    expect(await analysis(auditor)).toEqual(body);
  });

  it('exports the plan as a workbook that imports back unchanged (equal content hash), sent as .xlsx or as bytes', async () => {
    const { body: summary } = await http.get(PLAN).set(staff).expect(200);
    const exported = await download(`${PLAN}/plan.xlsx`, staff).expect(200);
    expect(exported.headers['content-type']).toBe(XLSX);
    expect(exported.headers['content-disposition']).toMatch(/plan-TCEB-2565\.xlsx/);
    const before = await rowCounts();
    for (const type of [XLSX, 'application/octet-stream']) {
      const { body } = await upload('/api/plans/import', exported.body, planner, type).expect(200);
      expect(body).toMatchObject({ status: 'unchanged', revision: 1, contentHash: summary.contentHash, changes: [] });
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a broken plan workbook with 422, naming every bad cell, and writes nothing', async () => {
    const exported = (await download(`${PLAN}/plan.xlsx`, planner).expect(200)).body as Buffer;
    const broken = await edit(exported, (wb) => {
      wb.getWorksheet(ITA_SHEETS.items.name)!.getCell('C5').value = 'abc';
      wb.getWorksheet('มาตรการ (Measures)')!.getCell('K3').value = 'y';
    });
    const before = await rowCounts();
    const { body } = await upload('/api/plans/import', broken).expect(422);
    expect(body.code).toBe('PLAN_INVALID');
    expect(body.problems).toEqual(
      expect.arrayContaining([
        { path: 'มาตรการ (Measures)!K3', message: expect.stringMatching(/"y" is not a mark/) },
        { path: 'ITA ข้อคำถาม (Items)!C5', message: '"abc" is not a number' },
      ]),
    );
    const notAWorkbook = await upload('/api/plans/import', Buffer.from('PK\x03\x04 not a zip')).expect(422);
    expect(notAWorkbook.body.problems).toEqual([{ path: '(file)', message: expect.stringMatching(/not an Excel/) }]);
    expect(await rowCounts()).toEqual(before);
  });

  it('imports ITA results from the template as a new revision, after the diff is confirmed; broken ones are refused at their cell', async () => {
    const template = await download(`${PLAN}/ita/template.xlsx`, planner).expect(200);
    expect(template.headers['content-type']).toBe(XLSX);
    const emptyTemplate = await upload(`${PLAN}/ita`, template.body).expect(422);
    expect(emptyTemplate.body.problems).toEqual([
      { path: 'ITA การประเมิน (Assessment)!A3', message: 'is required: the assessment year' },
    ]);

    const ita = structuredClone(readPlan().ita!);
    const e6 = ita.items.find((i) => i.code === 'E6')!;
    e6.score = 88.5;
    const filled = await writeItaResultsSheet(ita);
    const before = await rowCounts();

    const broken = await edit(filled, (wb) => {
      wb.getWorksheet(ITA_SHEETS.items.name)!.getCell('C5').value = 'abc';
      wb.getWorksheet(ITA_SHEETS.items.name)!.getCell('D6').value = 'AAA';
    });
    const refused = await upload(`${PLAN}/ita`, broken).expect(422);
    expect(refused.body.problems).toEqual([
      { path: 'ITA ข้อคำถาม (Items)!C5', message: '"abc" is not a number' },
      { path: 'ITA ข้อคำถาม (Items)!D6', message: '"AAA" is not one of AA, A, B, C, D, E, F' },
    ]);

    const dry = await upload(`${PLAN}/ita?dryRun=true`, filled).expect(200);
    expect(dry.body).toMatchObject({ status: 'would-update', revision: 1 });
    expect(dry.body.changes).toEqual([{ kind: 'changed', path: 'ita.items[E6].score', before: 84.02, after: 88.5 }]);
    const unconfirmed = await upload(`${PLAN}/ita`, filled).expect(409);
    expect(unconfirmed.body.preview.changes).toEqual(dry.body.changes);
    expect(await rowCounts()).toEqual(before);

    const applied = await upload(`${PLAN}/ita?confirm=${dry.body.baseHash}`, filled).expect(200);
    expect(applied.body).toMatchObject({ status: 'updated', revision: 2 });
    const { body: stored } = await http.get(`${PLAN}/ita`).set(staff).expect(200);
    expect(stored.items.find((i: any) => i.code === 'E6')).toMatchObject({ score: 88.5 });
    // E6 is now to improve by its own score, and still urgent by its two sub-items.
    expect((await analysis()).uncovered[0]).toEqual({
      code: 'E6',
      indicator: 7,
      tool: 'EIT',
      class: 'urgent',
      score: 88.5,
      viaSubItems: [1, 2],
    });
    const { body: trail } = await http
      .get('/api/organizations/TCEB/audit/entries?action=plan.imported')
      .set(auditor)
      .expect(200);
    expect(trail.items.map((e: any) => e.actor.id)).toEqual(['operator:test', 'tceb.planner']);
    expect(trail.items[1]).toMatchObject({
      actor: { id: 'tceb.planner' },
      after: { revision: 2, source: 'ita-workbook', changedPaths: ['changed ita.items[E6].score'] },
    });
    // The same results again change nothing.
    const again = await rowCounts();
    expect((await upload(`${PLAN}/ita`, filled).expect(200)).body.status).toBe('unchanged');
    expect(await rowCounts()).toEqual(again);
  });

  it("takes the items' previous scores from last year's plan, and the organization's own thresholds", async () => {
    const lastYear = readPlan() as PlanDef & Record<string, unknown>;
    lastYear.fiscalYear = 2564;
    const ita = lastYear.ita!;
    ita.assessmentYear = 2563;
    ita.overall = [{ year: 2563, score: 93.75 }];
    ita.indicators = ita.indicators.map((i) => ({ ...i, scores: i.scores.filter((s) => s.year === 2563) }));
    ita.items = ita.items.map((i) => (i.code === 'I7' ? { ...i, score: 75 } : i));
    lastYear.organization.settings = { itaThresholds: { urgentBelow: 80, strengthAbove: 90 } };
    expect(
      (await upload('/api/plans/import', planBytes(lastYear), planner, 'application/octet-stream').expect(201)).body,
    ).toMatchObject({ status: 'created', fiscalYear: 2564 });

    const { body: organizations } = await http.get('/api/organizations').set(staff).expect(200);
    expect(organizations[0]).toMatchObject({
      itaThresholds: { urgentBelow: 80, strengthAbove: 90 },
      itaThresholdsSource: 'organization',
    });
    const body = await analysis();
    expect(body).toMatchObject({
      previousResults: { fiscalYear: 2564, assessmentYear: 2563 },
      thresholds: { urgentBelow: 80, strengthAbove: 90 },
      thresholdsSource: 'organization',
    });
    const i7 = body.items.find((i: any) => i.code === 'I7');
    expect(i7).toMatchObject({ score: 81.8, previousScore: 75, change: 6.8, class: 'improve' });
    // FY2564 has no plan before it.
    expect((await analysis(staff, 2564)).previousResults).toBeNull();
  });

  it('lets only planners import, members download, and answers 404 for a plan without ITA results', async () => {
    const before = await rowCounts();
    const seedBook = (await download(`${PLAN}/plan.xlsx`, staff).expect(200)).body as Buffer;
    expect((await upload('/api/plans/import', seedBook, staff).expect(403)).body.problems[0].path).toBe('role');
    expect((await upload(`${PLAN}/ita`, seedBook, staff).expect(403)).body.problems[0].path).toBe('role');
    await download(`${PLAN}/ita/template.xlsx`, staff).expect(200);
    await http.get(`${PLAN}/ita/analysis`).expect(401);
    await http.get('/api/organizations/OTHER/plans/2565/ita/analysis').set(staff).expect(403);
    expect(
      (await http.get('/api/organizations/TCEB/plans/2599/ita/analysis').set(staff).expect(404)).body.problems,
    ).toEqual([{ path: 'fiscalYear', message: 'no plan for 2599' }]);
    expect((await upload(`${PLAN}/ita`, Buffer.alloc(0)).expect(400)).body.problems[0].path).toBe('(body)');
    expect(await rowCounts()).toEqual(before);

    const plan = readPlan() as any;
    plan.fiscalYear = 2566;
    delete plan.ita;
    await upload('/api/plans/import', planBytes(plan), planner, 'application/octet-stream').expect(201);
    const { body } = await http.get('/api/organizations/TCEB/plans/2566/ita/analysis').set(staff).expect(404);
    expect(body.problems).toEqual([{ path: 'ita', message: 'is absent' }]);
    // A plan without results exports with empty ITA sheets, and reads back without them.
    const book = (await download('/api/organizations/TCEB/plans/2566/plan.xlsx', planner).expect(200)).body as Buffer;
    expect((await upload('/api/plans/import', book).expect(200)).body.status).toBe('unchanged');
  });
});
