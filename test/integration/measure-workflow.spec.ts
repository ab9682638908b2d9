/**
 * The harness is real: a worker runs the real measureWorkflow on a real Temporal dev server
 * through a compressed fiscal year, its state is queried mid-year, and its recorded history
 * replays deterministically against the current workflow code.
 */
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { measureStateQuery, measureWorkflowId, MeasureWorkflowInput, MEASURE_WORKFLOW_TYPE } from '../../libs/contracts/src/measure.contracts';
import { WORKFLOWS_PATH } from '../../libs/contracts/src/temporal-connection';
import type { measureWorkflow } from '../../workflows/measure.workflow';
import { readPlan, SMALL_PLAN_FILE } from '../support/seed-plan';
import { fiscalCalendar, fiscalYearOf } from '../../libs/domain/src/fiscal-calendar';
import { compressedCalendar, startDevServer, startTimeSkippingServer } from '../support/temporal';

describe('measureWorkflow on a real Temporal server', () => {
  let env: TestWorkflowEnvironment;
  let client: Client;

  beforeAll(async () => {
    env = await startDevServer();
    client = env.client;
  });
  afterAll(async () => env?.teardown());

  it('runs a compressed fiscal year, answers queries, and replays its history deterministically', async () => {
    const plan = readPlan(SMALL_PLAN_FILE);
    const measure = plan.measures[0];
    const taskQueue = `test-${Date.now()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath: WORKFLOWS_PATH });
    const input: MeasureWorkflowInput = {
      organizationCode: plan.organization.code,
      fiscalYear: plan.fiscalYear,
      planRevision: 1,
      measure,
      units: [{ code: 'PLAN_BUDGET', name: 'ส่วนงานแผนงานและการงบประมาณ' }],
      calendar: compressedCalendar(plan.fiscalYear, 2000, 300),
    };
    const workflowId = measureWorkflowId(plan.organization.code, plan.fiscalYear, measure.code);

    const result = await worker.runUntil(async () => {
      const handle = await client.workflow.start<typeof measureWorkflow>(MEASURE_WORKFLOW_TYPE, { taskQueue, workflowId, args: [input] });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const midYear = await handle.query(measureStateQuery);
      expect(midYear.status).toBe('running');
      expect(midYear.currentQuarter).toBe(1);
      expect(midYear.quarters[0].steps).toEqual([1]);
      return handle.result();
    });

    expect(result.status).toBe('completed');
    expect(result.quarters.map((q) => q.quarter)).toEqual([1, 2, 3, 4]);
    expect(result.quarters.map((q) => q.steps)).toEqual([[1], [1], [1, 2], [2]]);

    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    await expect(Worker.runReplayHistory({ workflowsPath: WORKFLOWS_PATH }, history, workflowId)).resolves.toBeUndefined();
  });

  it('refuses a second workflow with the same deterministic id while the first runs', async () => {
    const plan = readPlan(SMALL_PLAN_FILE);
    const taskQueue = `test-dup-${Date.now()}`;
    const input: MeasureWorkflowInput = {
      organizationCode: plan.organization.code, fiscalYear: plan.fiscalYear, planRevision: 1, measure: plan.measures[1],
      units: [], calendar: compressedCalendar(plan.fiscalYear, 60_000),
    };
    const workflowId = measureWorkflowId(plan.organization.code, plan.fiscalYear, plan.measures[1].code);
    const first = await client.workflow.start(MEASURE_WORKFLOW_TYPE, { taskQueue, workflowId, args: [input] });
    await expect(client.workflow.start(MEASURE_WORKFLOW_TYPE, { taskQueue, workflowId, args: [input] }))
      .rejects.toThrow(/already started/i);
    await first.terminate('test done');
  });
});

describe('measureWorkflow on the real fiscal calendar (time-skipping test server)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await startTimeSkippingServer();
  });
  afterAll(async () => env?.teardown());

  it('opens each quarter at its Bangkok start date and completes at the end of the fiscal year', async () => {
    const plan = readPlan(SMALL_PLAN_FILE);
    const calendar = fiscalCalendar(fiscalYearOf(new Date()) + 1);
    const taskQueue = 'time-skipping';
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath: WORKFLOWS_PATH });
    const result = await worker.runUntil(env.client.workflow.execute<typeof measureWorkflow>(MEASURE_WORKFLOW_TYPE, {
      taskQueue,
      workflowId: measureWorkflowId(plan.organization.code, calendar.fiscalYearBE, plan.measures[1].code),
      args: [{ organizationCode: plan.organization.code, fiscalYear: calendar.fiscalYearBE, planRevision: 1, measure: plan.measures[1], units: [], calendar }],
    }));
    expect(result.status).toBe('completed');
    const lateness = result.quarters.map((q, i) => Date.parse(q.openedAt) - Date.parse(calendar.quarters[i].start));
    expect(lateness.every((ms) => ms >= 0 && ms < 1000)).toBe(true);
    expect(await env.currentTimeMs()).toBeGreaterThanOrEqual(Date.parse(calendar.end));
  });
});
