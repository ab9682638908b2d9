/**
 * The audit trail is tamper-evident, on a real database (SQLite, or MariaDB with
 * TEST_DATABASE_URL): entries appended by the projection form one hash chain per organization,
 * retried batches append nothing, and editing, deleting or reordering any row directly in the
 * database is detected, naming the first bad entry.
 */
import { DataSource } from 'typeorm';
import type { ProjectionBatch } from '@ita/contracts/measure.contracts';
import { AuditRepository } from '@ita/persistence/audit.repository';
import { openDatabase } from '@ita/persistence/data-source';
import { OrganizationEntity } from '@ita/persistence/entities';
import { buildRepositories } from '@ita/persistence/repositories';
import { createTestDatabase, TestDatabase } from '../support/test-database';

function batch(org: string, measureCode: string, seq: number, actions: string[]): ProjectionBatch {
  return {
    workflowId: `measure/${org}/2565/${measureCode}`,
    runId: 'run-1',
    eventId: 10 + seq,
    organizationCode: org,
    fiscalYear: 2565,
    measureCode,
    seq,
    at: new Date(Date.UTC(2021, 9, 1, 0, seq)).toISOString(),
    measure: {
      status: 'running',
      currentQuarter: 1,
      quarterStatuses: { 1: 'in-progress', 2: 'not-started', 3: 'not-started', 4: 'not-started' },
      planRevision: 1,
      dayMs: 86_400_000,
    },
    tasks: [],
    reports: [],
    audit: actions.map((action, i) => ({
      action,
      actorId: 'somchai.p',
      actorRole: 'unit-staff',
      actorUnit: 'PLAN_BUDGET',
      entity: 'task',
      key: `Q1-S${i + 1}-PLAN_BUDGET`,
      before: { status: 'open' },
      after: { status: 'submitted', note: 'จัดประชุมชี้แจงแล้ว' },
      at: new Date(Date.UTC(2021, 9, 1, 0, seq)).toISOString(),
    })),
  };
}

describe(AuditRepository.name, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let sut: AuditRepository;
  let orgId: number;
  let otherOrgId: number;

  beforeEach(async () => {
    db = await createTestDatabase();
    dataSource = await openDatabase(db.config);
    sut = new AuditRepository(dataSource);
    const orgs = dataSource.getRepository(OrganizationEntity);
    orgId = (
      await orgs.save({
        code: 'TCEB',
        name: 'สสปน.',
        reportGraceDays: 15,
        escalationIntervalDays: 7,
        escalateCadences: ['semiannual'],
      })
    ).id;
    otherOrgId = (
      await orgs.save({
        code: 'OTHER',
        name: 'อื่น',
        reportGraceDays: 15,
        escalationIntervalDays: 7,
        escalateCadences: ['semiannual'],
      })
    ).id;
    const { projection } = buildRepositories(dataSource);
    // Two measures of one organization interleaved, a second organization, and a retried batch.
    await projection.applyProjection(batch('TCEB', 'M01-I7', 1, ['task.opened', 'task.opened']));
    await projection.applyProjection(batch('TCEB', 'M02-I14', 1, ['task.opened']));
    await projection.applyProjection(batch('OTHER', 'M01-I7', 1, ['task.opened']));
    await projection.applyProjection(batch('TCEB', 'M01-I7', 2, ['task.submitted']));
    await projection.applyProjection(batch('TCEB', 'M01-I7', 2, ['task.submitted']));
    await projection.applyProjection(batch('TCEB', 'M02-I14', 2, ['task.submitted', 'task.approved']));
  });
  afterEach(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const rows = () =>
    dataSource.query('SELECT id, chain_seq, action FROM audit_entry WHERE organization_id = ? ORDER BY chain_seq', [
      orgId,
    ]);

  it('chains every entry of an organization in order, and appends a retried batch only once', async () => {
    expect((await rows()).map((r: { chain_seq: number }) => Number(r.chain_seq))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await sut.verify(orgId)).toEqual({ ok: true, entries: 6 });
    expect(await sut.verify(otherOrgId)).toEqual({ ok: true, entries: 1 });
  });

  it('finds entries by measure, unit, actor, action family and date range, with paging', async () => {
    const keys = async (filter: Parameters<AuditRepository['search']>[1], page = 1, pageSize = 0) =>
      (await sut.search(orgId, filter, page, pageSize)).items.map((e) => `${e.measureCode} ${e.action} ${e.entityKey}`);
    expect(await keys({ measureCode: 'M02-I14' })).toEqual([
      'M02-I14 task.opened Q1-S1-PLAN_BUDGET',
      'M02-I14 task.submitted Q1-S1-PLAN_BUDGET',
      'M02-I14 task.approved Q1-S2-PLAN_BUDGET',
    ]);
    expect(await keys({ action: 'task.' })).toHaveLength(6);
    expect(await keys({ action: 'task.approved' })).toEqual(['M02-I14 task.approved Q1-S2-PLAN_BUDGET']);
    expect(await keys({ unitCode: 'PLAN_BUDGET' })).toHaveLength(6);
    expect(await keys({ unitCode: 'PLANXBUDGET' })).toEqual([]);
    expect(await keys({ actorId: 'nobody' })).toEqual([]);
    expect(await keys({ from: new Date(Date.UTC(2021, 9, 1, 0, 2)).toISOString() })).toHaveLength(3);
    expect(await keys({ to: new Date(Date.UTC(2021, 9, 1, 0, 2)).toISOString() })).toHaveLength(3);
    expect(await sut.search(orgId, {}, 2, 4)).toMatchObject({
      total: 6,
      items: [expect.anything(), expect.anything()],
    });
  });

  it('detects an entry edited in the database and names it', async () => {
    const [, , third] = await rows();
    await dataSource.query(`UPDATE audit_entry SET actor_id = 'someone.else' WHERE id = ?`, [third.id]);
    expect(await sut.verify(orgId)).toMatchObject({
      ok: false,
      firstBad: { chainSeq: 3, id: third.id, reason: expect.stringContaining('altered') },
    });
  });

  it("detects an edit of the Thai text recorded in an entry's after-state", async () => {
    const [first] = await rows();
    await dataSource.query(
      `UPDATE audit_entry SET ${dataSource.options.type === 'better-sqlite3' ? '"after"' : '`after`'} = ? WHERE id = ?`,
      [JSON.stringify({ status: 'approved', note: 'จัดประชุมชี้แจงแล้ว' }), first.id],
    );
    expect(await sut.verify(orgId)).toMatchObject({ ok: false, firstBad: { chainSeq: 1 } });
  });

  it('detects a deleted entry, in the middle or at the end', async () => {
    const all = await rows();
    await dataSource.query('DELETE FROM audit_entry WHERE id = ?', [all[3].id]);
    expect(await sut.verify(orgId)).toMatchObject({
      ok: false,
      firstBad: { chainSeq: 5, reason: expect.stringContaining('deleted') },
    });
    await dataSource.query('DELETE FROM audit_entry WHERE chain_seq >= 4 AND organization_id = ?', [orgId]);
    expect(await sut.verify(orgId)).toMatchObject({
      ok: false,
      firstBad: { chainSeq: 4, reason: expect.stringContaining('missing') },
    });
  });

  it('detects an entry taken out of the chain (its sequence cleared), though only entries up to the head are walked', async () => {
    const [, second] = await rows();
    await dataSource.query('UPDATE audit_entry SET chain_seq = NULL WHERE id = ?', [second.id]);
    expect(await sut.verify(orgId)).toMatchObject({
      ok: false,
      firstBad: { chainSeq: null, id: second.id, reason: expect.stringContaining('unchained') },
    });
  });

  it("detects the chain's head deleted", async () => {
    await dataSource.query('DELETE FROM audit_chain_head WHERE organization_id = ?', [orgId]);
    expect(await sut.verify(orgId)).toMatchObject({
      ok: false,
      entries: 6,
      firstBad: { chainSeq: 7, reason: expect.stringContaining('should end at entry 0') },
    });
  });

  it('detects two entries swapped', async () => {
    const [, second, third] = await rows();
    await dataSource.query('UPDATE audit_entry SET chain_seq = -1 WHERE id = ?', [second.id]);
    await dataSource.query('UPDATE audit_entry SET chain_seq = 2 WHERE id = ?', [third.id]);
    await dataSource.query('UPDATE audit_entry SET chain_seq = 3 WHERE id = ?', [second.id]);
    expect(await sut.verify(orgId)).toMatchObject({ ok: false, firstBad: { chainSeq: 2, id: third.id } });
  });
});
