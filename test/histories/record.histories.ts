/**
 * Records the replay corpus: `npm run histories:record` (HISTORIES_VERSION=vN-name names the
 * folder; docs/workflow-versioning.md says when to record one). Runs every scenario of
 * scenarios.ts on real servers with the real projection activity on a scratch database, then
 * stores each workflow's history (all its runs, following continue-as-new) and prints the
 * history length and size of each.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { MeasureProjectionActivities } from '../../apps/worker/src/measure-projection.activities';
import { NotificationActivities } from '../../apps/worker/src/notification.activities';
import { notifierWaker } from '../../apps/worker/src/notifier-waker';
import type { AppConfig } from '@ita/config/app-config';
import { WORKFLOWS_PATH } from '@ita/contracts/temporal-connection';
import { openDatabase } from '@ita/persistence/data-source';
import { buildRepositories } from '@ita/persistence/repositories';
import { readAccounts } from '../support/accounts';
import { startMailpit, type Mailpit } from '../support/mailpit';
import { storePlan } from '../support/seed-plan';
import { startDevServer, startTimeSkippingServer } from '../support/temporal';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { historiesOf, historyStats, storeHistory } from './corpus';
import { Scenario, SCENARIOS, SEED } from './scenarios';

const version = process.env.HISTORIES_VERSION ?? '';
const versionNumber = Number(/^v(\d+)/.exec(version)?.[1] ?? 0);
const only = process.env.HISTORIES_SCENARIOS?.split(',');

let db: TestDatabase;
let dataSource: DataSource;
let mailpit: Mailpit;

beforeAll(async () => {
  if (!/^v\d+(-[a-z0-9-]+)?$/.test(version))
    throw new Error('set HISTORIES_VERSION=vN-short-name (docs/workflow-versioning.md)');
  db = await createTestDatabase();
  dataSource = await openDatabase(db.config);
  await storePlan(dataSource, SEED);
  // The demo organization's people, with their addresses, for the notifier to tell.
  const repos = buildRepositories(dataSource);
  const org = (await repos.plans.findOrganization(SEED.organization.code))!;
  for (const a of readAccounts().accounts)
    await repos.identity.saveUser(
      org,
      { ...a, role: a.role as never, unitCode: a.unitCode ?? null, email: a.email ?? null, passwordHash: null },
      { id: 'operator:record', role: 'operator' },
    );
  mailpit = await startMailpit();
});
afterAll(async () => {
  await mailpit?.close();
  await dataSource?.destroy();
  await db?.drop();
});

const summary: string[] = [];
afterAll(() => console.log(`recorded into test/fixtures/histories/${version}:\n${summary.join('\n')}`));

describe.each([['time-skipping' as const], ['dev' as const]])('recording on the %s server', (server) => {
  const scenarios = SCENARIOS.filter(
    (s) => s.server === server && (!only || only.includes(s.name)) && (s.since ?? 0) <= versionNumber,
  );
  if (scenarios.length === 0) {
    it.skip('nothing to record on this server', () => undefined);
    return;
  }
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    if (scenarios.length) env = server === 'dev' ? await startDevServer() : await startTimeSkippingServer();
  });
  afterAll(async () => env?.teardown());

  it.each(scenarios.map((s): [string, Scenario] => [s.name, s]))(
    '%s',
    async (_name, scenario) => {
      const taskQueue = `record-${scenario.name}`;
      const repos = buildRepositories(dataSource);
      // On the dev server, as in production, the projection wakes the organization's notifier,
      // which mails through a real SMTP server; the time-skipping server runs the measures alone.
      const config = { mail: { smtpUrl: mailpit.smtpUrl, appUrl: 'http://ita.record' } } as AppConfig;
      const activities =
        server === 'dev'
          ? {
              ...new MeasureProjectionActivities(repos.projection, notifierWaker(taskQueue)).asActivities(),
              ...new NotificationActivities(repos.notifications, config).asActivities(),
            }
          : new MeasureProjectionActivities(repos.projection).asActivities();
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowsPath: WORKFLOWS_PATH,
        activities,
      });
      const workflowId = await worker.runUntil(scenario.run({ env, client: env.client, taskQueue }));
      const first = await env.client.workflow.getHandle(workflowId).describe();
      const runs = await historiesOf(
        env.client,
        workflowId,
        first.raw.workflowExecutionInfo?.firstRunId ?? first.runId,
      );
      storeHistory(
        version,
        { scenario: scenario.name, what: scenario.what, server, workflowId, recordedAt: new Date().toISOString() },
        runs,
      );
      const stats = runs.map((r) => historyStats(r.history));
      summary.push(
        `  ${scenario.name}: ${runs.length} run(s), ${stats.map((s) => `${s.events} events / ${(s.bytes / 1024).toFixed(0)} KiB`).join(' + ')}`,
      );
    },
    600_000,
  );
});
