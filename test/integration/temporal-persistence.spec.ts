/**
 * The system's own dev server keeps its state in a SQLite file: a running measure workflow
 * survives a server restart and carries on with its state (what `scripts/run.sh` relies on).
 */
import { Worker } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  MeasureActivities,
  measureStateQuery,
  measureWorkflowId,
  MeasureWorkflowInput,
  MEASURE_WORKFLOW_TYPE,
} from '@ita/contracts/measure.contracts';
import { WORKFLOWS_PATH } from '@ita/contracts/temporal-connection';
import { fiscalCalendar, fiscalYearOf } from '@ita/domain/fiscal-calendar';
import { readPlan, SMALL_PLAN_FILE } from '../support/seed-plan';
import { startDevServer } from '../support/temporal';

describe('Temporal dev server persistence', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ita-temporal-'));
  const dbFilename = path.join(dir, 'temporal.sqlite');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps a running workflow, and its state, across a server restart', async () => {
    const plan = readPlan(SMALL_PLAN_FILE);
    const measure = plan.measures[0];
    const workflowId = measureWorkflowId(plan.organization.code, plan.fiscalYear, measure.code);
    const taskQueue = 'persistence-test';
    // A fiscal year that is in progress now (so the workflow sits in a quarter, waiting).
    const calendar = fiscalCalendar(fiscalYearOf(new Date()));
    const input: MeasureWorkflowInput = {
      organizationCode: plan.organization.code,
      fiscalYear: calendar.fiscalYearBE,
      planRevision: 1,
      measure,
      calendar,
      units: [{ code: 'PLAN_BUDGET', name: 'ส่วนงานแผนงานและการงบประมาณ' }],
      policy: { reportGraceDays: 15, escalationIntervalDays: 7, escalateCadences: [] },
    };
    // The projection is stubbed by its type here: this test is about Temporal's own persistence.
    const activities: MeasureActivities = { projectMeasure: async () => undefined };

    const first = await startDevServer({ dbFilename });
    let worker = await Worker.create({
      connection: first.nativeConnection,
      taskQueue,
      workflowsPath: WORKFLOWS_PATH,
      activities,
    });
    const before = await worker.runUntil(async () => {
      const handle = await first.client.workflow.start(MEASURE_WORKFLOW_TYPE, { taskQueue, workflowId, args: [input] });
      for (let i = 0; i < 50 && (await handle.query(measureStateQuery)).status !== 'running'; i++)
        await new Promise((r) => setTimeout(r, 100));
      return handle.query(measureStateQuery);
    });
    expect(before.status).toBe('running');
    await first.teardown();

    const second = await startDevServer({ dbFilename });
    try {
      const handle = second.client.workflow.getHandle(workflowId);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      worker = await Worker.create({
        connection: second.nativeConnection,
        taskQueue,
        workflowsPath: WORKFLOWS_PATH,
        activities,
      });
      const after = await worker.runUntil(() => handle.query(measureStateQuery));
      expect(after).toEqual(before);
      await handle.terminate('test done');
    } finally {
      await second.teardown();
    }
  });
});
