/**
 * Plans in a real database (SQLite, or MariaDB with TEST_DATABASE_URL): the migrations build
 * exactly the schema the entities describe, Thai text survives byte for byte, a saved plan reads
 * back as the same plan, a failed save writes nothing, and data outlives a restart.
 */
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { canonicalJson, normalizePlan } from '../../libs/domain/src/plan/plan.canonical';
import type { PlanDef } from '../../libs/domain/src/plan/plan.types';
import { openDatabase } from '../../libs/persistence/src/data-source';
import { MYSQL_MEDIUMTEXT_COLUMNS } from '../../libs/persistence/src/migrations/1732900000000-large-text-on-mysql';
import { MYSQL_MEDIUMTEXT_IDEMPOTENCY_COLUMNS } from '../../libs/persistence/src/migrations/1733100000000-idempotency-records';
import { MeasureEntity, OrganizationEntity, PlanEntity } from '../../libs/persistence/src/entities';
import { PlanConflictError, PlanRepository } from '../../libs/persistence/src/plan.repository';
import { readPlan, SEED_PLAN_FILE, SMALL_PLAN_FILE } from '../support/seed-plan';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const defaults = { reportGraceDays: 15, escalationIntervalDays: 7 };
const hashOf = (plan: PlanDef) => createHash('sha256').update(canonicalJson(plan)).digest('hex');

describe(PlanRepository.name, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let sut: PlanRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openDatabase(db.config);
    sut = new PlanRepository(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('has a migrated schema identical to the entities (nothing left for synchronize to do)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    // Deliberate: on MySQL these are MEDIUMTEXT while the entities say text (see those migrations).
    const deliberate = Object.entries({ ...MYSQL_MEDIUMTEXT_COLUMNS, ...MYSQL_MEDIUMTEXT_IDEMPOTENCY_COLUMNS }).flatMap(([table, columns]) =>
      columns.map((c) => new RegExp(`^ALTER TABLE \`${table}\` (DROP COLUMN \`${c}\`|ADD \`${c}\` text( NOT)? NULL)$`)));
    expect(pending.upQueries.map((q) => q.query).filter((q) => !deliberate.some((d) => d.test(q)))).toEqual([]);
  });

  it('stores a 100,000-character Thai report summary whole (MEDIUMTEXT on MySQL)', async () => {
    const summary = 'สรุปผลการดำเนินงาน'.repeat(100_000 / 18);
    await dataSource.query(`INSERT INTO report (workflow_id, report_key, organization_id, fiscal_year, measure_code, cadence, period_label, period_start,
      period_end, due_at, status, overdue, units, draft, summary, return_count, version) VALUES ('w', 'yearly-1', 1, 2565, 'M', 'yearly', 'x', 'a', 'b', 'c', 'open', 0, '[]', '[]', ?, 0, 1)`, [summary]);
    const [row] = await dataSource.query("SELECT summary FROM report WHERE workflow_id = 'w'");
    expect(row.summary).toBe(summary);
    await dataSource.query("DELETE FROM report WHERE workflow_id = 'w'");
  });

  it('stores the seed plan and reads it back as the same plan, Thai text intact', async () => {
    const plan = normalizePlan(readPlan(SEED_PLAN_FILE));
    await sut.savePlan(plan, hashOf(plan), null, defaults);
    const stored = await sut.loadPlan(plan.organization.code, plan.fiscalYear);
    expect(stored).not.toBeNull();
    expect(canonicalJson(normalizePlan(stored!.definition))).toBe(canonicalJson(plan));
    const [row] = await dataSource.query('SELECT title FROM measure WHERE code = ?', [plan.measures[0].code]);
    expect(row.title).toBe(plan.measures[0].title);
    expect(Buffer.from(row.title, 'utf8').equals(Buffer.from(plan.measures[0].title, 'utf8'))).toBe(true);
  });

  it('writes nothing when a save fails part-way (all or nothing): a duplicate measure code past the validator', async () => {
    const plan = normalizePlan(readPlan(SMALL_PLAN_FILE));
    const broken = { ...plan, organization: { ...plan.organization, code: 'ATOMIC-ORG' },
      measures: [plan.measures[0], { ...plan.measures[1], code: plan.measures[0].code }] } as PlanDef;
    const measuresBefore = await dataSource.getRepository(MeasureEntity).count();
    await expect(sut.savePlan(broken, hashOf(broken), null, defaults)).rejects.toThrow();
    expect(await dataSource.getRepository(OrganizationEntity).countBy({ code: 'ATOMIC-ORG' })).toBe(0);
    expect(await dataSource.getRepository(MeasureEntity).count()).toBe(measuresBefore);
  });

  it('refuses to overwrite a plan that changed since the caller read it', async () => {
    const plan = normalizePlan(readPlan(SMALL_PLAN_FILE));
    await sut.savePlan(plan, hashOf(plan), null, defaults);
    const changed = { ...plan, oversight: { ...plan.oversight, title: 'ผู้อำนวยการ' } };
    await expect(sut.savePlan(changed, hashOf(changed), 'not-the-stored-hash', defaults)).rejects.toBeInstanceOf(PlanConflictError);
    const stored = await sut.loadPlan(plan.organization.code, plan.fiscalYear);
    expect(stored!.plan.contentHash).toBe(hashOf(plan));
    await sut.savePlan(changed, hashOf(changed), hashOf(plan), defaults);
    const updated = await sut.loadPlan(plan.organization.code, plan.fiscalYear);
    expect(updated!.plan.revision).toBe(2);
    expect(updated!.definition.oversight.title).toBe('ผู้อำนวยการ');
  });

  it('keeps its data when the store is closed and opened again', async () => {
    const before = await dataSource.getRepository(PlanEntity).count();
    await dataSource.destroy();
    dataSource = await openDatabase(db.config);
    sut = new PlanRepository(dataSource);
    expect(await dataSource.getRepository(PlanEntity).count()).toBe(before);
    expect(before).toBeGreaterThan(0);
  });
});
