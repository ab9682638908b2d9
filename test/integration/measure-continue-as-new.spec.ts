/**
 * A measure's history does not grow all year: it continues as new at each quarter boundary and
 * whenever the server suggests it. Here the dev server suggests it after 150 events (production:
 * 4,096 events or 4 MiB), and a measure of 12 units passes that several times a quarter while its
 * people work; it still finishes its year, and the read model, the audit trail and the timeline
 * run on unbroken across the runs.
 */
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { MeasureProjectionActivities } from '../../apps/worker/src/measure-projection.activities';
import {
  approveReportUpdate,
  approveTaskUpdate,
  MEASURE_WORKFLOW_TYPE,
  measureStateQuery,
  measureWorkflowId,
  submitReportUpdate,
  submitTaskUpdate,
} from '@ita/contracts/measure.contracts';
import { WORKFLOWS_PATH } from '@ita/contracts/temporal-connection';
import type { MeasureDef } from '@ita/domain/plan/plan.types';
import { openDatabase } from '@ita/persistence/data-source';
import { buildRepositories } from '@ita/persistence/repositories';
import type { measureWorkflow } from '../../workflows/measure.workflow';
import { historiesOf, historyStats } from '../histories/corpus';

import { deputy, head, measureInput, SEED, staff } from '../histories/scenarios';
import { storePlan } from '../support/seed-plan';
import { compressedCalendar, startDevServer } from '../support/temporal';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { eventually } from '../support/wait';

const SUGGEST_AFTER_EVENTS = 150;
const UNITS = Array.from({ length: 12 }, (_, i) => ({ code: `UNIT_${i + 1}`, name: `ส่วนงานที่ ${i + 1}` }));
const measure: MeasureDef = {
  code: 'M99-MANY-UNITS',
  stakeholderGroup: 'internal',
  priority: 'improve',
  indicator: 2,
  title: 'มาตรการของทุกส่วนงาน',
  items: [{ code: 'I8' }],
  steps: [
    { number: 1, text: 'ประชุมชี้แจง', quarters: [1, 2, 3, 4] },
    { number: 2, text: 'รายงานผล', quarters: [1, 2, 3, 4] },
  ],
  responsibleUnits: UNITS.map((u) => u.code),
  monitoringGuidelines: [{ number: 1, text: 'รายงานการประชุม' }],
  reporting: [{ cadence: 'semiannual', recipient: 'director-or-delegate' }],
};

let db: TestDatabase;
let dataSource: DataSource;
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  db = await createTestDatabase();
  dataSource = await openDatabase(db.config);
  const plan = { ...SEED, units: [...SEED.units, ...UNITS] };
  await storePlan(dataSource, plan);
  env = await startDevServer({
    extraArgs: ['--dynamic-config-value', `limit.historyCount.suggestContinueAsNew=${SUGGEST_AFTER_EVENTS}`],
  });
});
afterAll(async () => {
  await env?.teardown();
  await dataSource?.destroy();
  await db?.drop();
});

it("continues as new at quarter boundaries and on the server's suggestion, and still finishes its year with an unbroken trail", async () => {
  const client: Client = env.client;
  const input = measureInput(measure, UNITS, compressedCalendar(2596, 10_000, 1000), { reportGraceDays: 20 });
  const workflowId = measureWorkflowId('TCEB', 2596, measure.code);
  const activities = new MeasureProjectionActivities(buildRepositories(dataSource).projection).asActivities();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'continue-as-new',
    workflowsPath: WORKFLOWS_PATH,
    activities,
  });
  const first = await worker.runUntil(async () => {
    const handle = await client.workflow.start<typeof measureWorkflow>(MEASURE_WORKFLOW_TYPE, {
      taskQueue: 'continue-as-new',
      workflowId,
      args: [input],
    });
    // Always the current run: queries and updates follow the workflow id across continue-as-new.
    const current = client.workflow.getHandle<typeof measureWorkflow>(workflowId);
    for (const quarter of [1, 2, 3, 4]) {
      await eventually(
        async () => expect((await current.query(measureStateQuery)).quarters[quarter - 1].opened).toBe(true),
        20_000,
      );
      const tasks = (await current.query(measureStateQuery)).tasks.filter((t) => t.quarter === quarter);
      expect(tasks).toHaveLength(UNITS.length * 2);
      for (const task of tasks) {
        await current.executeUpdate(submitTaskUpdate, {
          args: [
            {
              actor: staff(task.unitCode),
              taskKey: task.key,
              note: 'ดำเนินการแล้ว',
              progress: 'done',
              evidence: [{ kind: 'link', url: 'https://www.tceb.or.th/ita', name: 'หลักฐาน', guidelines: [1] }],
            },
          ],
        });
        await current.executeUpdate(approveTaskUpdate, { args: [{ actor: head(task.unitCode), taskKey: task.key }] });
      }
      if (quarter === 3) {
        await eventually(
          async () =>
            expect((await current.query(measureStateQuery)).reports.map((r) => r.key)).toContain('semiannual-1'),
          20_000,
        );
        await current.executeUpdate(submitReportUpdate, {
          args: [{ actor: head('UNIT_1'), reportKey: 'semiannual-1' }],
        });
        await current.executeUpdate(approveReportUpdate, { args: [{ actor: deputy, reportKey: 'semiannual-1' }] });
      }
    }
    await eventually(
      async () => expect((await current.query(measureStateQuery)).reports.map((r) => r.key)).toContain('semiannual-2'),
      30_000,
    );
    await current.executeUpdate(submitReportUpdate, { args: [{ actor: head('UNIT_2'), reportKey: 'semiannual-2' }] });
    await current.executeUpdate(approveReportUpdate, { args: [{ actor: deputy, reportKey: 'semiannual-2' }] });
    const final = await current.result();
    expect(final.status).toBe('completed');
    expect(final.tasks.filter((t) => t.status === 'approved')).toHaveLength(UNITS.length * 2 * 4);
    return { firstRunId: handle.firstExecutionRunId, final };
  });

  // Runs: one to each quarter boundary, and more where the server suggested it mid-quarter.
  const runs = await historiesOf(client, workflowId, first.firstRunId);
  const stats = runs.map((r) => historyStats(r.history));
  console.log(`${runs.length} runs: ${stats.map((s) => s.events).join(', ')} events`);
  expect(runs.length).toBeGreaterThan(6);
  expect(stats.reduce((n, s) => n + s.events, 0)).toBeGreaterThan(4 * SUGGEST_AFTER_EVENTS);
  expect(Math.max(...stats.map((s) => s.events))).toBeLessThan(3 * SUGGEST_AFTER_EVENTS);
  const results = Worker.runReplayHistories(
    { workflowsPath: WORKFLOWS_PATH },
    runs.map((r) => ({ workflowId, history: r.history })),
  );
  for await (const result of results) expect(result.error).toBeUndefined();

  // The read model holds the final state, the audit trail every change exactly once, in order, across every run.
  const rows = (sql: string) => dataSource.query(sql, [workflowId]);
  expect(
    (await rows('SELECT status, COUNT(*) AS n FROM task WHERE workflow_id = ? GROUP BY status')).map((r: any) => [
      r.status,
      Number(r.n),
    ]),
  ).toEqual([['approved', 96]]);
  const [run] = await rows('SELECT status, run_id FROM measure_run WHERE workflow_id = ?');
  expect(run).toEqual({ status: 'completed', run_id: runs[runs.length - 1].runId });
  const audit = await rows('SELECT seq, idx, run_id, action FROM audit_entry WHERE workflow_id = ? ORDER BY seq, idx');
  const seqs = [...new Set(audit.map((a: any) => Number(a.seq)))];
  expect(seqs).toEqual(Array.from({ length: first.final.seq }, (_, i) => i + 1));
  expect(new Set(audit.map((a: any) => `${a.seq}/${a.idx}`)).size).toBe(audit.length);
  expect(audit.filter((a: any) => a.action === 'measure.started')).toHaveLength(1);
  expect(audit.filter((a: any) => a.action === 'task.approved')).toHaveLength(96);
  expect(new Set(audit.map((a: any) => a.run_id)).size).toBe(
    runs.filter((r) => r.history.events!.some((e) => e.activityTaskScheduledEventAttributes)).length,
  );
}, 180_000);
