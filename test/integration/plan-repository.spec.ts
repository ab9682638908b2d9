/**
 * Plans in a real database (SQLite, or MariaDB with TEST_DATABASE_URL): the migrations build
 * exactly the schema the entities describe, Thai text survives byte for byte, a saved plan reads
 * back as the same plan, a failed save writes nothing (no audit entry either), every import and
 * activation and the organization changes an import makes are in the audit chain, and data
 * outlives a restart.
 */
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { canonicalJson, normalizePlan } from '@ita/domain/plan/plan.canonical';
import type { PlanDef } from '@ita/domain/plan/plan.types';
import { AuditRepository } from '@ita/persistence/audit.repository';
import { openDatabase } from '@ita/persistence/data-source';
import { MYSQL_MEDIUMTEXT_COLUMNS } from '@ita/persistence/migrations/1732900000000-large-text-on-mysql';
import { MYSQL_MEDIUMTEXT_IDEMPOTENCY_COLUMNS } from '@ita/persistence/migrations/1733100000000-idempotency-records';
import { MYSQL_MEDIUMTEXT_DRAFT_COLUMNS } from '@ita/persistence/migrations/1733600000000-plan-drafts';
import { MYSQL_MEDIUMTEXT_MAIL_COLUMNS } from '@ita/persistence/migrations/1733700000000-notifications';
import { AuditEntryEntity, MeasureEntity, OrganizationEntity, PlanEntity } from '@ita/persistence/entities';
import { PlanConflictError, PlanRepository } from '@ita/persistence/plan.repository';
import { readPlan, SEED_PLAN_FILE, SMALL_PLAN_FILE, TEST_OPERATOR } from '../support/seed-plan';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const defaults = { reportGraceDays: 15, escalationIntervalDays: 7 };
const imported = { by: TEST_OPERATOR, details: {} };
const hashOf = (plan: PlanDef) => createHash('sha256').update(canonicalJson(plan)).digest('hex');

describe(PlanRepository.name, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let sut: PlanRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openDatabase(db.config);
    sut = new PlanRepository(dataSource, new AuditRepository(dataSource));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('has a migrated schema identical to the entities (nothing left for synchronize to do)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    // Deliberate: on MySQL these are MEDIUMTEXT while the entities say text (see those migrations).
    const deliberate = Object.entries({
      ...MYSQL_MEDIUMTEXT_COLUMNS,
      ...MYSQL_MEDIUMTEXT_IDEMPOTENCY_COLUMNS,
      ...MYSQL_MEDIUMTEXT_DRAFT_COLUMNS,
      ...MYSQL_MEDIUMTEXT_MAIL_COLUMNS,
    }).flatMap(([table, columns]) =>
      columns.map((c) => new RegExp(`^ALTER TABLE \`${table}\` (DROP COLUMN \`${c}\`|ADD \`${c}\` text( NOT)? NULL)$`)),
    );
    expect(pending.upQueries.map((q) => q.query).filter((q) => !deliberate.some((d) => d.test(q)))).toEqual([]);
  });

  it('stores a 100,000-character Thai report summary whole (MEDIUMTEXT on MySQL)', async () => {
    const summary = 'สรุปผลการดำเนินงาน'.repeat(100_000 / 18);
    await dataSource.query(
      `INSERT INTO report (workflow_id, report_key, organization_id, fiscal_year, measure_code, cadence, period_label, period_start,
      period_end, due_at, status, overdue, units, draft, summary, return_count, version) VALUES ('w', 'yearly-1', 1, 2565, 'M', 'yearly', 'x', 'a', 'b', 'c', 'open', 0, '[]', '[]', ?, 0, 1)`,
      [summary],
    );
    const [row] = await dataSource.query("SELECT summary FROM report WHERE workflow_id = 'w'");
    expect(row.summary).toBe(summary);
    await dataSource.query("DELETE FROM report WHERE workflow_id = 'w'");
  });

  it('stores the seed plan and reads it back as the same plan, Thai text intact', async () => {
    const plan = normalizePlan(readPlan(SEED_PLAN_FILE));
    await sut.savePlan(plan, hashOf(plan), null, defaults, imported);
    const stored = await sut.loadPlan(plan.organization.code, plan.fiscalYear);
    expect(stored).not.toBeNull();
    expect(canonicalJson(normalizePlan(stored!.definition))).toBe(canonicalJson(plan));
    const [row] = await dataSource.query('SELECT title FROM measure WHERE code = ?', [plan.measures[0].code]);
    expect(row.title).toBe(plan.measures[0].title);
    expect(Buffer.from(row.title, 'utf8').equals(Buffer.from(plan.measures[0].title, 'utf8'))).toBe(true);
  });

  it('writes nothing when a save fails part-way (all or nothing): a duplicate measure code past the validator', async () => {
    const plan = normalizePlan(readPlan(SMALL_PLAN_FILE));
    const broken = {
      ...plan,
      organization: { ...plan.organization, code: 'ATOMIC-ORG' },
      measures: [plan.measures[0], { ...plan.measures[1], code: plan.measures[0].code }],
    } as PlanDef;
    const measuresBefore = await dataSource.getRepository(MeasureEntity).count();
    const auditBefore = await dataSource.getRepository(AuditEntryEntity).count();
    await expect(sut.savePlan(broken, hashOf(broken), null, defaults, imported)).rejects.toThrow();
    expect(await dataSource.getRepository(OrganizationEntity).countBy({ code: 'ATOMIC-ORG' })).toBe(0);
    expect(await dataSource.getRepository(MeasureEntity).count()).toBe(measuresBefore);
    expect(await dataSource.getRepository(AuditEntryEntity).count()).toBe(auditBefore);
  });

  it('refuses to overwrite a plan that changed since the caller read it', async () => {
    const plan = normalizePlan(readPlan(SMALL_PLAN_FILE));
    await sut.savePlan(plan, hashOf(plan), null, defaults, imported);
    const changed = { ...plan, oversight: { ...plan.oversight, title: 'ผู้อำนวยการ' } };
    const auditBefore = await dataSource.getRepository(AuditEntryEntity).count();
    await expect(
      sut.savePlan(changed, hashOf(changed), 'not-the-stored-hash', defaults, imported),
    ).rejects.toBeInstanceOf(PlanConflictError);
    expect(await dataSource.getRepository(AuditEntryEntity).count()).toBe(auditBefore);
    const stored = await sut.loadPlan(plan.organization.code, plan.fiscalYear);
    expect(stored!.plan.contentHash).toBe(hashOf(plan));
    await sut.savePlan(changed, hashOf(changed), hashOf(plan), defaults, imported);
    const updated = await sut.loadPlan(plan.organization.code, plan.fiscalYear);
    expect(updated!.plan.revision).toBe(2);
    expect(updated!.definition.oversight.title).toBe('ผู้อำนวยการ');
  });

  it("records an import in the organization's audit chain: the organization and its units as created or changed, and the plan with its revision and hashes", async () => {
    const audit = new AuditRepository(dataSource);
    const plan = normalizePlan({
      ...readPlan(SMALL_PLAN_FILE),
      organization: { ...readPlan(SMALL_PLAN_FILE).organization, code: 'AUDITED-ORG' },
    });
    const entries = async () => {
      const org = await sut.findOrganization('AUDITED-ORG');
      return (await audit.search(org!.id, {}, 1, 0)).items;
    };
    await sut.savePlan(plan, hashOf(plan), null, defaults, { by: TEST_OPERATOR, details: { changes: 5 } });
    const first = await entries();
    expect(first.map((e) => `${e.action} ${e.entityKey}`)).toEqual([
      'organization.created AUDITED-ORG',
      'unit.added PLAN_BUDGET',
      'unit.added INTERNAL_AUDIT',
      'unit.added HR',
      'plan.imported 2565',
    ]);
    expect(
      first.every(
        (e) =>
          e.actorId === 'operator:test' &&
          e.actorRole === 'operator' &&
          e.workflowId === 'organization/AUDITED-ORG' &&
          e.fiscalYear === 2565,
      ),
    ).toBe(true);
    expect(first[0].after).toMatchObject({
      name: 'หน่วยงานทดสอบ',
      reportGraceDays: 15,
      escalationIntervalDays: 7,
      resubmissionDays: 7,
      escalateCadences: ['semiannual'],
    });
    expect(first[1].after).toEqual({
      name: 'ส่วนงานแผนงานและการงบประมาณ',
      nameEn: 'Planning and Budget Section',
      parentCode: null,
    });
    expect(first[4]).toMatchObject({
      before: null,
      after: {
        fiscalYear: 2565,
        revision: 1,
        contentHash: hashOf(plan),
        baseHash: null,
        status: 'imported',
        changes: 5,
      },
    });

    // New settings, a unit renamed and one added: only what changed is recorded, before and after.
    const changed = normalizePlan({
      ...plan,
      organization: {
        ...plan.organization,
        settings: { resubmissionDays: 3, escalateCadences: ['semiannual', 'yearly'] },
      },
      units: [
        ...plan.units.map((u) => (u.code === 'HR' ? { ...u, name: 'ฝ่ายทรัพยากรบุคคล' } : u)),
        { code: 'LEGAL', name: 'งานกฎหมาย' },
      ],
    });
    await sut.savePlan(changed, hashOf(changed), hashOf(plan), defaults, {
      by: { id: 'someone.planner', role: 'planner' },
      details: {},
    });
    const second = (await entries()).slice(first.length);
    expect(second.map((e) => `${e.action} ${e.entityKey} ${e.actorId}`)).toEqual([
      'organization.updated AUDITED-ORG someone.planner',
      'unit.updated HR someone.planner',
      'unit.added LEGAL someone.planner',
      'plan.imported 2565 someone.planner',
    ]);
    expect(second[0]).toMatchObject({
      before: { resubmissionDays: 7, escalateCadences: ['semiannual'] },
      after: { resubmissionDays: 3, escalateCadences: ['semiannual', 'yearly'] },
    });
    expect(second[1]).toMatchObject({ before: { name: 'งานทรัพยากรบุคคล ฝ่ายบริหาร' }, after: { name: 'ฝ่ายทรัพยากรบุคคล' } });
    expect(second[3]).toMatchObject({
      before: { revision: 1, contentHash: hashOf(plan), status: 'imported' },
      after: { revision: 2, contentHash: hashOf(changed), baseHash: hashOf(plan) },
    });
    const org = await sut.findOrganization('AUDITED-ORG');
    expect(await audit.verify(org!.id)).toMatchObject({ ok: true, entries: first.length + second.length });
  });

  it('records an activation once it changed something: the plan became active, or a measure started', async () => {
    const audit = new AuditRepository(dataSource);
    const found = await sut.findPlan('AUDITED-ORG', 2565);
    const { organization, plan } = found!;
    const count = async () => (await audit.search(organization.id, { action: 'plan.activated' }, 1, 0)).total;
    const activation = {
      by: { id: 'someone.planner', role: 'planner' },
      calendar: {
        compressed: true,
        start: '2026-12-01T00:00:00.000Z',
        end: '2027-12-01T00:00:00.000Z',
        quarterSeconds: 60,
      },
      started: ['M01-I7', 'M05-I8-I12'],
      alreadyStarted: [],
      skipped: [],
    };
    expect(await sut.markActive(organization, plan.id, activation)).toBe(true);
    expect((await sut.findPlan('AUDITED-ORG', 2565))!.plan.status).toBe('active');
    const [entry] = (await audit.search(organization.id, { action: 'plan.activated' }, 1, 0)).items;
    expect(entry).toMatchObject({
      actorId: 'someone.planner',
      entityKey: '2565',
      fiscalYear: 2565,
      before: { status: 'imported' },
      after: {
        status: 'active',
        revision: 2,
        calendar: activation.calendar,
        started: 2,
        alreadyStarted: 0,
        skipped: 0,
        startedMeasures: ['M01-I7', 'M05-I8-I12'],
      },
    });
    // Again with everything already started: nothing changed, nothing recorded.
    expect(
      await sut.markActive(organization, plan.id, { ...activation, started: [], alreadyStarted: activation.started }),
    ).toBe(false);
    expect(await count()).toBe(1);
    // A measure started later (one an earlier activation missed) is recorded.
    expect(
      await sut.markActive(organization, plan.id, {
        ...activation,
        started: ['M05-I8-I12'],
        alreadyStarted: ['M01-I7'],
      }),
    ).toBe(true);
    expect(await count()).toBe(2);
    expect(await audit.verify(organization.id)).toMatchObject({ ok: true });
  });

  it('keeps its data when the store is closed and opened again', async () => {
    const before = await dataSource.getRepository(PlanEntity).count();
    await dataSource.destroy();
    dataSource = await openDatabase(db.config);
    sut = new PlanRepository(dataSource, new AuditRepository(dataSource));
    expect(await dataSource.getRepository(PlanEntity).count()).toBe(before);
    expect(before).toBeGreaterThan(0);
  });
});
