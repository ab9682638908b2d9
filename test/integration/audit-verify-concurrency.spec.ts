/**
 * Verifying the audit chain while it grows, on a real database (SQLite, or MariaDB with
 * TEST_DATABASE_URL): the worker's projection and the API's administrative changes append from
 * their own connections (two more DataSources on the same file or database) while the verifier
 * walks the chain in a loop. An intact chain must never be reported broken; the verifier once read
 * the head and then the entries in two reads, and the entries ran past the head.
 */
import { DataSource } from 'typeorm';
import type { ProjectionBatch } from '@ita/contracts/measure.contracts';
import { AuditRepository } from '@ita/persistence/audit.repository';
import type { ChainVerdict } from '@ita/persistence/audit-chain';
import { openDatabase } from '@ita/persistence/data-source';
import { OrganizationEntity } from '@ita/persistence/entities';
import type { MeasureProjectionRepository } from '@ita/persistence/measure-projection.repository';
import { buildRepositories } from '@ita/persistence/repositories';
import { createTestDatabase, TestDatabase, testDatabaseKind } from '../support/test-database';

const RUN_MS = 4_000;

function batch(seq: number): ProjectionBatch {
  const at = new Date(Date.UTC(2021, 9, 1) + seq * 60_000).toISOString();
  return {
    workflowId: 'measure/TCEB/2565/M01-I7',
    runId: 'run-1',
    eventId: 10 + seq,
    organizationCode: 'TCEB',
    fiscalYear: 2565,
    measureCode: 'M01-I7',
    seq,
    at,
    measure: {
      status: 'running',
      currentQuarter: 1,
      quarterStatuses: { 1: 'in-progress', 2: 'not-started', 3: 'not-started', 4: 'not-started' },
      planRevision: 1,
      dayMs: 86_400_000,
    },
    tasks: [],
    reports: [],
    audit: ['task.submitted', 'task.approved'].map((action) => ({
      action,
      actorId: 'somchai.p',
      actorRole: 'unit-staff',
      actorUnit: 'PLAN_BUDGET',
      entity: 'task',
      key: 'Q1-S1-PLAN_BUDGET',
      before: { status: 'open' },
      after: { status: 'submitted', note: `รอบที่ ${seq}` },
      at,
    })),
  };
}

describe(`${AuditRepository.name} verifying while measures append`, () => {
  let db: TestDatabase;
  let reader: DataSource;
  let worker: DataSource;
  let api: DataSource;
  let orgId: number;

  beforeEach(async () => {
    db = await createTestDatabase();
    reader = await openDatabase(db.config);
    worker = await openDatabase(db.config);
    api = await openDatabase(db.config);
    orgId = (
      await reader.getRepository(OrganizationEntity).save({
        code: 'TCEB',
        name: 'สสปน.',
        reportGraceDays: 15,
        escalationIntervalDays: 7,
        escalateCadences: ['semiannual'],
      })
    ).id;
  });
  afterEach(async () => {
    for (const ds of [reader, worker, api]) await ds?.destroy();
    await db?.drop();
  });

  it('never reports an intact chain as broken while entries are appended from other connections', async () => {
    const sut = new AuditRepository(reader);
    const deadline = Date.now() + RUN_MS;
    let appended = 0;
    let seq = 0;
    const appendMeasureBatch = async (projection: MeasureProjectionRepository) => {
      await projection.applyProjection(batch((seq += 1)));
      appended += 2;
    };
    const appendAdministrative = async (ds: DataSource, audit: AuditRepository) => {
      const n = (seq += 1);
      await ds.transaction((em) =>
        audit.appendAdministrative(em, orgId, 'TCEB', {
          action: 'delegation.granted',
          actorId: 'tceb.director',
          actorRole: 'director',
          actorUnit: null,
          entity: 'delegation',
          key: String(n),
          before: null,
          after: { delegate: 'tceb.deputy' },
          at: new Date(Date.UTC(2021, 9, 1) + n * 1000).toISOString(),
        }),
      );
      appended += 1;
    };
    const loop = async (step: () => Promise<void>) => {
      while (Date.now() < deadline) await step();
    };
    const measures = buildRepositories(worker).projection;
    // SQLite allows one writer per process here: a writer waiting for the file lock waits
    // synchronously (better-sqlite3), so it would stall the other one holding it. The worker's
    // connection then writes both kinds in turn; on MySQL the worker and the api race.
    const administrative = testDatabaseKind() === 'sqlite' ? worker : api;
    const appendAudit = new AuditRepository(administrative);
    const appenders =
      administrative === worker
        ? [
            loop(async () => {
              await appendMeasureBatch(measures);
              await appendAdministrative(worker, appendAudit);
            }),
          ]
        : [loop(() => appendMeasureBatch(measures)), loop(() => appendAdministrative(api, appendAudit))];
    const verdicts: ChainVerdict[] = [];
    while (Date.now() < deadline) verdicts.push(await sut.verify(orgId));
    await Promise.all(appenders);

    expect(verdicts.filter((v) => !v.ok).slice(0, 3)).toEqual([]);
    // The race was really run: many verifications, each of a chain of a different length.
    expect(verdicts.length).toBeGreaterThan(20);
    expect(new Set(verdicts.map((v) => v.entries)).size).toBeGreaterThan(10);
    expect(await sut.verify(orgId)).toEqual({ ok: true, entries: appended });
  });
});
