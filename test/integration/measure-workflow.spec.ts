/**
 * measureWorkflow on real Temporal servers, with the real projection activity writing to a real
 * database (SQLite, or MariaDB with TEST_DATABASE_URL):
 *  - the official time-skipping test server runs whole fiscal years on the real Thai calendar
 *    (15 days' grace, weekly escalation) in seconds;
 *  - the dev server runs a compressed year in real time and its recorded history is replayed
 *    against the current workflow code to check determinism.
 */
import type { Actor } from '@ita/domain/access/actor';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { MeasureProjectionActivities } from '../../apps/worker/src/measure-projection.activities';
import {
  amendMeasureUpdate,
  approveReportUpdate,
  approveTaskUpdate,
  MEASURE_WORKFLOW_TYPE,
  measureStateQuery,
  measureWorkflowId,
  MeasureWorkflowInput,
  returnReportUpdate,
  returnTaskUpdate,
  submitReportUpdate,
  submitTaskUpdate,
} from '@ita/contracts/measure.contracts';
import { WORKFLOWS_PATH } from '@ita/contracts/temporal-connection';
import { fiscalCalendar, FiscalCalendar, fiscalYearOf } from '@ita/domain/fiscal-calendar';
import type { UnitRef } from '@ita/domain/measure/measure.types';
import { normalizePlan } from '@ita/domain/plan/plan.canonical';
import type { MeasureDef } from '@ita/domain/plan/plan.types';
import { openDatabase } from '@ita/persistence/data-source';
import type { MeasureProjectionRepository } from '@ita/persistence/measure-projection.repository';
import { buildRepositories } from '@ita/persistence/repositories';
import type { measureWorkflow } from '../../workflows/measure.workflow';
import { readPlan, storePlan } from '../support/seed-plan';
import { compressedCalendar, startDevServer, startTimeSkippingServer } from '../support/temporal';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { eventually } from '../support/wait';

const DAY = 86_400_000;
const seed = normalizePlan(readPlan());
const m05 = seed.measures.find((m) => m.code === 'M05-I8-I12') as MeasureDef;
const m01 = seed.measures.find((m) => m.code === 'M01-I7') as MeasureDef;
// The seed's I8+I12 measure, run by three units: the plan names PLAN_BUDGET and INTERNAL_AUDIT
// beside "ฝ่ายงานต่าง ๆ" (all units); HR stands in for the latter here.
const THREE_UNITS: UnitRef[] = [
  { code: 'PLAN_BUDGET', name: 'ส่วนงานแผนงานและการงบประมาณ' },
  { code: 'INTERNAL_AUDIT', name: 'ฝ่ายตรวจสอบภายใน' },
  { code: 'HR', name: 'งานทรัพยากรบุคคล ฝ่ายบริหาร' },
];
const staff = (unit: string): Actor => ({
  id: `staff.${unit.toLowerCase()}`,
  role: 'unit-staff',
  unitCode: unit,
  organizationCode: 'TCEB',
});
const head = (unit: string): Actor => ({
  id: `head.${unit.toLowerCase()}`,
  role: 'unit-head',
  unitCode: unit,
  organizationCode: 'TCEB',
});
const oversight = (from: string, until: string | null) => [
  { kind: 'oversight' as const, delegationId: '1', delegatorId: 'director', from, until },
];
/** The Deputy Director, holding the Director's oversight by a standing delegation. */
const deputy: Actor = {
  id: 'deputy.director',
  role: 'deputy-director',
  organizationCode: 'TCEB',
  grants: oversight('2000-01-01T00:00:00.000Z', null),
};

let db: TestDatabase;
let dataSource: DataSource;
let projection: MeasureProjectionRepository;

beforeAll(async () => {
  db = await createTestDatabase();
  dataSource = await openDatabase(db.config);
  projection = buildRepositories(dataSource).projection;
  await storePlan(dataSource, seed);
});
afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

function input(measure: MeasureDef, units: UnitRef[], calendar: FiscalCalendar): MeasureWorkflowInput {
  return {
    organizationCode: seed.organization.code,
    fiscalYear: calendar.fiscalYearBE,
    planRevision: 1,
    measure,
    units,
    calendar,
    policy: { reportGraceDays: 15, escalationIntervalDays: 7, escalateCadences: [] },
  };
}

async function newWorker(env: TestWorkflowEnvironment, taskQueue: string): Promise<Worker> {
  const activities = new MeasureProjectionActivities(projection).asActivities();
  return Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath: WORKFLOWS_PATH, activities });
}

async function rows(sql: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  return dataSource.query(sql, params);
}

describe('measureWorkflow through a real fiscal year (time-skipping test server)', () => {
  let env: TestWorkflowEnvironment;
  let client: Client;
  beforeAll(async () => {
    env = await startTimeSkippingServer();
    client = env.client;
  });
  afterAll(async () => env?.teardown());

  /** The next fiscal year by the server's clock (which a test's `result()` wait may have moved years ahead). */
  const nextFiscalYear = async () => fiscalCalendar(fiscalYearOf(new Date(await env.currentTimeMs())) + 1);
  const sleepUntil = async (iso: string, plusMs = 1000) => {
    const ms = Date.parse(iso) + plusMs - (await env.currentTimeMs());
    if (ms > 0) await env.sleep(ms);
  };

  it("takes the seed's I8+I12 measure with three units from Q1's tasks to the approved final reports, each task to its step's owners", async () => {
    const wfInput = input(m05, THREE_UNITS, await nextFiscalYear());
    const { calendar } = wfInput;
    const workflowId = measureWorkflowId('TCEB', calendar.fiscalYearBE, m05.code);
    const worker = await newWorker(env, 'year');
    await worker.runUntil(async () => {
      const handle = await client.workflow.start<typeof measureWorkflow>(MEASURE_WORKFLOW_TYPE, {
        taskQueue: 'year',
        workflowId,
        args: [wfInput],
      });
      for (const quarter of calendar.quarters) {
        await sleepUntil(quarter.start);
        await eventually(async () =>
          expect((await handle.query(measureStateQuery)).currentQuarter).toBe(quarter.quarter),
        );
        const state = await handle.query(measureStateQuery);
        const open = state.tasks.filter((t) => t.quarter === quarter.quarter);
        // Steps 1–3 are the Planning section's, step 4 every unit's (ALL), step 5 Internal Audit's:
        // HR, a unit of the measure, gets only step 4, and nobody but Internal Audit gets step 5.
        const n = quarter.quarter;
        expect(open.map((t) => t.key)).toEqual([
          `Q${n}-S1-PLAN_BUDGET`,
          `Q${n}-S2-PLAN_BUDGET`,
          `Q${n}-S3-PLAN_BUDGET`,
          `Q${n}-S4-PLAN_BUDGET`,
          `Q${n}-S4-INTERNAL_AUDIT`,
          `Q${n}-S4-HR`,
          `Q${n}-S5-INTERNAL_AUDIT`,
        ]);
        for (const task of open) {
          await handle.executeUpdate(submitTaskUpdate, {
            args: [
              {
                actor: staff(task.unitCode),
                taskKey: task.key,
                note: `ไตรมาส ${quarter.quarter}: ดำเนินการตามขั้นตอนที่ ${task.stepNumber}`,
                progress: 'done',
                evidence: [
                  { kind: 'link', url: `https://www.tceb.or.th/ita/${task.key}`, name: 'หลักฐาน', guidelines: [1] },
                ],
              },
            ],
          });
          if (task.key === 'Q1-S4-HR') {
            const returned = await handle.executeUpdate(returnTaskUpdate, {
              args: [{ actor: head('HR'), taskKey: task.key, reason: 'แนบรายงานการประชุมด้วย' }],
            });
            expect(returned).toMatchObject({ status: 'returned', returnCount: 1 });
            await handle.executeUpdate(submitTaskUpdate, {
              args: [
                {
                  actor: staff('HR'),
                  taskKey: task.key,
                  note: 'แนบรายงานการประชุมแล้ว',
                  progress: 'done',
                  evidence: [
                    {
                      kind: 'link',
                      url: 'https://www.tceb.or.th/ita/minutes',
                      name: 'รายงานการประชุม',
                      guidelines: [1, 2],
                    },
                  ],
                },
              ],
            });
          }
          await handle.executeUpdate(approveTaskUpdate, { args: [{ actor: head(task.unitCode), taskKey: task.key }] });
        }
        if (quarter.quarter === 3) {
          // Q1–Q2 report opened at the end of Q2: the Planning section submits it, the Deputy Director approves.
          const report = await handle.executeUpdate(submitReportUpdate, {
            args: [{ actor: head('PLAN_BUDGET'), reportKey: 'semiannual-1' }],
          });
          expect(report.draft.every((l) => l.status === 'approved' && l.progress === 'done')).toBe(true);
          await handle.executeUpdate(approveReportUpdate, { args: [{ actor: deputy, reportKey: 'semiannual-1' }] });
          // Internal Audit's own 6-monthly report to the executives: a report of its own, its alone to make.
          await expect(
            handle.executeUpdate(submitReportUpdate, { args: [{ actor: head('HR'), reportKey: 'semiannual.2-1' }] }),
          ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
          const audit = await handle.executeUpdate(submitReportUpdate, {
            args: [{ actor: head('INTERNAL_AUDIT'), reportKey: 'semiannual.2-1', summary: 'ผลการตรวจสอบภายใน' }],
          });
          expect(audit).toMatchObject({ units: ['INTERNAL_AUDIT'], recipient: 'executives', line: 2 });
          await handle.executeUpdate(approveReportUpdate, { args: [{ actor: deputy, reportKey: 'semiannual.2-1' }] });
        }
      }
      await sleepUntil(calendar.end);
      await eventually(async () =>
        expect((await handle.query(measureStateQuery)).reports.map((r) => r.key)).toContain('semiannual-2'),
      );
      await handle.executeUpdate(submitReportUpdate, {
        args: [{ actor: staff('INTERNAL_AUDIT'), reportKey: 'semiannual-2', summary: 'สรุปผลรอบ 6 เดือนหลัง' }],
      });
      await handle.executeUpdate(returnReportUpdate, {
        args: [{ actor: deputy, reportKey: 'semiannual-2', comments: 'ขอตัวเลขการใช้จ่ายจริงเทียบแผน' }],
      });
      await handle.executeUpdate(submitReportUpdate, {
        args: [
          {
            actor: staff('INTERNAL_AUDIT'),
            reportKey: 'semiannual-2',
            summary: 'สรุปผลรอบ 6 เดือนหลัง พร้อมตัวเลขการใช้จ่ายจริง',
          },
        ],
      });
      await handle.executeUpdate(approveReportUpdate, {
        args: [{ actor: deputy, reportKey: 'semiannual-2', comments: 'อนุมัติ' }],
      });
      expect((await handle.query(measureStateQuery)).status).toBe('running');
      await handle.executeUpdate(submitReportUpdate, {
        args: [{ actor: staff('INTERNAL_AUDIT'), reportKey: 'semiannual.2-2' }],
      });
      await handle.executeUpdate(approveReportUpdate, { args: [{ actor: deputy, reportKey: 'semiannual.2-2' }] });
      const final = await handle.result();
      expect(final.status).toBe('completed');
      expect(final.tasks.every((t) => t.status === 'approved' && !t.overdue)).toBe(true);
    });

    const tasks = await rows('SELECT status, COUNT(*) AS n FROM task WHERE workflow_id = ? GROUP BY status', [
      workflowId,
    ]);
    expect(tasks.map((r) => [r.status, Number(r.n)])).toEqual([['approved', 28]]);
    const perUnit = await rows(
      'SELECT unit_code, step_number, COUNT(*) AS n FROM task WHERE workflow_id = ? GROUP BY unit_code, step_number ORDER BY unit_code, step_number',
      [workflowId],
    );
    expect(perUnit.map((r) => `${r.unit_code} S${r.step_number}×${Number(r.n)}`)).toEqual([
      'HR S4×4',
      'INTERNAL_AUDIT S4×4',
      'INTERNAL_AUDIT S5×4',
      'PLAN_BUDGET S1×4',
      'PLAN_BUDGET S2×4',
      'PLAN_BUDGET S3×4',
      'PLAN_BUDGET S4×4',
    ]);
    const reports = await rows(
      'SELECT report_key, status, return_count, recipient, units FROM report WHERE workflow_id = ? ORDER BY report_key',
      [workflowId],
    );
    expect(
      reports.map((r) => [r.report_key, r.status, Number(r.return_count), r.recipient, JSON.parse(String(r.units))]),
    ).toEqual([
      ['semiannual-1', 'approved', 0, null, ['PLAN_BUDGET', 'INTERNAL_AUDIT', 'HR']],
      ['semiannual-2', 'approved', 1, null, ['PLAN_BUDGET', 'INTERNAL_AUDIT', 'HR']],
      ['semiannual.2-1', 'approved', 0, 'executives', ['INTERNAL_AUDIT']],
      ['semiannual.2-2', 'approved', 0, 'executives', ['INTERNAL_AUDIT']],
    ]);
    const [run] = await rows('SELECT status, quarter_statuses FROM measure_run WHERE workflow_id = ?', [workflowId]);
    expect(run.status).toBe('completed');
    expect(JSON.parse(String(run.quarter_statuses))).toEqual({
      1: 'complete',
      2: 'complete',
      3: 'complete',
      4: 'complete',
    });
    const audit = await rows(
      "SELECT action, actor_id, actor_role, actor_unit, event_id FROM audit_entry WHERE workflow_id = ? AND entity_key = 'Q1-S4-HR' ORDER BY seq, idx",
      [workflowId],
    );
    expect(audit.map((a) => `${a.action} ${a.actor_id}`)).toEqual([
      'task.opened system',
      'task.submitted staff.hr',
      'task.returned head.hr',
      'task.submitted staff.hr',
      'task.approved head.hr',
    ]);
    expect(audit.every((a) => Number(a.event_id) > 0)).toBe(true);
  });

  it('escalates a late 6-monthly report to the Deputy Director, repeats weekly with a rising level, and clears on submission', async () => {
    const wfInput = input(m01, [{ code: 'PLAN_BUDGET', name: 'ส่วนงานแผนงานและการงบประมาณ' }], await nextFiscalYear());
    const { calendar } = wfInput;
    const workflowId = measureWorkflowId('TCEB', calendar.fiscalYearBE, m01.code);
    const worker = await newWorker(env, 'late');
    await worker.runUntil(async () => {
      const handle = await client.workflow.start<typeof measureWorkflow>(MEASURE_WORKFLOW_TYPE, {
        taskQueue: 'late',
        workflowId,
        args: [wfInput],
      });
      const h1End = calendar.quarters[1].end;
      const due = Date.parse(h1End) + 15 * DAY;
      await sleepUntil(h1End, DAY);
      await eventually(async () =>
        expect((await handle.query(measureStateQuery)).reports[0]).toMatchObject({
          key: 'semiannual-1',
          status: 'open',
          overdue: false,
        }),
      );
      await expect(
        handle.executeUpdate(approveReportUpdate, { args: [{ actor: deputy, reportKey: 'semiannual-1' }] }),
      ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);

      const escalation = async () =>
        (await rows('SELECT level, resolved_at, units FROM escalation WHERE workflow_id = ?', [workflowId]))[0];
      await sleepUntil(new Date(due).toISOString(), 60_000);
      await eventually(async () => expect(await escalation()).toMatchObject({ resolved_at: '' }));
      expect(Number((await escalation()).level)).toBe(1);
      expect(JSON.parse(String((await escalation()).units))).toEqual(['PLAN_BUDGET']);

      await sleepUntil(new Date(due + 14 * DAY).toISOString(), 60_000);
      await eventually(async () => expect(Number((await escalation()).level)).toBe(3));

      await handle.executeUpdate(submitReportUpdate, {
        args: [{ actor: staff('PLAN_BUDGET'), reportKey: 'semiannual-1' }],
      });
      expect((await escalation()).resolved_at).not.toBe('');
      await sleepUntil(new Date(due + 30 * DAY).toISOString());
      expect((await handle.query(measureStateQuery)).reports[0].escalation).toMatchObject({ level: 3 });
      await handle.terminate('test done');
    });
    const actions = await rows(
      "SELECT action FROM audit_entry WHERE workflow_id = ? AND entity = 'escalation' ORDER BY seq, idx",
      [workflowId],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'escalation.raised',
      'escalation.repeated',
      'escalation.repeated',
      'escalation.resolved',
    ]);
  });

  it('rejects a command in the wrong state, from the wrong unit or before a report is due, and changes nothing', async () => {
    const wfInput = input(m01, [{ code: 'PLAN_BUDGET', name: 'ส่วนงานแผนงานและการงบประมาณ' }], await nextFiscalYear());
    const workflowId = measureWorkflowId('TCEB', wfInput.fiscalYear, m01.code);
    const worker = await newWorker(env, 'reject');
    await worker.runUntil(async () => {
      const handle = await client.workflow.start<typeof measureWorkflow>(MEASURE_WORKFLOW_TYPE, {
        taskQueue: 'reject',
        workflowId,
        args: [wfInput],
      });
      await sleepUntil(wfInput.calendar.quarters[0].start);
      await eventually(async () => expect((await handle.query(measureStateQuery)).tasks.length).toBeGreaterThan(0));
      await eventually(async () =>
        expect((await rows('SELECT COUNT(*) AS n FROM task WHERE workflow_id = ?', [workflowId]))[0].n).not.toBe(0),
      );
      const before = await handle.query(measureStateQuery);
      const historyBefore = (await handle.fetchHistory()).events?.length ?? 0;
      const auditBefore = await rows('SELECT COUNT(*) AS n FROM audit_entry WHERE workflow_id = ?', [workflowId]);
      const attempts: Array<[string, () => Promise<unknown>]> = [
        [
          'FORBIDDEN',
          () =>
            handle.executeUpdate(submitTaskUpdate, {
              args: [
                { actor: staff('HR'), taskKey: 'Q1-S1-PLAN_BUDGET', note: 'x', progress: 'partly-done', evidence: [] },
              ],
            }),
        ],
        [
          'CONFLICT',
          () =>
            handle.executeUpdate(approveTaskUpdate, {
              args: [{ actor: head('PLAN_BUDGET'), taskKey: 'Q1-S1-PLAN_BUDGET' }],
            }),
        ],
        [
          'CONFLICT',
          () =>
            handle.executeUpdate(submitReportUpdate, {
              args: [{ actor: staff('PLAN_BUDGET'), reportKey: 'semiannual-1' }],
            }),
        ],
        [
          'INVALID',
          () =>
            handle.executeUpdate(submitTaskUpdate, {
              args: [
                { actor: staff('PLAN_BUDGET'), taskKey: 'Q1-S1-PLAN_BUDGET', note: '', progress: 'done', evidence: [] },
              ],
            }),
        ],
        [
          'NOT_FOUND',
          () =>
            handle.executeUpdate(approveTaskUpdate, {
              args: [{ actor: head('PLAN_BUDGET'), taskKey: 'Q7-S1-PLAN_BUDGET' }],
            }),
        ],
        // A workflow trusts no caller: forged or stale authority is refused by its validators.
        [
          'FORBIDDEN',
          () =>
            handle.executeUpdate(submitTaskUpdate, {
              args: [
                {
                  actor: { ...staff('PLAN_BUDGET'), organizationCode: 'OTHER' },
                  taskKey: 'Q1-S1-PLAN_BUDGET',
                  note: 'x',
                  progress: 'partly-done',
                  evidence: [],
                },
              ],
            }),
        ],
        [
          'FORBIDDEN',
          () =>
            handle.executeUpdate(submitTaskUpdate, {
              args: [
                {
                  actor: { id: 'auditor', role: 'auditor', organizationCode: 'TCEB' },
                  taskKey: 'Q1-S1-PLAN_BUDGET',
                  note: 'x',
                  progress: 'partly-done',
                  evidence: [],
                },
              ],
            }),
        ],
        [
          'FORBIDDEN',
          () =>
            handle.executeUpdate(amendMeasureUpdate, {
              args: [
                {
                  actor: { ...deputy, grants: oversight('2000-01-01T00:00:00.000Z', '2001-01-01T00:00:00.000Z') },
                  change: { kind: 'remove-step', stepNumber: 1 },
                  reason: 'หมดอายุ',
                },
              ],
            }),
        ],
        [
          'FORBIDDEN',
          () =>
            handle.executeUpdate(submitTaskUpdate, {
              args: [
                {
                  actor: {
                    ...staff('HR'),
                    grants: [
                      {
                        kind: 'unit-head',
                        unitCode: 'PLAN_BUDGET',
                        delegationId: '2',
                        delegatorId: 'head',
                        from: '2000-01-01T00:00:00.000Z',
                        until: '2001-01-01T00:00:00.000Z',
                      },
                    ],
                  },
                  taskKey: 'Q1-S1-PLAN_BUDGET',
                  note: 'x',
                  progress: 'partly-done',
                  evidence: [],
                },
              ],
            }),
        ],
      ];
      for (const [type, attempt] of attempts) {
        const error = await attempt().then(
          () => null,
          (e) => e,
        );
        expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
        expect((error as WorkflowUpdateFailedError).cause).toMatchObject({ type });
      }
      expect(await handle.query(measureStateQuery)).toEqual(before);
      // Nothing was accepted, scheduled or recorded: at most the workflow tasks that ran the validators
      // (the real server drops those; the test server keeps them).
      const added = ((await handle.fetchHistory()).events ?? []).slice(historyBefore).map((e) => Number(e.eventType));
      const WORKFLOW_TASK_EVENTS = [5, 6, 7]; // scheduled, started, completed
      expect(added.filter((t) => !WORKFLOW_TASK_EVENTS.includes(t))).toEqual([]);
      expect(await rows('SELECT COUNT(*) AS n FROM audit_entry WHERE workflow_id = ?', [workflowId])).toEqual(
        auditBefore,
      );
      await handle.terminate('test done');
    });
  });
});

describe('measureWorkflow on the dev server (real time), replayed', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await startDevServer();
  });
  afterAll(async () => env?.teardown());

  it('runs a compressed year with people acting in it, and its history replays deterministically', async () => {
    const worker = await newWorker(env, 'replay');
    const wfInput = input(
      m01,
      [{ code: 'PLAN_BUDGET', name: 'ส่วนงานแผนงานและการงบประมาณ' }],
      compressedCalendar(2599, 2000, 300),
    );
    wfInput.policy.reportGraceDays = 0;
    const workflowId = measureWorkflowId('TCEB', 2599, m01.code);
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof measureWorkflow>(MEASURE_WORKFLOW_TYPE, {
        taskQueue: 'replay',
        workflowId,
        args: [wfInput],
      });
      await eventually(async () => expect((await handle.query(measureStateQuery)).tasks.length).toBeGreaterThan(0));
      await handle.executeUpdate(submitTaskUpdate, {
        args: [
          {
            actor: staff('PLAN_BUDGET'),
            taskKey: 'Q1-S1-PLAN_BUDGET',
            note: 'ทำแล้ว',
            progress: 'partly-done',
            evidence: [],
          },
        ],
      });
      await handle.executeUpdate(approveTaskUpdate, {
        args: [{ actor: head('PLAN_BUDGET'), taskKey: 'Q1-S1-PLAN_BUDGET' }],
      });
      await eventually(
        async () => expect((await handle.query(measureStateQuery)).reports.length).toBeGreaterThan(0),
        15_000,
      );
      await handle.executeUpdate(submitReportUpdate, {
        args: [{ actor: staff('PLAN_BUDGET'), reportKey: 'semiannual-1' }],
      });
      await handle.terminate('test done');
    });
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    await expect(
      Worker.runReplayHistory({ workflowsPath: WORKFLOWS_PATH }, history, workflowId),
    ).resolves.toBeUndefined();
  });

  it('loses nothing when its worker stops mid-year and another one takes over', async () => {
    const wfInput = input(
      m01,
      [{ code: 'PLAN_BUDGET', name: 'ส่วนงานแผนงานและการงบประมาณ' }],
      compressedCalendar(2597, 4000, 300),
    );
    const workflowId = measureWorkflowId('TCEB', 2597, m01.code);
    const first = await newWorker(env, 'restart');
    const handle = await first.runUntil(async () => {
      const h = await env.client.workflow.start<typeof measureWorkflow>(MEASURE_WORKFLOW_TYPE, {
        taskQueue: 'restart',
        workflowId,
        args: [wfInput],
      });
      await eventually(async () => expect((await h.query(measureStateQuery)).tasks.length).toBeGreaterThan(0));
      await h.executeUpdate(submitTaskUpdate, {
        args: [
          {
            actor: staff('PLAN_BUDGET'),
            taskKey: 'Q1-S1-PLAN_BUDGET',
            note: 'ส่งแล้ว',
            progress: 'partly-done',
            evidence: [],
          },
        ],
      });
      return h;
    });
    // No worker now: Q1 ends and Q2 begins while nobody is polling.
    await new Promise((resolve) =>
      setTimeout(resolve, Date.parse(wfInput.calendar.quarters[1].start) + 500 - Date.now()),
    );
    const second = await newWorker(env, 'restart');
    await second.runUntil(async () => {
      await eventually(async () => expect((await handle.query(measureStateQuery)).currentQuarter).toBe(2));
      const state = await handle.query(measureStateQuery);
      expect(state.tasks.find((t) => t.key === 'Q1-S1-PLAN_BUDGET')).toMatchObject({
        status: 'submitted',
        overdue: true,
        submission: { note: 'ส่งแล้ว' },
      });
      expect(state.tasks.filter((t) => t.quarter === 2).length).toBeGreaterThan(0);
      await handle.executeUpdate(approveTaskUpdate, {
        args: [{ actor: head('PLAN_BUDGET'), taskKey: 'Q1-S1-PLAN_BUDGET' }],
      });
      await handle.terminate('test done');
    });
    const [row] = await rows('SELECT status, overdue FROM task WHERE workflow_id = ? AND task_key = ?', [
      workflowId,
      'Q1-S1-PLAN_BUDGET',
    ]);
    expect(row.status).toBe('approved');
  });

  it('refuses a second workflow with the same deterministic id', async () => {
    const wfInput = input(m05, THREE_UNITS, compressedCalendar(2598, 60_000));
    const workflowId = measureWorkflowId('TCEB', 2598, m05.code);
    const first = await env.client.workflow.start(MEASURE_WORKFLOW_TYPE, {
      taskQueue: 'nobody',
      workflowId,
      args: [wfInput],
    });
    await expect(
      env.client.workflow.start(MEASURE_WORKFLOW_TYPE, { taskQueue: 'nobody', workflowId, args: [wfInput] }),
    ).rejects.toThrow(/already started/i);
    await first.terminate('test done');
  });
});
