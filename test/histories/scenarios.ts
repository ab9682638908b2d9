/**
 * The scenarios whose workflow histories make the replay corpus (test/fixtures/histories). Each
 * runs the real measure workflow on a real Temporal server, with the real projection activity
 * writing to a real (scratch) database, and drives it as people would through the year. The
 * recorder (record.histories.ts) runs them and stores what the server recorded; the replay test
 * (replay.spec.ts) replays every stored history against today's workflow code.
 *
 * A scenario may only use commands that every workflow version accepts, so the same scenarios
 * can be recorded again by each later version (the corpus then grows a folder per version).
 */
import type { Actor, Grant } from '@ita/domain/access/actor';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  amendMeasureUpdate,
  approveReportUpdate,
  approveTaskUpdate,
  closeYearUpdate,
  MEASURE_WORKFLOW_TYPE,
  measureStateQuery,
  measureWorkflowId,
  MeasureWorkflowInput,
  returnReportUpdate,
  returnTaskUpdate,
  submitReportUpdate,
  submitTaskUpdate,
} from '@ita/contracts/measure.contracts';
import { compressedFiscalCalendar, fiscalCalendar, FiscalCalendar, fiscalYearOf } from '@ita/domain/fiscal-calendar';
import type { MeasureState, TaskState, UnitRef } from '@ita/domain/measure/measure.types';
import { normalizePlan } from '@ita/domain/plan/plan.canonical';
import type { MeasureDef } from '@ita/domain/plan/plan.types';
import { expandUnits } from '@ita/domain/plan/plan.units';
import { notifierWorkflowId } from '@ita/contracts/notification.contracts';
import type { measureWorkflow } from '../../workflows/measure.workflow';
import { readPlan } from '../support/seed-plan';
import { eventually } from '../support/wait';

const DAY = 86_400_000;
export const SEED = normalizePlan(readPlan());
export const seedMeasure = (code: string) => SEED.measures.find((m) => m.code === code) as MeasureDef;
export const seedUnits = (m: MeasureDef): UnitRef[] => expandUnits(m, SEED.units);

const ORG = SEED.organization.code;
export const staff = (unit: string, grants?: Grant[]): Actor => ({
  id: `staff.${unit.toLowerCase()}`,
  role: 'unit-staff',
  unitCode: unit,
  organizationCode: ORG,
  grants,
});
export const head = (unit: string): Actor => ({
  id: `head.${unit.toLowerCase()}`,
  role: 'unit-head',
  unitCode: unit,
  organizationCode: ORG,
});
const standing = (kind: Grant['kind'], unitCode?: string): Grant => ({
  kind,
  unitCode,
  delegationId: kind === 'oversight' ? '1' : '2',
  delegatorId: kind === 'oversight' ? 'director' : `head.${unitCode?.toLowerCase()}`,
  from: '2000-01-01T00:00:00.000Z',
  until: null,
});
/** The Deputy Director, holding the Director's oversight by a standing delegation. */
export const deputy: Actor = {
  id: 'deputy.director',
  role: 'deputy-director',
  organizationCode: ORG,
  grants: [standing('oversight')],
};
export const planner: Actor = { id: 'planner', role: 'planner', organizationCode: ORG };

export function measureInput(
  measure: MeasureDef,
  units: UnitRef[],
  calendar: FiscalCalendar,
  policy: Partial<MeasureWorkflowInput['policy']> = {},
): MeasureWorkflowInput {
  return {
    organizationCode: ORG,
    fiscalYear: calendar.fiscalYearBE,
    planRevision: 1,
    measure,
    units,
    calendar,
    policy: { reportGraceDays: 15, escalationIntervalDays: 7, escalateCadences: [], ...policy },
  };
}

/** What a scenario gets: a server, a client and the task queue a worker polls. */
export interface ScenarioContext {
  env: TestWorkflowEnvironment;
  client: Client;
  taskQueue: string;
}

export interface Scenario {
  name: string;
  /** Which server records it: the time-skipping test server (real calendar in seconds) or the dev server (real time). */
  server: 'time-skipping' | 'dev';
  what: string;
  /** Runs the scenario; returns the workflow id whose history is stored. */
  run(ctx: ScenarioContext): Promise<string>;
  /**
   * The first version whose code the scenario runs on (absent: every version): a scenario of a
   * workflow added later is recorded from that version on.
   */
  since?: number;
}

type Handle = WorkflowHandle<typeof measureWorkflow>;

async function start(ctx: ScenarioContext, input: MeasureWorkflowInput, suffix = ''): Promise<Handle> {
  const workflowId = measureWorkflowId(input.organizationCode, input.fiscalYear, input.measure.code) + suffix;
  return ctx.client.workflow.start<typeof measureWorkflow>(MEASURE_WORKFLOW_TYPE, {
    taskQueue: ctx.taskQueue,
    workflowId,
    args: [input],
  });
}

const state = (h: Handle): Promise<MeasureState> => h.query(measureStateQuery);

/** Moves the time-skipping server's clock to `iso` (+ plusMs). */
async function sleepUntil(ctx: ScenarioContext, iso: string, plusMs = 1000): Promise<void> {
  const ms = Date.parse(iso) + plusMs - (await ctx.env.currentTimeMs());
  if (ms > 0) await ctx.env.sleep(ms);
}

/** The next fiscal year by the server's clock (a time-skipping server may already be years ahead). */
async function nextFiscalYear(ctx: ScenarioContext): Promise<FiscalCalendar> {
  return fiscalCalendar(fiscalYearOf(new Date(await ctx.env.currentTimeMs())) + 1);
}

const evidence = (key: string) => [
  { kind: 'link' as const, url: `https://www.tceb.or.th/ita/${key}`, name: 'หลักฐานการดำเนินงาน', guidelines: [1] },
];

async function submit(h: Handle, task: TaskState, actor: Actor = staff(task.unitCode)): Promise<void> {
  await h.executeUpdate(submitTaskUpdate, {
    args: [
      {
        actor,
        taskKey: task.key,
        note: `ไตรมาสที่ ${task.quarter}: ดำเนินการตามขั้นตอนที่ ${task.stepNumber} แล้ว`,
        progress: 'done',
        evidence: evidence(task.key),
      },
    ],
  });
}

async function approve(h: Handle, task: TaskState, actor: Actor = head(task.unitCode)): Promise<void> {
  await h.executeUpdate(approveTaskUpdate, { args: [{ actor, taskKey: task.key }] });
}

/** Every open task of a quarter is submitted and approved; the first one is returned once on the way. */
async function workQuarter(h: Handle, quarter: number, returnFirst = true): Promise<void> {
  const tasks = (await state(h)).tasks.filter(
    (t) => t.quarter === quarter && (t.status === 'open' || t.status === 'returned'),
  );
  for (const [i, task] of tasks.entries()) {
    await submit(h, task);
    if (returnFirst && i === 0) {
      await h.executeUpdate(returnTaskUpdate, {
        args: [{ actor: head(task.unitCode), taskKey: task.key, reason: 'แนบรายงานการประชุมด้วย' }],
      });
      await submit(h, task);
    }
    await approve(h, task);
  }
}

async function awaitQuarter(ctx: ScenarioContext, h: Handle, calendar: FiscalCalendar, quarter: number): Promise<void> {
  await sleepUntil(ctx, calendar.quarters[quarter - 1].start);
  await eventually(async () => {
    if ((await state(h)).currentQuarter !== quarter) throw new Error(`quarter ${quarter} has not opened`);
  }, 30_000);
}

async function awaitReport(h: Handle, key: string, status = 'open'): Promise<void> {
  await eventually(async () => {
    if (!(await state(h)).reports.some((r) => r.key === key && r.status === status))
      throw new Error(`report ${key} is not ${status}`);
  }, 30_000);
}

/** A seed measure with its own units, started on the next real fiscal year unless a calendar is given. */
async function startSeed(
  ctx: ScenarioContext,
  code: string,
  calendar?: FiscalCalendar,
  policy: Partial<MeasureWorkflowInput['policy']> = {},
  suffix = '',
) {
  const m = seedMeasure(code);
  const input = measureInput(m, seedUnits(m), calendar ?? (await nextFiscalYear(ctx)), policy);
  return { m, calendar: input.calendar, h: await start(ctx, input, suffix) };
}

/** A report submitted by `by` (with `summary` if given) and approved by the Deputy Director. */
async function deliverReport(h: Handle, reportKey: string, by: Actor, summary?: string): Promise<void> {
  await h.executeUpdate(submitReportUpdate, { args: [{ actor: by, reportKey, summary }] });
  await h.executeUpdate(approveReportUpdate, { args: [{ actor: deputy, reportKey }] });
}

/** Every report still open (e.g. another line of a cadence) is submitted by one of its own units and approved. */
async function deliverOpenReports(h: Handle): Promise<void> {
  for (const r of (await state(h)).reports.filter((x) => x.status === 'open'))
    await deliverReport(h, r.key, staff(r.units[0]));
}

/** A command the measure must refuse (its validator rejects it; nothing is recorded). */
async function refused(command: Promise<unknown>, what: string): Promise<void> {
  const outcome = await command.then(
    () => 'accepted',
    () => 'refused',
  );
  if (outcome !== 'refused') throw new Error(`${what} was accepted`);
}

async function expectCompleted(h: Handle): Promise<void> {
  const final = await h.result();
  if (final.status !== 'completed') throw new Error(`expected the year to complete, got ${final.status}`);
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'seed-largest-measure-year',
    server: 'time-skipping',
    what: "The seed's largest measure (I8+I12, all 7 units) through a whole real fiscal year: its step owners give 44 tasks (from v4; 140 before, when every unit got every step), every one submitted and approved (some returned first); both 6-monthly reports approved by the Deputy Director under his delegation, the second after a return, and (from v4) Internal Audit's own 6-monthly reports to the executives beside them.",
    async run(ctx) {
      // A notifier left by an earlier scenario polls another task queue: this one starts its own.
      await ctx.client.workflow
        .getHandle(notifierWorkflowId(ORG))
        .terminate('a notifier of its own for this scenario')
        .catch(() => undefined);
      const { h, calendar } = await startSeed(ctx, 'M05-I8-I12');
      for (const q of [1, 2, 3, 4]) {
        await awaitQuarter(ctx, h, calendar, q);
        await workQuarter(h, q);
        if (q === 3) {
          await deliverReport(h, 'semiannual-1', head('PLAN_BUDGET'));
          await deliverOpenReports(h);
        }
      }
      await sleepUntil(ctx, calendar.end);
      await awaitReport(h, 'semiannual-2');
      await h.executeUpdate(submitReportUpdate, {
        args: [{ actor: staff('INTERNAL_AUDIT'), reportKey: 'semiannual-2', summary: 'สรุปผลรอบ 6 เดือนหลัง' }],
      });
      await h.executeUpdate(returnReportUpdate, {
        args: [{ actor: deputy, reportKey: 'semiannual-2', comments: 'ขอตัวเลขการใช้จ่ายจริงเทียบแผน' }],
      });
      await deliverReport(h, 'semiannual-2', staff('INTERNAL_AUDIT'), 'สรุปผลรอบ 6 เดือนหลัง พร้อมตัวเลขการใช้จ่ายจริง');
      await deliverOpenReports(h);
      await expectCompleted(h);
      return h.workflowId;
    },
  },
  {
    name: 'step-owners-and-lead-unit',
    server: 'time-skipping',
    what: "M08-I24 (v4): its steps 1–2 are Procurement's and step 3 Internal Audit's, so Q1 opens 3 tasks, not 6; a planner moves step 3 out of Q1 (its task withdrawn) and back (reopened for Internal Audit alone), and adds Corporate Communications, which owns no step and gets no task; the lead unit (Procurement) makes the 6-monthly report, which Internal Audit may not; terminated in Q3.",
    async run(ctx) {
      const { m, h, calendar } = await startSeed(ctx, 'M08-I24');
      await awaitQuarter(ctx, h, calendar, 1);
      const q1 = async () =>
        (await state(h)).tasks
          .filter((t) => t.quarter === 1 && t.status !== 'withdrawn')
          .map((t) => t.key)
          .join(' ');
      const expected = 'Q1-S1-PROCUREMENT Q1-S2-PROCUREMENT Q1-S3-INTERNAL_AUDIT';
      if ((await q1()) !== expected) throw new Error(`Q1 opened ${await q1()}, not ${expected}`);
      const amend = (change: unknown, reason: string) =>
        h.executeUpdate(amendMeasureUpdate, { args: [{ actor: planner, change: change as never, reason }] });
      await amend({ kind: 'set-step-quarters', stepNumber: 3, quarters: [2, 3, 4] }, 'เลื่อนการตรวจสอบทรัพย์สิน');
      await amend({ kind: 'set-step-quarters', stepNumber: 3, quarters: [1, 2, 3, 4] }, 'ตรวจสอบตามแผนเดิม');
      await amend(
        { kind: 'set-units', units: [...seedUnits(m), { code: 'CORP_COMMS', name: 'ส่วนงานสื่อสารองค์กร' }] },
        'ให้ส่วนงานสื่อสารองค์กรร่วมเผยแพร่',
      );
      if ((await q1()) !== expected) throw new Error(`after the amendments Q1 has ${await q1()}, not ${expected}`);
      await workQuarter(h, 1);
      await awaitQuarter(ctx, h, calendar, 2);
      await workQuarter(h, 2, false);
      await awaitQuarter(ctx, h, calendar, 3);
      await awaitReport(h, 'semiannual-1');
      await refused(
        h.executeUpdate(submitReportUpdate, { args: [{ actor: staff('INTERNAL_AUDIT'), reportKey: 'semiannual-1' }] }),
        "Internal Audit's submission of the lead unit's report",
      );
      await deliverReport(h, 'semiannual-1', head('PROCUREMENT'), 'สรุปผลการกำกับการใช้ทรัพย์สินรอบ 6 เดือนแรก');
      await h.terminate('recorded');
      return h.workflowId;
    },
  },
  {
    name: 'escalation-levels-and-returned-report',
    server: 'time-skipping',
    what: 'M01-I7 with one unit: the first 6-monthly report is late, escalates at levels 1 to 3, is submitted (resolving it), returned by the Deputy Director and left returned for a month, then resubmitted and approved; the year then completes.',
    async run(ctx) {
      // A notifier left by an earlier scenario polls another task queue: this one starts its own.
      await ctx.client.workflow
        .getHandle(notifierWorkflowId(ORG))
        .terminate('a notifier of its own for this scenario')
        .catch(() => undefined);
      const { h, calendar } = await startSeed(ctx, 'M01-I7');
      for (const q of [1, 2]) {
        await awaitQuarter(ctx, h, calendar, q);
        await workQuarter(h, q, q === 1);
      }
      const due = Date.parse(calendar.quarters[1].end) + 15 * DAY;
      await sleepUntil(ctx, new Date(due + 14 * DAY).toISOString(), 60_000);
      await eventually(async () => {
        if ((await state(h)).reports[0]?.escalation?.level !== 3) throw new Error('not yet at level 3');
      }, 30_000);
      await h.executeUpdate(submitReportUpdate, { args: [{ actor: staff('PLAN_BUDGET'), reportKey: 'semiannual-1' }] });
      await h.executeUpdate(returnReportUpdate, {
        args: [{ actor: deputy, reportKey: 'semiannual-1', comments: 'ขอเพิ่มร้อยละการเบิกจ่าย' }],
      });
      await sleepUntil(ctx, new Date(due + 45 * DAY).toISOString());
      await deliverReport(h, 'semiannual-1', head('PLAN_BUDGET'), 'เบิกจ่ายแล้วร้อยละ 48 ของแผน');
      for (const q of [3, 4]) {
        await awaitQuarter(ctx, h, calendar, q);
        await workQuarter(h, q, false);
      }
      await sleepUntil(ctx, calendar.end);
      await awaitReport(h, 'semiannual-2');
      await deliverReport(h, 'semiannual-2', staff('PLAN_BUDGET'));
      await expectCompleted(h);
      return h.workflowId;
    },
  },
  {
    name: 'amendments',
    server: 'time-skipping',
    what: 'M06-I11 (6-monthly and monthly reports): in Q1 a planner adds a step, moves one to other quarters, removes one, adds a unit and swaps the monthly cadence for a yearly one; work goes on into Q3, then the run is terminated.',
    async run(ctx) {
      const { m, h, calendar } = await startSeed(ctx, 'M06-I11');
      await awaitQuarter(ctx, h, calendar, 1);
      const amend = (change: unknown, reason: string) =>
        h.executeUpdate(amendMeasureUpdate, { args: [{ actor: planner, change: change as never, reason }] });
      await amend(
        { kind: 'add-step', text: 'ประชุมติดตามผลการดำเนินงานรายไตรมาส', quarters: [1, 2, 3, 4] },
        'ผู้บริหารสั่งการเพิ่มเติม',
      );
      await amend(
        { kind: 'set-step-quarters', stepNumber: m.steps[0].number, quarters: [1, 3] },
        'ปรับช่วงเวลาตามแผนงบประมาณ',
      );
      await amend({ kind: 'remove-step', stepNumber: m.steps[m.steps.length - 1].number }, 'ซ้ำกับมาตรการอื่น');
      await amend(
        { kind: 'set-units', units: [...seedUnits(m), { code: 'HR', name: 'งานทรัพยากรบุคคล ฝ่ายบริหาร' }] },
        'เพิ่มหน่วยงานรับผิดชอบ',
      );
      await workQuarter(h, 1);
      await sleepUntil(ctx, calendar.months[1].end, DAY);
      await amend({ kind: 'set-cadences', cadences: ['semiannual', 'yearly'] }, 'รายงานรายเดือนรวมไว้ในรายงานประจำปี');
      await awaitQuarter(ctx, h, calendar, 2);
      await workQuarter(h, 2, false);
      await awaitQuarter(ctx, h, calendar, 3);
      await awaitReport(h, 'semiannual-1');
      await deliverReport(h, 'semiannual-1', head('HR'));
      await h.terminate('recorded');
      return h.workflowId;
    },
  },
  {
    name: 'delegated-approvals',
    server: 'time-skipping',
    what: "M04-I3 with all 7 units: while the Planning section's head is away the HR head acts for him by a dated delegation (approves its tasks, submits its report); the Deputy Director returns and then approves the 6-monthly report under the Director's delegation; terminated in Q3.",
    async run(ctx) {
      // A notifier left by an earlier scenario polls another task queue: this one starts its own.
      await ctx.client.workflow
        .getHandle(notifierWorkflowId(ORG))
        .terminate('a notifier of its own for this scenario')
        .catch(() => undefined);
      const { h, calendar } = await startSeed(ctx, 'M04-I3');
      // The Planning section's head is away: the HR head acts for him, by a dated delegation.
      const actingHead: Actor = {
        ...head('HR'),
        grants: [{ ...standing('unit-head', 'PLAN_BUDGET'), from: calendar.start, until: calendar.quarters[2].start }],
      };
      for (const q of [1, 2]) {
        await awaitQuarter(ctx, h, calendar, q);
        const tasks = (await state(h)).tasks.filter((t) => t.quarter === q);
        for (const task of tasks) {
          await submit(h, task);
          await approve(h, task, task.unitCode === 'PLAN_BUDGET' ? actingHead : head(task.unitCode));
        }
      }
      await sleepUntil(ctx, calendar.quarters[1].end, DAY);
      await awaitReport(h, 'semiannual-1');
      await h.executeUpdate(submitReportUpdate, {
        args: [{ actor: actingHead, reportKey: 'semiannual-1', summary: 'รายงานโดยผู้รักษาการแทนหัวหน้าส่วนงาน' }],
      });
      await h.executeUpdate(returnReportUpdate, {
        args: [{ actor: deputy, reportKey: 'semiannual-1', comments: 'ขอรายละเอียดของทุกส่วนงาน' }],
      });
      await h.executeUpdate(submitReportUpdate, { args: [{ actor: head('PLAN_BUDGET'), reportKey: 'semiannual-1' }] });
      await h.executeUpdate(approveReportUpdate, {
        args: [{ actor: deputy, reportKey: 'semiannual-1', comments: 'อนุมัติ' }],
      });
      await awaitQuarter(ctx, h, calendar, 3);
      await h.terminate('recorded');
      return h.workflowId;
    },
  },
  {
    name: 'late-activation-catch-up',
    server: 'time-skipping',
    what: 'M02-I14 activated 220 days into its year: Q1 and Q2 open and close at once (tasks overdue), the first 6-monthly report opens, falls due and escalates with the missed repeats caught up in one change; the unit then works its overdue tasks and submits the report; terminated in Q4.',
    async run(ctx) {
      const now = await ctx.env.currentTimeMs();
      const { h, calendar } = await startSeed(
        ctx,
        'M02-I14',
        compressedFiscalCalendar(fiscalYearOf(new Date(now)) + 1, new Date(now - 220 * DAY), 91 * DAY),
      );
      await eventually(async () => {
        if ((await state(h)).reports[0]?.escalation === undefined) throw new Error('no escalation yet');
      }, 30_000);
      for (const q of [1, 2, 3]) await workQuarter(h, q, q === 1);
      await deliverReport(h, 'semiannual-1', staff('HR'));
      await awaitQuarter(ctx, h, calendar, 4);
      await h.terminate('recorded');
      return h.workflowId;
    },
  },
  {
    name: 'command-retried-across-runs',
    server: 'time-skipping',
    what: 'M01-I7: a task submitted in Q1 under an update id is sent again with the same id after the measure has continued as new into Q2 (a client retrying after a lost answer); it is answered with the task and not applied again. Terminated in Q2.',
    async run(ctx) {
      // A notifier left by an earlier scenario polls another task queue: this one starts its own.
      await ctx.client.workflow
        .getHandle(notifierWorkflowId(ORG))
        .terminate('a notifier of its own for this scenario')
        .catch(() => undefined);
      const { h, calendar } = await startSeed(ctx, 'M01-I7');
      await awaitQuarter(ctx, h, calendar, 1);
      const [task] = (await state(h)).tasks;
      const command = {
        actor: staff(task.unitCode),
        taskKey: task.key,
        note: 'ส่งครั้งเดียว',
        progress: 'done' as const,
        evidence: evidence(task.key),
      };
      await h.executeUpdate(submitTaskUpdate, { args: [command], updateId: 'retried-submission' });
      await awaitQuarter(ctx, h, calendar, 2);
      const before = await state(h);
      const again = await ctx.client.workflow
        .getHandle<typeof measureWorkflow>(h.workflowId)
        .executeUpdate(submitTaskUpdate, { args: [command], updateId: 'retried-submission' });
      const after = await state(h);
      if (again.status !== 'submitted' || after.seq !== before.seq)
        throw new Error(`the retried command was applied again (seq ${before.seq} → ${after.seq})`);
      await approve(h, task);
      await h.terminate('recorded');
      return h.workflowId;
    },
  },
  {
    name: 'year-closed-with-undelivered-report',
    server: 'time-skipping',
    what: "M02-I14 (v5) through a whole real fiscal year: Q1 and Q2 worked; the first 6-monthly report is never delivered and escalates to level 3 and on; in Q3 one task is submitted and never decided, the rest and Q4 left undone; the second 6-monthly report is submitted and never decided. Closing is refused before the year's end and to a unit head; after it the Deputy Director closes the year: the undelivered report is recorded not delivered, its escalation ends, the tasks not done and not decided are recorded so, and the workflow completes.",
    async run(ctx) {
      // A notifier left by an earlier scenario polls another task queue: this one starts its own.
      await ctx.client.workflow
        .getHandle(notifierWorkflowId(ORG))
        .terminate('a notifier of its own for this scenario')
        .catch(() => undefined);
      const { h, calendar } = await startSeed(ctx, 'M02-I14');
      for (const q of [1, 2]) {
        await awaitQuarter(ctx, h, calendar, q);
        await workQuarter(h, q, q === 1);
      }
      const due = Date.parse(calendar.quarters[1].end) + 15 * DAY;
      await sleepUntil(ctx, new Date(due + 14 * DAY).toISOString(), 60_000);
      await eventually(async () => {
        if ((await state(h)).reports[0]?.escalation?.level !== 3) throw new Error('not yet at level 3');
      }, 30_000);
      await awaitQuarter(ctx, h, calendar, 3);
      const [q3] = (await state(h)).tasks.filter((t) => t.quarter === 3);
      await submit(h, q3);
      await awaitQuarter(ctx, h, calendar, 4);
      await refused(
        h.executeUpdate(closeYearUpdate, { args: [{ actor: deputy }] }),
        "closing the year before it's over",
      );
      await sleepUntil(ctx, calendar.end);
      await awaitReport(h, 'semiannual-2');
      await h.executeUpdate(submitReportUpdate, { args: [{ actor: staff('HR'), reportKey: 'semiannual-2' }] });
      await sleepUntil(ctx, new Date(Date.parse(calendar.end) + 20 * DAY).toISOString());
      await refused(
        h.executeUpdate(closeYearUpdate, { args: [{ actor: head('HR') }] }),
        "a unit head's closing of the year",
      );
      const closed = await h.executeUpdate(closeYearUpdate, { args: [{ actor: deputy }] });
      if (closed.reportsNotDelivered.join() !== 'semiannual-1' || closed.escalationsEnded.join() !== 'semiannual-1')
        throw new Error(`the closing recorded ${JSON.stringify(closed)}`);
      const final = await h.result();
      if (final.status !== 'completed' || !final.closed)
        throw new Error(`expected the year closed, got ${final.status}`);
      return h.workflowId;
    },
  },
  {
    name: 'dev-server-compressed-year',
    server: 'dev',
    what: 'M01-I7 on the dev server (as production records histories) on a compressed calendar of 4-second quarters: every task worked, both reports submitted and approved; the year completes.',
    async run(ctx) {
      const { h } = await startSeed(
        ctx,
        'M01-I7',
        compressedFiscalCalendar(2599, new Date(Date.now() + 500), 4000),
        { reportGraceDays: 10 },
        `/${Date.now()}`,
      );
      for (const q of [1, 2, 3, 4]) {
        await eventually(async () => {
          const s = await state(h);
          if (!s.quarters[q - 1].opened) throw new Error(`quarter ${q} has not opened`);
        }, 30_000);
        await workQuarter(h, q, q === 1);
        if (q === 3) {
          await awaitReport(h, 'semiannual-1');
          await h.executeUpdate(submitReportUpdate, {
            args: [{ actor: staff('PLAN_BUDGET'), reportKey: 'semiannual-1' }],
          });
          await h.executeUpdate(approveReportUpdate, { args: [{ actor: deputy, reportKey: 'semiannual-1' }] });
        }
      }
      await awaitReport(h, 'semiannual-2');
      await deliverReport(h, 'semiannual-2', staff('PLAN_BUDGET'));
      await expectCompleted(h);
      return h.workflowId;
    },
  },
  {
    name: 'organization-notifier',
    server: 'dev',
    since: 6,
    what: "TCEB's notifier on the dev server while M01-I7 runs two quarters of a compressed calendar (4-second quarters) in which nobody works: woken (and started) by the projection's signals, it plans the digests, the reminders and the overdue notices and delivers each mail (to a real SMTP server); its history is stored open, as a running notifier's would be replayed.",
    async run(ctx) {
      // A notifier left by an earlier scenario polls another task queue: this one starts its own.
      await ctx.client.workflow
        .getHandle(notifierWorkflowId(ORG))
        .terminate('a notifier of its own for this scenario')
        .catch(() => undefined);
      const { h, calendar } = await startSeed(
        ctx,
        'M01-I7',
        compressedFiscalCalendar(2598, new Date(Date.now() + 500), 4000),
        { reportGraceDays: 10 },
        `/notifier-${Date.now()}`,
      );
      await eventually(async () => {
        const s = await state(h);
        if (!s.quarters[1].closed) throw new Error('quarter 2 has not closed');
      }, 30_000);
      await h.terminate('recorded');
      // Let the notifier plan and deliver what the quarters' ends brought, then store it as it stands.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, Date.parse(calendar.quarters[1].end) + 3000 - Date.now())),
      );
      return notifierWorkflowId(ORG);
    },
  },
];
