/**
 * A compressed year of the small organization, end to end with a real mail server (Mailpit): the
 * API in this process, the worker as a child process mailing through SMTP_URL, a real Temporal
 * dev server and a real database. People choose their digest hour (23:00) over HTTP; a task is
 * submitted, returned with a reason, resubmitted and approved in Q1; nobody does anything else,
 * so every other task is reminded of and falls overdue, the 6-monthly reports fall due and
 * escalate to the Deputy Director (who holds the Director's oversight) with copies to the units'
 * heads, and the Deputy Director closes the year once it is over. Mailpit then holds exactly the
 * mails expected, counted by kind and by recipient, with Thai subjects; HR's head, whose unit does
 * not own step 1 of M05, is never told of it; nobody without a part is mailed at all.
 *
 * The organization sets a 30-day grace and a 60-day escalation interval (its plan file), so that
 * on 91-second quarters (a second a day) the first report escalates exactly twice again before the
 * year ends, and the year can be closed in a 23-second window before anything of the next reports
 * falls due. Everyone reads his mail at noon, half a compressed day after a quarter opens (its
 * tasks' digest), and the organization reminds 7 and 3 days before a due date.
 *
 * Digests are counted by the tasks they gather (9 for Planning and Budget's two, 4 for HR's head,
 * at most two mails a quarter): which compressed day a task lands on depends on when its measure's
 * timer fired, to the millisecond; test/integration/notification-planning.spec.ts checks the
 * grouping by day and hour exactly.
 */
import { PlanImportService } from '../../apps/api/src/plans/plan-import.service';
import { AccountService } from '../../apps/api/src/auth/account.service';
import { AuthHeader, readAccounts, signIn, SMALL_ACCOUNTS_FILE } from '../support/accounts';
import { startMailpit, type Mailpit } from '../support/mailpit';
import { planBytes, readPlan, SMALL_PLAN_FILE, TEST_OPERATOR } from '../support/seed-plan';
import { Stack, startStack } from '../support/stack';
import { eventually, sleep } from '../support/wait';

const QUARTER_S = 91;
const DAY_MS = (QUARTER_S * 1000) / 91;
const ORG = '/api/organizations/TEST-ORG';
const FY = 2565;
const M01 = `${ORG}/plans/${FY}/measures/M01-I7`;
const PB_HEAD = 'test.plan-budget.head';
const PB_STAFF = 'test.plan-budget.staff';
const HR_HEAD = 'test.hr.head';
const DEPUTY = 'test.deputy';
const mailOf = (username: string) => `${username}@test-org.example`;

describe('notifications through a compressed year (e2e, Mailpit)', () => {
  let stack: Stack;
  let mailpit: Mailpit;
  const as: Record<string, AuthHeader> = {};

  beforeAll(async () => {
    mailpit = await startMailpit();
    stack = await startStack('notifications', { SMTP_URL: mailpit.smtpUrl, APP_URL: 'http://ita.test' });
    // The small organization, with M05's step 1 owned by Internal Audit alone, and a head for HR.
    const plan = readPlan(SMALL_PLAN_FILE) as any;
    plan.organization.settings = { reportGraceDays: 30, escalationIntervalDays: 60 };
    plan.measures.find((m: { code: string }) => m.code === 'M05-I8-I12').steps[0].owners = ['INTERNAL_AUDIT'];
    await stack.app.get(PlanImportService).importFile(planBytes(plan), { by: TEST_OPERATOR });
    const accounts = readAccounts(SMALL_ACCOUNTS_FILE);
    accounts.accounts.push({
      username: HR_HEAD,
      displayName: 'หัวหน้างานทรัพยากรบุคคล (หน่วยงานทดสอบ)',
      role: 'unit-head',
      unitCode: 'HR',
      email: mailOf(HR_HEAD),
    });
    await stack.app.get(AccountService).load(accounts, 'test');
    for (const a of accounts.accounts) as[a.username] = await signIn(stack.http, a.username);
    // Everyone reads his mail at noon.
    for (const a of accounts.accounts)
      await stack.http
        .put('/api/me/notification-preferences')
        .set(as[a.username])
        .send({ language: 'th', digestHour: 12, emailKinds: (await prefs(a.username)).kinds })
        .expect(200);
    // Reminders 7 and 3 days before: on this calendar the last one still comes 2.5 s before its due
    // instant, so a worker a little late under load sends it in time (after the due instant a
    // reminder is not sent: the overdue notice is).
    await stack.http
      .put(`${ORG}/notification-settings`)
      .set(as['test.planner'])
      .send({ reminderDays: [7, 3] })
      .expect(200);
    stack.startWorker();
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await mailpit?.close();
  });
  const prefs = async (username: string) =>
    (await stack.http.get('/api/me/notification-preferences').set(as[username]).expect(200)).body;

  it('mails exactly what each person should be told, once, in Thai', async () => {
    const { http } = stack;
    const { body: activated } = await http
      .post(`${ORG}/plans/${FY}/activate`)
      .set(as['test.planner'])
      .send({ calendar: { quarterSeconds: QUARTER_S, startsAt: new Date(Date.now() + 2000).toISOString() } })
      .expect(200);
    const end = Date.parse(activated.calendar.end);
    const task = (key: string, action: string) => `${M01}/tasks/${key}/${action}`;
    const submitBody = {
      note: 'ดำเนินการแล้ว',
      progress: 'done',
      evidence: [{ kind: 'link', url: 'https://example.go.th/ita/plan', name: 'แผน', guidelines: [1] }],
    };
    await eventually(
      async () => expect((await http.get(`${M01}/tasks`).set(as['test.auditor']).expect(200)).body).not.toHaveLength(0),
      20_000,
      stack.workerLog,
    );
    await http.post(task('Q1-S1-PLAN_BUDGET', 'submit')).set(as[PB_STAFF]).send(submitBody).expect(200);
    await http.post(task('Q1-S1-PLAN_BUDGET', 'return')).set(as[PB_HEAD]).send({ reason: 'แนบหลักฐานเพิ่ม' }).expect(200);
    await http.post(task('Q1-S1-PLAN_BUDGET', 'submit')).set(as[PB_STAFF]).send(submitBody).expect(200);
    await http.post(task('Q1-S1-PLAN_BUDGET', 'approve')).set(as[PB_HEAD]).send({}).expect(200);

    // The year runs out and is closed 3 s (3 days) after its end: before the next reports' first
    // reminders (23 days after it) and the first report's next escalation (28 days after it).
    await sleep(Math.max(0, end - Date.now()) + 3000);
    expect(Date.now()).toBeLessThan(end + 23 * DAY_MS);
    await http.post(`${ORG}/plans/${FY}/close`).set(as[DEPUTY]).set('Idempotency-Key', 'close').expect(200);

    const expected: Record<string, Record<string, number>> = {
      [PB_STAFF]: { 'task-reminder': 16, 'task-overdue': 8, 'task-returned': 1 },
      [PB_HEAD]: {
        'task-reminder': 16,
        'task-overdue': 8,
        'task-submitted': 2,
        'report-opened': 5,
        'report-reminder': 4,
        'report-overdue': 2,
        'escalation-raised': 2,
        'escalation-repeated': 4,
      },
      [HR_HEAD]: {
        'task-reminder': 8,
        'task-overdue': 4,
        'report-opened': 3,
        'report-reminder': 2,
        'report-overdue': 1,
        'escalation-raised': 1,
        'escalation-repeated': 2,
      },
      [DEPUTY]: { 'escalation-raised': 2, 'escalation-repeated': 4 },
    };
    const total = Object.values(expected).reduce((n, k) => n + Object.values(k).reduce((a, b) => a + b, 0), 0);
    // Every mail comes (and nothing more after them): counted below either way, so a shortfall shows what is missing.
    await mailpit.waitForMessages(total + 12, 60_000).catch(() => undefined); // and at least 12 digests
    await sleep(2000);
    const mails = await mailpit.messages();
    const counted: Record<string, Record<string, number>> = {};
    const digests: Record<string, { mails: number; tasks: number }> = {};
    for (const m of mails) {
      const full = await mailpit.message(m.id);
      const to = m.to.map((address) => address.replace('@test-org.example', '')).join(',');
      const kind = full.headers['X-Ita-Notification']?.[0] ?? full.headers['X-ITA-Notification']?.[0] ?? '?';
      if (kind === 'digest') {
        const items = Number(/(\d+) รายการ/.exec(m.subject)?.[1]);
        digests[to] = { mails: (digests[to]?.mails ?? 0) + 1, tasks: (digests[to]?.tasks ?? 0) + items };
      } else counted[to] = { ...counted[to], [kind]: (counted[to]?.[kind] ?? 0) + 1 };
    }
    expect(counted).toEqual(expected);
    expect(Object.fromEntries(Object.entries(digests).map(([to, d]) => [to, d.tasks]))).toEqual({
      [PB_STAFF]: 9,
      [PB_HEAD]: 9,
      [HR_HEAD]: 4,
    });
    for (const d of Object.values(digests)) expect(d.mails).toBeGreaterThanOrEqual(4);
    for (const d of Object.values(digests)) expect(d.mails).toBeLessThanOrEqual(8);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(mails.length);

    // Thai subjects, the day's tasks gathered, and the reason of the return.
    const subjects = mails.map((m) => m.subject);
    expect(subjects.filter((s) => /^\[ITA\] สรุปงานใหม่ประจำวัน \d+ รายการ$/.test(s)).length).toBeGreaterThanOrEqual(12);
    expect(subjects.filter((s) => s.startsWith('[ITA] รายงานล่าช้า: มาตรการ M01-I7'))).toHaveLength(2); // deputy and PB's copy
    const returned = mails.find((m) => m.subject.startsWith('[ITA] ส่งกลับแก้ไข'))!;
    expect((await mailpit.message(returned.id)).text).toContain('เหตุผล: แนบหลักฐานเพิ่ม');
    // HR's head was told of M05's step 2 only, never of step 1 (owned by Internal Audit).
    const hrDigests = mails.filter((m) => m.to.includes(mailOf(HR_HEAD)) && m.subject.includes('สรุปงานใหม่'));
    for (const m of hrDigests) {
      const text = (await mailpit.message(m.id)).text;
      expect(text).toContain('ขั้นตอนที่ 2');
      expect(text).not.toContain('ขั้นตอนที่ 1 ');
    }

    // The same notifications are in each person's notification centre, every one unread.
    const { body: centre } = await http.get('/api/me/notifications?limit=200').set(as[DEPUTY]).expect(200);
    expect(centre.unread).toBe(6);
    expect(centre.items.map((n: { kind: string }) => n.kind).sort()).toEqual([
      'escalation-raised',
      'escalation-raised',
      'escalation-repeated',
      'escalation-repeated',
      'escalation-repeated',
      'escalation-repeated',
    ]);
  }, 600_000);
});
