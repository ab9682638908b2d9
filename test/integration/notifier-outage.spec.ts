/**
 * The organization's notifier on a real Temporal dev server, a real database and a real mail
 * server (Mailpit): a measure on a compressed year opens its tasks (one digest per person), and
 * the mail server is stopped while the reminders and the overdue notice fall due. The mails wait
 * (their attempts are counted), and once the server is back every mail arrives exactly once:
 * counted by kind and by recipient, and by Message-ID. The measure's change wakes (and starts) the
 * notifier through signalWithStart from the projection, as in production.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { MeasureProjectionActivities } from '../../apps/worker/src/measure-projection.activities';
import { NotificationActivities } from '../../apps/worker/src/notification.activities';
import { notifierWaker } from '../../apps/worker/src/notifier-waker';
import type { AppConfig } from '@ita/config/app-config';
import { MEASURE_WORKFLOW_TYPE, measureWorkflowId } from '@ita/contracts/measure.contracts';
import { notifierWorkflowId } from '@ita/contracts/notification.contracts';
import { WORKFLOWS_PATH } from '@ita/contracts/temporal-connection';
import { openDatabase } from '@ita/persistence/data-source';
import { buildRepositories } from '@ita/persistence/repositories';
import type { measureWorkflow } from '../../workflows/measure.workflow';
import { measureInput } from '../histories/scenarios';
import { startMailpit, type Mailpit } from '../support/mailpit';
import { readPlan, SMALL_PLAN_FILE, storePlan } from '../support/seed-plan';
import { compressedCalendar, startDevServer } from '../support/temporal';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { eventually, sleep } from '../support/wait';

const TASK_QUEUE = 'notifier-outage';
/**
 * A quarter of 45.5 s: a day is 0.5 s, so the 7-day reminder falls 3.5 s before the quarter ends,
 * and Q2's first reminder comes some 20 s after this test has counted its mails.
 */
const QUARTER_MS = 45_500;
const plan = readPlan(SMALL_PLAN_FILE);
const measure = plan.measures.find((m) => m.code === 'M01-I7')!;
const PEOPLE = [
  { username: 'pb.head', role: 'unit-head', unitCode: 'PLAN_BUDGET', email: 'pb.head@test-org.example' },
  { username: 'pb.staff', role: 'unit-staff', unitCode: 'PLAN_BUDGET', email: 'pb.staff@test-org.example' },
  { username: 'hr.head', role: 'unit-head', unitCode: 'HR', email: 'hr.head@test-org.example' },
  { username: 'test.director', role: 'director', unitCode: null, email: 'director@test-org.example' },
] as const;

let db: TestDatabase;
let dataSource: DataSource;
let env: TestWorkflowEnvironment;
let mailpit: Mailpit;

beforeAll(async () => {
  db = await createTestDatabase();
  dataSource = await openDatabase(db.config);
  await storePlan(dataSource, plan);
  const repos = buildRepositories(dataSource);
  const org = (await repos.plans.findOrganization(plan.organization.code))!;
  for (const p of PEOPLE)
    await repos.identity.saveUser(
      org,
      { ...p, displayName: `คุณ ${p.username}`, passwordHash: null },
      { id: 'operator:test', role: 'operator' },
    );
  // Reminders 7 and 3 days before: the last one comes 1.3 s before its due instant on this calendar,
  // so a worker a little late under load still writes it in time.
  await dataSource.query("UPDATE organization SET reminder_days = '7,3' WHERE code = ?", [plan.organization.code]);
  [env, mailpit] = await Promise.all([startDevServer(), startMailpit()]);
});
afterAll(async () => {
  await mailpit?.close();
  await env?.teardown();
  await dataSource?.destroy();
  await db?.drop();
});

const mailRows = (): Promise<Array<{ id: string; kind: string; status: string; attempts: number }>> =>
  dataSource.query('SELECT id, kind, status, attempts FROM mail_outbox ORDER BY created_at');

it('delays mail through a mail-server outage and delivers every mail exactly once', async () => {
  const repos = buildRepositories(dataSource);
  const config = { mail: { smtpUrl: mailpit.smtpUrl, appUrl: 'http://ita.test' } } as AppConfig;
  const notifications = new NotificationActivities(repos.notifications, config);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    workflowsPath: WORKFLOWS_PATH,
    activities: {
      ...new MeasureProjectionActivities(repos.projection, notifierWaker(TASK_QUEUE)).asActivities(),
      ...notifications.asActivities(),
    },
  });
  const calendar = compressedCalendar(plan.fiscalYear, QUARTER_MS, 1000);
  const q1End = Date.parse(calendar.quarters[0].end);
  const units = [{ code: 'PLAN_BUDGET', name: 'ส่วนงานแผนงานและการงบประมาณ' }];
  await worker.runUntil(async () => {
    await env.client.workflow.start<typeof measureWorkflow>(MEASURE_WORKFLOW_TYPE, {
      taskQueue: TASK_QUEUE,
      workflowId: measureWorkflowId(plan.organization.code, plan.fiscalYear, measure.code),
      args: [{ ...measureInput(measure, units, calendar), organizationCode: plan.organization.code }],
    });
    // Q1's task of step 1 opens for PLAN_BUDGET: one digest for its head and one for its staff.
    await mailpit.waitForMessages(2, 20_000);
    expect((await mailpit.messages()).map((m) => m.subject).sort()).toEqual([
      '[ITA] สรุปงานใหม่ประจำวัน 1 รายการ',
      '[ITA] สรุปงานใหม่ประจำวัน 1 รายการ',
    ]);
    // The notifier was started by the measure's change, under its one id per organization.
    await env.client.workflow.getHandle(notifierWorkflowId(plan.organization.code)).describe();

    await mailpit.deleteAll();
    await mailpit.stop();
    // Q1's reminders (7 and 3 days before) and its overdue notice fall due while it is down,
    // and so does the digest of Q2's task, opened as Q1 closes.
    await sleep(Math.max(0, q1End + 1500 - Date.now()));
    await eventually(async () => {
      const waiting = (await mailRows()).filter((m) => m.status === 'pending');
      expect(waiting.map((m) => m.kind).sort()).toEqual([
        'digest',
        'digest',
        'task-overdue',
        'task-overdue',
        'task-reminder',
        'task-reminder',
        'task-reminder',
        'task-reminder',
      ]);
      expect(waiting.every((m) => m.attempts >= 1)).toBe(true);
    }, 20_000);
    await mailpit.start();
    await mailpit.waitForMessages(8, 90_000);
    // Nothing more comes once everything is delivered (a retry of a sent mail sends nothing).
    await sleep(3000);
    const delivered = await mailpit.messages();
    const count = (key: (m: (typeof delivered)[number]) => string) =>
      delivered.reduce<Record<string, number>>((n, m) => ({ ...n, [key(m)]: (n[key(m)] ?? 0) + 1 }), {});
    expect(count((m) => `${m.to.join(',')} ${m.subject.replace(/ขั้นตอน.*$/, '')}`)).toEqual({
      'pb.head@test-org.example [ITA] สรุปงานใหม่ประจำวัน 1 รายการ': 1,
      'pb.staff@test-org.example [ITA] สรุปงานใหม่ประจำวัน 1 รายการ': 1,
      'pb.head@test-org.example [ITA] เตือน: อีก 7 วันครบกำหนด มาตรการ M01-I7 ': 1,
      'pb.head@test-org.example [ITA] เตือน: อีก 3 วันครบกำหนด มาตรการ M01-I7 ': 1,
      'pb.head@test-org.example [ITA] เลยกำหนด: มาตรการ M01-I7 ': 1,
      'pb.staff@test-org.example [ITA] เตือน: อีก 7 วันครบกำหนด มาตรการ M01-I7 ': 1,
      'pb.staff@test-org.example [ITA] เตือน: อีก 3 วันครบกำหนด มาตรการ M01-I7 ': 1,
      'pb.staff@test-org.example [ITA] เลยกำหนด: มาตรการ M01-I7 ': 1,
    });
    expect(new Set(delivered.map((m) => m.messageId)).size).toBe(delivered.length);
    expect((await mailRows()).every((m) => m.status === 'sent')).toBe(true);
    // Nobody outside the owning unit was told of its task.
    const told = await dataSource.query(
      'SELECT DISTINCT u.username FROM notification n JOIN user_account u ON u.id = n.user_id',
    );
    expect(told.map((r: { username: string }) => r.username).sort()).toEqual(['pb.head', 'pb.staff']);
  });
}, 180_000);
