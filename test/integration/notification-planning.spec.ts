/**
 * The notifier's planning on a real database (SQLite, or MariaDB with TEST_DATABASE_URL), without
 * Temporal: measure changes written by the real projection become notifications for exactly the
 * right people, each once however often planning runs; a person's choices (language, hour, kinds
 * by e-mail) are honoured; the day's new tasks wait for the digest hour and go in one mail; the
 * reminders fall at their instants and the next one is announced; an acting head is told while
 * his delegation lasts; a webhook post is written once per change.
 */
import { DataSource } from 'typeorm';
import type { AuditRecord, ProjectionBatch } from '@ita/contracts/measure.contracts';
import type { TaskState } from '@ita/domain/measure/measure.types';
import { openDatabase } from '@ita/persistence/data-source';
import { buildRepositories, Repositories } from '@ita/persistence/repositories';
import { readPlan, SMALL_PLAN_FILE, storePlan } from '../support/seed-plan';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const plan = readPlan(SMALL_PLAN_FILE);
const ORG = plan.organization.code;
const WF = `measure/${ORG}/${plan.fiscalYear}/M01-I7`;
const DAY = 86_400_000;
/** A real calendar: Q1 of FY2565 opens 1 October 2021, 00:00 Bangkok, and its tasks are due 1 January 2022. */
const Q1_START = '2021-09-30T17:00:00.000Z';
const Q1_DUE = '2021-12-31T17:00:00.000Z';
const OPTIONS = { mailEnabled: true, appUrl: 'http://ita.test' };

let db: TestDatabase;
let dataSource: DataSource;
let repos: Repositories;
let seq = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  dataSource = await openDatabase(db.config);
  await storePlan(dataSource, plan);
  repos = buildRepositories(dataSource);
  const org = (await repos.plans.findOrganization(ORG))!;
  const people = [
    ['pb.head', 'unit-head', 'PLAN_BUDGET'],
    ['pb.staff', 'unit-staff', 'PLAN_BUDGET'],
    ['pb.english', 'unit-staff', 'PLAN_BUDGET'],
    ['pb.nomail', 'unit-staff', 'PLAN_BUDGET'],
    ['hr.head', 'unit-head', 'HR'],
    ['director', 'director', null],
  ] as const;
  for (const [username, role, unitCode] of people)
    await repos.identity.saveUser(
      org,
      { username, role, unitCode, displayName: `คุณ ${username}`, email: `${username}@x.example`, passwordHash: null },
      { id: 'operator:test', role: 'operator' },
    );
  const id = async (u: string) => (await repos.identity.findUser(u))!.id;
  await repos.notifications.savePreferences(
    await id('pb.english'),
    { language: 'en', digestHour: 17, emailKinds: ['task-opened', 'task-reminder'] },
    '2021-09-01T00:00:00.000Z',
  );
  await repos.notifications.savePreferences(
    await id('pb.nomail'),
    { language: 'th', digestHour: 8, emailKinds: [] },
    '2021-09-01T00:00:00.000Z',
  );
  // HR's head acts as PLAN_BUDGET's head in the first half of October.
  await repos.identity.createDelegation(
    org,
    {
      kind: 'unit-head',
      unitCode: 'PLAN_BUDGET',
      delegator: 'pb.head',
      delegate: 'hr.head',
      startsOn: '2021-10-01',
      endsOn: '2021-10-15',
      reason: 'ลาพักร้อน',
    },
    { id: 'operator:test', role: 'operator' },
  );
});
afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

const task = (over: Partial<TaskState> = {}): TaskState => ({
  key: 'Q1-S1-PLAN_BUDGET',
  quarter: 1,
  stepNumber: 1,
  unitCode: 'PLAN_BUDGET',
  status: 'open',
  overdue: false,
  openedAt: Q1_START,
  dueAt: Q1_DUE,
  returnCount: 0,
  ...over,
});

/** One change of the measure, written by the real projection (read model, audit, notification outbox). */
async function project(action: AuditRecord['action'], t: TaskState, at: string, actorId = 'system') {
  seq += 1;
  const batch: ProjectionBatch = {
    workflowId: WF,
    runId: 'run-1',
    eventId: seq,
    organizationCode: ORG,
    fiscalYear: plan.fiscalYear,
    measureCode: 'M01-I7',
    seq,
    at,
    measure: {
      status: 'running',
      currentQuarter: 1,
      quarterStatuses: { 1: 'in-progress', 2: 'not-started', 3: 'not-started', 4: 'not-started' },
      planRevision: 1,
      dayMs: DAY,
    },
    tasks: [t],
    reports: [],
    audit: [
      {
        action,
        actorId,
        actorRole: actorId === 'system' ? 'system' : 'unit-staff',
        actorUnit: null,
        entity: 'task',
        key: t.key,
        before: null,
        after: t,
        at,
      },
    ],
  };
  await repos.projection.applyProjection(batch);
  return batch;
}

const plans = (now: string) => repos.notifications.plan(ORG, now, OPTIONS);
const notified = async () =>
  (await dataSource.query(
    `SELECT u.username AS who, n.kind AS kind, n.language AS lang, n.mail_id AS mail, n.digest_at AS digest, n.title AS title
       FROM notification n JOIN user_account u ON u.id = n.user_id ORDER BY u.username, n.kind, n.created_at`,
  )) as Array<{ who: string; kind: string; lang: string; mail: string | null; digest: string | null; title: string }>;
const mails = async () =>
  (await dataSource.query(
    'SELECT to_address AS "to", kind, subject FROM mail_outbox ORDER BY to_address, created_at',
  )) as Array<{
    to: string;
    kind: string;
    subject: string;
  }>;

it("tells the unit of a new task once, in each person's language, and gathers it into the digest at each person's hour", async () => {
  await project('task.opened', task(), Q1_START);
  const first = await plans('2021-09-30T17:00:01.000Z');
  await plans('2021-09-30T17:00:02.000Z'); // planning again writes nothing twice
  const rows = await notified();
  expect(rows.map((r) => [r.who, r.kind, r.lang])).toEqual([
    ['hr.head', 'task-opened', 'th'], // acting head of PLAN_BUDGET on 1 October
    ['pb.english', 'task-opened', 'en'],
    ['pb.head', 'task-opened', 'th'],
    ['pb.nomail', 'task-opened', 'th'],
    ['pb.staff', 'task-opened', 'th'],
  ]);
  expect(rows.find((r) => r.who === 'pb.english')!.title).toBe(
    'New task: measure M01-I7 step 1, Q1 (ส่วนงานแผนงานและการงบประมาณ)',
  );
  // Digests wait: 08:00 Bangkok of 1 October for most, 17:00 for the one who chose it; none for who chose no mail.
  expect(Object.fromEntries(rows.map((r) => [r.who, r.digest]))).toEqual({
    'hr.head': '2021-10-01T01:00:00.000Z',
    'pb.english': '2021-10-01T10:00:00.000Z',
    'pb.head': '2021-10-01T01:00:00.000Z',
    'pb.nomail': null,
    'pb.staff': '2021-10-01T01:00:00.000Z',
  });
  expect(first.nextAt).toBe('2021-10-01T01:00:00.000Z');
  expect(await mails()).toEqual([]);

  const at8 = await plans('2021-10-01T01:00:00.000Z');
  expect((await mails()).map((m) => [m.to, m.kind, m.subject])).toEqual([
    ['hr.head@x.example', 'digest', '[ITA] สรุปงานใหม่ประจำวัน 1 รายการ'],
    ['pb.head@x.example', 'digest', '[ITA] สรุปงานใหม่ประจำวัน 1 รายการ'],
    ['pb.staff@x.example', 'digest', '[ITA] สรุปงานใหม่ประจำวัน 1 รายการ'],
  ]);
  expect(at8.nextAt).toBe('2021-10-01T10:00:00.000Z');
  expect(at8.deliveries.map((d) => d.channel)).toEqual(['mail', 'mail', 'mail']);
  await plans('2021-10-01T10:00:00.000Z');
  expect((await mails()).filter((m) => m.to === 'pb.english@x.example').map((m) => m.subject)).toEqual([
    '[ITA] Daily digest: 1 new task',
  ]);
});

it('asks the head (and the acting head, while his delegation lasts) to approve, and returns to the submitter with the reason', async () => {
  const submitted = task({ status: 'submitted', submittedBy: 'pb.staff', submittedAt: '2021-10-05T03:00:00.000Z' });
  await project('task.submitted', submitted, '2021-10-05T03:00:00.000Z', 'pb.staff');
  await plans('2021-10-05T03:00:01.000Z');
  const returned = { ...submitted, status: 'returned' as const, returnReason: 'แนบภาพถ่ายการประชุม' };
  await project('task.returned', returned, '2021-10-20T03:00:00.000Z', 'pb.head');
  await plans('2021-10-20T03:00:01.000Z');
  const rows = (await notified()).filter((r) => r.kind !== 'task-opened');
  expect(rows.map((r) => [r.who, r.kind])).toEqual([
    ['hr.head', 'task-submitted'],
    ['pb.head', 'task-submitted'],
    ['pb.staff', 'task-returned'],
  ]);
  const sent = await mails();
  expect(sent.filter((m) => m.kind === 'task-submitted').map((m) => m.to)).toEqual([
    'hr.head@x.example',
    'pb.head@x.example',
  ]);
  expect(sent.find((m) => m.kind === 'task-returned')!.subject).toBe(
    '[ITA] ส่งกลับแก้ไข: มาตรการ M01-I7 ขั้นตอนที่ 1 ไตรมาสที่ 1 (ส่วนงานแผนงานและการงบประมาณ)',
  );
});

it("reminds 7 days and 1 day before the due date at each person's hour, once each, and announces the next one", async () => {
  const before7 = await plans('2021-12-24T00:00:00.000Z');
  expect(before7.nextAt).toBe('2021-12-25T01:00:00.000Z'); // 08:00 Bangkok on 25 December
  await plans('2021-12-25T01:00:00.000Z');
  await plans('2021-12-25T01:00:00.000Z');
  const reminders = (await notified()).filter((r) => r.kind === 'task-reminder');
  // The task is returned (still to do): its unit is reminded; HR's head no longer acts for it.
  expect(reminders.map((r) => r.who)).toEqual(['pb.head', 'pb.nomail', 'pb.staff']);
  const next = await plans('2021-12-25T01:00:01.000Z');
  expect(next.nextAt).toBe('2021-12-25T10:00:00.000Z'); // pb.english's 17:00
  await plans('2021-12-31T10:00:00.000Z');
  const all = (await notified()).filter((r) => r.kind === 'task-reminder');
  expect(all.map((r) => r.who)).toEqual([
    'pb.english',
    'pb.english',
    'pb.head',
    'pb.head',
    'pb.nomail',
    'pb.nomail',
    'pb.staff',
    'pb.staff',
  ]);
  expect((await mails()).filter((m) => m.kind === 'task-reminder').map((m) => m.subject)).toContain(
    '[ITA] Reminder: measure M01-I7 step 1, Q1 (ส่วนงานแผนงานและการงบประมาณ) is due in 1 day',
  );
  expect((await mails()).filter((m) => m.to === 'pb.nomail@x.example')).toEqual([]);
});

it('writes one webhook post per change, whatever the number of people told, and none twice', async () => {
  await dataSource.query(
    "UPDATE organization SET webhook_url = 'http://hooks.test/ita', webhook_secret = 's' WHERE code = ?",
    [ORG],
  );
  const overdue = task({ status: 'returned', overdue: true, submittedBy: 'pb.staff' });
  await project('task.overdue', overdue, Q1_DUE);
  await plans('2022-01-01T00:00:00.000Z');
  await plans('2022-01-01T00:00:01.000Z');
  const posts = await dataSource.query('SELECT kind, payload FROM webhook_delivery');
  expect(posts).toHaveLength(1);
  const payload = JSON.parse(posts[0].payload);
  expect(payload).toMatchObject({
    type: 'task-overdue',
    organization: ORG,
    measureCode: 'M01-I7',
    subject: { entity: 'task', key: 'Q1-S1-PLAN_BUDGET' },
    link: `http://ita.test/#/tasks/${plan.fiscalYear}/M01-I7/Q1-S1-PLAN_BUDGET`,
  });
  expect(payload.title.th).toMatch(/^เลยกำหนด: มาตรการ M01-I7/);
  expect((await notified()).filter((r) => r.kind === 'task-overdue')).toHaveLength(4); // the unit, not HR's head by now
});
