/**
 * Plans over HTTP against the real app on a real database (SQLite, or MariaDB with
 * TEST_DATABASE_URL): the seed plan imports and lists as the agency wrote it, bad files are
 * rejected with every problem and nothing written, re-imports are idempotent, and a changed
 * plan is shown as a diff before it is applied. Only a planner imports, and only his own
 * organization's plan; an operator (the CLI) loads a new organization.
 */
import { INestApplication } from '@nestjs/common';
import * as fs from 'node:fs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/app.factory';
import { PlanImportService } from '../../apps/api/src/plans/plan-import.service';
import { rollOverPlan } from '@ita/domain/plan/plan.rollover';
import { PlanRepository } from '@ita/persistence/plan.repository';
import { AuthHeader, setUpOrganization, signIn } from '../support/accounts';
import { planBytes, readPlan, SEED_PLAN_FILE, TEST_OPERATOR } from '../support/seed-plan';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const TABLES = ['organization', 'unit', 'plan', 'ita_indicator', 'ita_item', 'measure'];

describe('plans API (e2e)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let dataSource: DataSource;
  let planner: AuthHeader;
  let member: AuthHeader;

  const rowCounts = async () =>
    Object.fromEntries(
      await Promise.all(
        TABLES.map(async (t) => [t, Number((await dataSource.query(`SELECT COUNT(*) AS n FROM ${t}`))[0].n)]),
      ),
    );
  const importFile = (body: Buffer, query = '') =>
    http.post(`/api/plans/import${query}`).set(planner).set('Content-Type', 'application/octet-stream').send(body);
  const get = (url: string) => http.get(url).set(member);

  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    app = await createApp({ logger: false });
    await app.init();
    http = request(app.getHttpServer());
    dataSource = app.get(DataSource);
    await setUpOrganization(app);
    planner = await signIn(http, 'tceb.planner');
    member = await signIn(http, 'tceb.hr.staff');
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    delete process.env.DATABASE_URL;
  });

  it('imports the seed plan and lists its 11 measures and the fragment with units and cadences', async () => {
    const imported = await importFile(fs.readFileSync(SEED_PLAN_FILE)).expect(200);
    expect(imported.body).toMatchObject({ status: 'unchanged', organization: 'TCEB', fiscalYear: 2565, revision: 1 });
    expect(imported.body.summary).toMatchObject({ measures: 12, itaItems: 45, units: 7 });

    const { body: measures } = await get('/api/organizations/TCEB/plans/2565/measures').expect(200);
    expect(measures).toHaveLength(12);
    const byCode = Object.fromEntries(measures.map((m: any) => [m.code, m]));
    expect(byCode['M01-I7'].responsibleUnits).toEqual([
      { code: 'PLAN_BUDGET', name: 'ส่วนงานแผนงานและการงบประมาณ', nameEn: 'Planning and Budget Section' },
    ]);
    expect(byCode['M05-I8-I12'].responsibleUnits.map((u: any) => u.code)).toEqual([
      'ALL',
      'PLAN_BUDGET',
      'INTERNAL_AUDIT',
    ]);
    // I11's internal-audit 6-monthly report is a reporting line of its own, from Internal Audit to the executives.
    expect(byCode['M06-I11'].cadences.map((c: any) => [c.cadence, c.recipient, c.from])).toEqual([
      ['semiannual', 'director-or-delegate', null],
      ['monthly', 'director-or-delegate', null],
      ['semiannual', 'executives', 'INTERNAL_AUDIT'],
    ]);
    expect(byCode['M08-I24'].leadUnit).toBe('PROCUREMENT');
    expect(byCode['M01-I7'].leadUnit).toBeNull();
    expect(byCode['M07-I13'].cadences.map((c: any) => c.label)).toEqual(['ปีละครั้ง']);
    expect(byCode['M12-E15'].cadences.map((c: any) => c.cadence)).toEqual(['yearly']);
    expect(measures.filter((m: any) => m.incomplete).map((m: any) => m.code)).toEqual(['FRAG-E3-E7-E9']);
    expect(
      measures
        .filter((m: any) => !m.incomplete)
        .every((m: any) => m.cadences.length > 0 && m.responsibleUnits.length > 0),
    ).toBe(true);

    const { body: measure } = await get('/api/organizations/TCEB/plans/2565/measures/M01-I7').expect(200);
    expect(measure.items).toEqual([{ code: 'I7', score: 81.8, grade: 'B' }]);
    expect(measure.steps[0].text).toBe(readPlan().measures[0].steps[0].text);
    const { body: m05 } = await get('/api/organizations/TCEB/plans/2565/measures/M05-I8-I12').expect(200);
    expect(m05.steps.map((s: any) => s.owners)).toEqual([
      ['PLAN_BUDGET'],
      ['PLAN_BUDGET'],
      ['PLAN_BUDGET'],
      ['ALL'],
      ['INTERNAL_AUDIT'],
    ]);
    expect(m05.reporting[1]).toMatchObject({
      cadence: 'semiannual',
      from: 'INTERNAL_AUDIT',
      recipient: 'executives',
      recipientLabel: { th: 'ผู้บริหาร' },
    });
    const { body: m03 } = await get('/api/organizations/TCEB/plans/2565/measures/M03-I1-I2').expect(200);
    expect(m03.steps.every((s: any) => s.scheduleAssumed === true)).toBe(true);

    const { body: ita } = await get('/api/organizations/TCEB/plans/2565/ita').expect(200);
    expect(ita.indicators).toHaveLength(10);
    expect(ita.items.find((i: any) => i.code === 'I14')).toMatchObject({ score: 84.25, grade: 'C' });

    const { body: plan } = await get('/api/organizations/TCEB/plans/2565').expect(200);
    expect(plan.corrections.find((c: any) => c.original === '17')).toMatchObject({ corrected: 'I7' });
  });

  it('changes nothing when the same plan is imported again', async () => {
    const before = await rowCounts();
    const { body } = await importFile(fs.readFileSync(SEED_PLAN_FILE)).expect(200);
    expect(body).toMatchObject({ status: 'unchanged', revision: 1, changes: [] });
    expect(await rowCounts()).toEqual(before);
  });

  it('rejects a plan with errors, listing every one, and writes nothing', async () => {
    const plan = readPlan() as any;
    plan.organization.code = 'OTHER-ORG';
    plan.measures[3].steps[1].quarters = [2, 5];
    plan.measures[0].responsibleUnits = ['PLAN_BUDGET', 'TREASURY'];
    delete plan.measures[2].title;
    plan.measures[4].code = plan.measures[1].code;
    const before = await rowCounts();
    const { body } = await importFile(planBytes(plan)).expect(422);
    expect(body.code).toBe('PLAN_INVALID');
    expect(body.problems).toEqual([
      { path: 'measures[0].responsibleUnits[1]', message: '"TREASURY" is not a unit declared in "units" (or "ALL")' },
      { path: 'measures[2].title', message: 'is required' },
      { path: 'measures[3].steps[1].quarters[1]', message: '5 is not a quarter 1–4' },
      { path: 'measures[4].code', message: `duplicates measure code "${plan.measures[1].code}"` },
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    [
      'not UTF-8',
      () =>
        Buffer.from(fs.readFileSync(SEED_PLAN_FILE, 'utf8').replace('สสปน.', 'X').slice(0, 400) + '\xca\xca', 'latin1'),
      /not valid UTF-8/,
    ],
    ['truncated', () => fs.readFileSync(SEED_PLAN_FILE).subarray(0, 5000), /truncated/],
    ['empty', () => Buffer.alloc(0), /empty/],
  ])('rejects a file that is %s with a 4xx naming the problem, and writes nothing', async (_name, body, message) => {
    const before = await rowCounts();
    const response = await importFile(body());
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body.problems[0].message).toMatch(message);
    expect(await rowCounts()).toEqual(before);
  });

  it('shows a changed plan as a diff, applies it only when confirmed, and refuses a stale confirmation', async () => {
    const plan = readPlan() as any;
    plan.measures[0].steps[0].quarters = [1, 2];
    plan.measures[0].responsibleUnits = ['PLAN_BUDGET', 'INTERNAL_AUDIT'];
    const before = await rowCounts();

    const dry = await importFile(planBytes(plan), '?dryRun=true').expect(200);
    expect(dry.body.status).toBe('would-update');
    expect(dry.body.changes.map((c: any) => c.path)).toEqual([
      'measures[M01-I7].responsibleUnits',
      'measures[M01-I7].steps',
    ]);

    const unconfirmed = await importFile(planBytes(plan)).expect(409);
    expect(unconfirmed.body.problems[0].path).toBe('confirm');
    expect(unconfirmed.body.preview.changes).toEqual(dry.body.changes);
    await importFile(planBytes(plan), '?confirm=0000').expect(409);
    expect(await rowCounts()).toEqual(before);

    const applied = await importFile(planBytes(plan), `?confirm=${dry.body.baseHash}`).expect(200);
    expect(applied.body).toMatchObject({ status: 'updated', revision: 2 });
    const { body: measure } = await get('/api/organizations/TCEB/plans/2565/measures/M01-I7').expect(200);
    expect(measure.steps[0].quarters).toEqual([1, 2]);
    await importFile(planBytes(plan), `?confirm=${dry.body.baseHash}`)
      .expect(200)
      .expect((r) => expect(r.body.status).toBe('unchanged'));
  });

  it("takes an organization's own grace period and escalation settings from its plan file; a planner imports only his own organization's", async () => {
    const plan = readPlan() as any;
    plan.organization = {
      ...plan.organization,
      code: 'SETTINGS-ORG',
      settings: { reportGraceDays: 10, escalationIntervalDays: 3, escalateCadences: ['semiannual', 'yearly'] },
    };
    const before = await rowCounts();
    expect((await importFile(planBytes(plan)).expect(403)).body.problems[0].path).toBe('organization.code');
    expect(await rowCounts()).toEqual(before);

    await app.get(PlanImportService).importFile(planBytes(plan), { by: TEST_OPERATOR }); // the operator's CLI
    expect(await app.get(PlanRepository).findOrganization('SETTINGS-ORG')).toMatchObject({
      reportGraceDays: 10,
      escalationIntervalDays: 3,
      escalateCadences: ['semiannual', 'yearly'],
    });
    const { body } = await get('/api/organizations').expect(200);
    expect(body.map((o: any) => o.code)).toEqual(['TCEB']); // nobody sees another organization
    expect(body[0]).toMatchObject({ reportGraceDays: 15, escalationIntervalDays: 7, escalateCadences: ['semiannual'] });
  });

  it('answers unknown organizations, plans and measures with 404 and bad parameters with 400, naming the field', async () => {
    expect((await get('/api/organizations/NOPE/plans/2565/measures').expect(403)).body.problems[0].path).toBe(
      'organization',
    );
    expect((await get('/api/organizations/TCEB/plans/2566/measures').expect(404)).body.problems[0].path).toBe(
      'fiscalYear',
    );
    expect((await get('/api/organizations/TCEB/plans/2565/measures/M99').expect(404)).body.problems[0].path).toBe(
      'code',
    );
    expect((await get('/api/organizations/TCEB/plans/2022/measures').expect(400)).body.problems[0].path).toBe(
      'fiscalYear',
    );
    expect((await importFile(fs.readFileSync(SEED_PLAN_FILE), '?dryRun=maybe').expect(400)).body.problems[0].path).toBe(
      'dryRun',
    );
  });

  it('serves its OpenAPI document', async () => {
    const { body } = await http.get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/plans/import', '/api/organizations/{organization}/plans/{fiscalYear}/measures']),
    );
  });

  it("compares a year's ITA items with the next: last year's score, its measures' share of steps done, this year's score", async () => {
    const seed = readPlan();
    const ita = structuredClone(seed.ita!);
    ita.assessmentYear = 2566;
    ita.items.find((i) => i.code === 'I7')!.score = 93.1;
    await importFile(Buffer.from(JSON.stringify(rollOverPlan(seed, 2566, { ita })))).expect(201);
    const { body } = await get('/api/organizations/TCEB/plans/2565/ita/year-over-year').expect(200);
    expect(body).toMatchObject({ lastFiscalYear: 2565, currentFiscalYear: 2566, sameResults: false });
    expect(body.items.find((i: any) => i.code === 'I7')).toMatchObject({
      last: { score: 81.8, grade: 'B', class: 'urgent' },
      measures: [{ code: 'M01-I7', steps: 3, stepsDone: 0, share: 0 }],
      current: { score: 93.1, class: 'strength' },
      change: 11.3,
    });
    expect(body.items.find((i: any) => i.code === 'E6').measures).toEqual([]);
    expect(
      (await get('/api/organizations/TCEB/plans/2565/ita/year-over-year?compareWith=2564').expect(400)).body.problems[0]
        .path,
    ).toBe('compareWith');
    expect((await get('/api/organizations/TCEB/plans/2564/ita/year-over-year').expect(404)).body.problems[0].path).toBe(
      'fiscalYear',
    );
  });
});
