/**
 * Closing a measure's fiscal year on a real Temporal server (the time-skipping test server, a
 * compressed year) with the real projection activity writing to a real database: a year left
 * with a report never delivered and escalating is closed by the Director; the workflow completes,
 * the report is recorded not delivered, its escalation ends, and the read model and the audit
 * trail say so.
 */
import type { Actor } from '@ita/domain/access/actor';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { MeasureProjectionActivities } from '../../apps/worker/src/measure-projection.activities';
import {
  approveTaskUpdate,
  closeYearUpdate,
  MEASURE_WORKFLOW_TYPE,
  measureStateQuery,
  measureWorkflowId,
  MeasureWorkflowInput,
  submitTaskUpdate,
} from '@ita/contracts/measure.contracts';
import { WORKFLOWS_PATH } from '@ita/contracts/temporal-connection';
import { compressedFiscalCalendar } from '@ita/domain/fiscal-calendar';
import { normalizePlan } from '@ita/domain/plan/plan.canonical';
import type { MeasureDef } from '@ita/domain/plan/plan.types';
import { openDatabase } from '@ita/persistence/data-source';
import { buildRepositories } from '@ita/persistence/repositories';
import type { measureWorkflow } from '../../workflows/measure.workflow';
import { readPlan, storePlan } from '../support/seed-plan';
import { startTimeSkippingServer } from '../support/temporal';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { eventually } from '../support/wait';

const seed = normalizePlan(readPlan());
const m01 = seed.measures.find((m) => m.code === 'M01-I7') as MeasureDef;
const actor = (id: string, role: Actor['role'], unitCode?: string, grants?: Actor['grants']): Actor => ({
  id,
  role,
  unitCode,
  organizationCode: 'TCEB',
  grants,
});
const staff = actor('staff.plan_budget', 'unit-staff', 'PLAN_BUDGET');
const head = actor('head.plan_budget', 'unit-head', 'PLAN_BUDGET');
const director = actor('director', 'director');
/** The Deputy Director without the Director's delegation. */
const deputy = actor('deputy.director', 'deputy-director', undefined, []);

let db: TestDatabase;
let dataSource: DataSource;
let env: TestWorkflowEnvironment;
let client: Client;

beforeAll(async () => {
  db = await createTestDatabase();
  dataSource = await openDatabase(db.config);
  await storePlan(dataSource, seed);
  env = await startTimeSkippingServer();
  client = env.client;
});
afterAll(async () => {
  await env?.teardown();
  await dataSource?.destroy();
  await db?.drop();
});

const rows = (sql: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> =>
  dataSource.query(sql, params);

/** The failure type and field of a rejected update. */
async function refusal(p: Promise<unknown>): Promise<[string | undefined, unknown]> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
  return [cause.type ?? undefined, cause.details?.[0]];
}

it('closes a compressed year left with a report never delivered: the workflow completes, the report is recorded not delivered and its escalation ends', async () => {
  // Quarters of 91 minutes: a day of the calendar is a minute.
  const day = 60_000;
  const calendar = compressedFiscalCalendar(2599, new Date((await env.currentTimeMs()) + 500), 91 * day);
  const input: MeasureWorkflowInput = {
    organizationCode: 'TCEB',
    fiscalYear: calendar.fiscalYearBE,
    planRevision: 1,
    measure: m01,
    units: [{ code: 'PLAN_BUDGET', name: 'ส่วนงานแผนงานและการงบประมาณ' }],
    calendar,
    policy: { reportGraceDays: 15, escalationIntervalDays: 7, escalateCadences: [] },
  };
  const workflowId = measureWorkflowId('TCEB', calendar.fiscalYearBE, m01.code);
  const sleepUntil = async (at: number) => {
    const ms = at - (await env.currentTimeMs());
    if (ms > 0) await env.sleep(ms);
  };
  const activities = new MeasureProjectionActivities(buildRepositories(dataSource).projection).asActivities();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'year-close',
    workflowsPath: WORKFLOWS_PATH,
    activities,
  });
  const end = Date.parse(calendar.end);
  await worker.runUntil(async () => {
    const handle = await client.workflow.start<typeof measureWorkflow>(MEASURE_WORKFLOW_TYPE, {
      taskQueue: 'year-close',
      workflowId,
      args: [input],
    });
    // Q1: one task done, the others never.
    await sleepUntil(Date.parse(calendar.quarters[0].start) + day);
    await eventually(async () => expect((await handle.query(measureStateQuery)).tasks.length).toBeGreaterThan(1));
    const [first] = (await handle.query(measureStateQuery)).tasks;
    await handle.executeUpdate(submitTaskUpdate, {
      args: [{ actor: staff, taskKey: first.key, note: 'ดำเนินการแล้ว', progress: 'partly-done', evidence: [] }],
    });
    await handle.executeUpdate(approveTaskUpdate, { args: [{ actor: head, taskKey: first.key }] });

    // The first 6-monthly report is never delivered: it escalates, and repeats.
    const due = Date.parse(calendar.quarters[1].end) + 15 * day;
    await sleepUntil(due + 8 * day);
    await eventually(async () =>
      expect((await handle.query(measureStateQuery)).reports[0].escalation).toMatchObject({ level: 2 }),
    );
    expect(await refusal(handle.executeUpdate(closeYearUpdate, { args: [{ actor: director }] }))).toEqual([
      'CONFLICT',
      'fiscalYear',
    ]);

    await sleepUntil(end + 20 * day);
    await eventually(async () =>
      expect((await handle.query(measureStateQuery)).reports.map((r) => r.key)).toContain('semiannual-2'),
    );
    expect(await refusal(handle.executeUpdate(closeYearUpdate, { args: [{ actor: head }] }))).toEqual([
      'FORBIDDEN',
      'actor.role',
    ]);
    expect(await refusal(handle.executeUpdate(closeYearUpdate, { args: [{ actor: deputy }] }))).toEqual([
      'FORBIDDEN',
      'actor.delegation',
    ]);
    const level = (await handle.query(measureStateQuery)).reports[0].escalation!.level;
    expect(level).toBeGreaterThan(2);

    const summary = await handle.executeUpdate(closeYearUpdate, { args: [{ actor: director }] });
    expect(summary).toMatchObject({
      measureCode: 'M01-I7',
      closed: true,
      closedBy: 'director',
      reportsNotDelivered: ['semiannual-1', 'semiannual-2'],
      reportsNotDecided: [],
      // The second was due 15 days after the year's end: late by the closing too.
      escalationsEnded: ['semiannual-1', 'semiannual-2'],
      tasksNotDecided: 0,
    });
    expect(summary.tasksNotDone).toBe((await handle.query(measureStateQuery)).tasks.length - 1);

    const final = await handle.result();
    expect(final.status).toBe('completed');
    expect(final.closed).toEqual({ at: summary.closedAt, by: 'director' });
    expect(final.reports[0].escalation).toMatchObject({ level, endedAt: summary.closedAt, endReason: 'year closed' });
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    // Nothing escalates any more (the workflow is over): the escalation keeps the level it ended at.
    await env.sleep(30 * day);
    expect((await handle.query(measureStateQuery)).reports[0].escalation?.level).toBe(level);
  });

  const [run] = await rows('SELECT status FROM measure_run WHERE workflow_id = ?', [workflowId]);
  expect(run.status).toBe('completed');
  expect(
    await rows('SELECT report_key, status FROM report WHERE workflow_id = ? ORDER BY report_key', [workflowId]),
  ).toEqual([
    { report_key: 'semiannual-1', status: 'not-delivered' },
    { report_key: 'semiannual-2', status: 'not-delivered' },
  ]);
  const tasks = await rows('SELECT status, COUNT(*) AS n FROM task WHERE workflow_id = ? GROUP BY status', [
    workflowId,
  ]);
  expect(Object.fromEntries(tasks.map((t) => [t.status, Number(t.n)]))).toEqual({
    approved: 1,
    'not-done': m01.steps.reduce((n, s) => n + s.quarters.length, 0) - 1,
  });
  const escalations = await rows(
    'SELECT report_key, resolved_at, end_reason FROM escalation WHERE workflow_id = ? ORDER BY report_key',
    [workflowId],
  );
  expect(escalations.map((e) => [e.report_key, e.end_reason])).toEqual([
    ['semiannual-1', 'year closed'],
    ['semiannual-2', 'year closed'],
  ]);
  expect(escalations.every((e) => e.resolved_at !== '')).toBe(true);
  const open = await rows("SELECT COUNT(*) AS n FROM escalation WHERE workflow_id = ? AND resolved_at = ''", [
    workflowId,
  ]);
  expect(Number(open[0].n)).toBe(0);

  const closing = await rows(
    "SELECT action, entity_key, actor_id FROM audit_entry WHERE workflow_id = ? AND actor_id = 'director' ORDER BY seq, idx",
    [workflowId],
  );
  const actions = closing.map((e) => `${e.action} ${e.entity_key}`);
  expect(actions.filter((a) => !a.startsWith('task.'))).toEqual([
    'report.not-delivered semiannual-1',
    'escalation.ended semiannual-1',
    'report.not-delivered semiannual-2',
    'escalation.ended semiannual-2',
    'measure.closed M01-I7',
  ]);
  expect(actions.filter((a) => a.startsWith('task.not-done'))).toHaveLength(summaryTasks(tasks));
});

const summaryTasks = (tasks: Array<Record<string, unknown>>) => Number(tasks.find((t) => t.status === 'not-done')?.n);
