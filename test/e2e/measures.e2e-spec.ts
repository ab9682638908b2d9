/**
 * Running measures over HTTP, end to end: the real API (in this process), the real worker app as
 * a separate process (killed with SIGKILL mid-year and started again), a real Temporal dev
 * server and a real database (SQLite, or MariaDB with TEST_DATABASE_URL). The seed plan runs on
 * a compressed demonstration calendar: 20-second quarters, so a "day" is about 0.22 s, reports
 * fall due 15 such days after their period and escalations repeat every 7.
 */
import { INestApplication } from '@nestjs/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/app.factory';
import { SEED_PLAN_FILE } from '../support/seed-plan';
import { startDevServer } from '../support/temporal';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { eventually, rawBody, sleep } from '../support/wait';

const ROOT = path.resolve(__dirname, '../..');
const WORKER_MAIN = path.join(ROOT, 'dist/apps/worker/src/main.js');
const QUARTER_S = 20;
const FY = 2565;
const M01 = `/api/organizations/TCEB/plans/${FY}/measures/M01-I7`;
const M02 = `/api/organizations/TCEB/plans/${FY}/measures/M02-I14`;

const as = (id: string, role: string, unit?: string) => ({ 'X-Actor-Id': id, 'X-Actor-Role': role, ...(unit ? { 'X-Actor-Unit': unit } : {}) });
const planStaff = as('somchai.p', 'unit-staff', 'PLAN_BUDGET');
const planHead = as('malee.p', 'unit-head', 'PLAN_BUDGET');
const hrStaff = as('anong.h', 'unit-staff', 'HR');
const deputy = as('deputy.admin', 'deputy-director');

describe('running the seed plan over HTTP (e2e)', () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let dataSource: DataSource;
  let worker: ChildProcess | undefined;
  let workerLog = '';
  const taskQueue = `e2e-${process.pid}`;

  const startWorker = () => {
    worker = spawn(process.execPath, [WORKER_MAIN], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: db.url, TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: taskQueue }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout?.on('data', (d) => { workerLog += d; });
    worker.stderr?.on('data', (d) => { workerLog += d; });
  };
  /** Rows of one measure (the other measures run on their own timers meanwhile). */
  const counts = async (workflowId = 'measure/TCEB/2565/M01-I7') => Object.fromEntries(await Promise.all(['task', 'report', 'escalation', 'audit_entry'].map(async (t) =>
    [t, Number((await dataSource.query(`SELECT COUNT(*) AS n FROM ${t} WHERE workflow_id = ?`, [workflowId]))[0].n)])));

  beforeAll(async () => {
    if (!fs.existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: build first (scripts/test.sh does)`);
    env = await startDevServer();
    db = await createTestDatabase();
    Object.assign(process.env, { DATABASE_URL: db.url, TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: taskQueue });
    app = await createApp({ logger: false });
    await app.init();
    http = request(app.getHttpServer());
    dataSource = app.get(DataSource);
    await http.post('/api/plans/import').set('Content-Type', 'application/octet-stream').send(fs.readFileSync(SEED_PLAN_FILE)).expect(201);
    startWorker();
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await app?.close();
    await env?.teardown();
    await db?.drop();
  });

  it('takes a seed measure from its Q1 tasks to an approved 6-monthly report, escalates a missing one, and survives a worker crash', async () => {
    // Activation starts one workflow per complete measure; a second activation starts nothing.
    const activated = await http.post(`/api/organizations/TCEB/plans/${FY}/activate`).send({ calendar: { quarterSeconds: QUARTER_S, startsAt: new Date(Date.now() + 3000).toISOString() } }).expect(200);
    expect(activated.body.started).toHaveLength(11);
    expect(activated.body.skipped).toEqual([{ measureCode: 'FRAG-E3-E7-E9', reason: expect.stringContaining('incomplete') }]);
    const again = await http.post(`/api/organizations/TCEB/plans/${FY}/activate`).send({ calendar: { quarterSeconds: QUARTER_S } }).expect(200);
    expect({ started: again.body.started.length, alreadyStarted: again.body.alreadyStarted.length }).toEqual({ started: 0, alreadyStarted: 11 });
    const q2End = Date.parse(activated.body.calendar.start) + 2 * QUARTER_S * 1000;

    // Q1: the Planning and Budget section's inbox fills with its tasks.
    const inbox = await eventually(async () => {
      const { body } = await http.get('/api/organizations/TCEB/units/PLAN_BUDGET/inbox?measure=M01-I7&quarter=1').expect(200);
      expect(body.total).toBe(3);
      return body;
    }, 20_000, () => workerLog);
    expect(inbox.items.map((t: any) => t.taskKey)).toEqual(['Q1-S1-PLAN_BUDGET', 'Q1-S2-PLAN_BUDGET', 'Q1-S3-PLAN_BUDGET']);
    const { body: measures } = await http.get(`/api/organizations/TCEB/plans/${FY}/measures`).expect(200);
    expect(measures.find((m: any) => m.code === 'M01-I7').run).toMatchObject({ status: 'running', currentQuarter: 1, quarterStatuses: { 1: 'in-progress', 4: 'no-steps' } });

    // Rejected commands answer 4xx naming the field and change nothing.
    const before = await counts();
    const submitBody = { note: 'จัดประชุมชี้แจงแผนการใช้งบประมาณ', progress: 'done', evidence: [{ kind: 'link', url: 'https://www.tceb.or.th/ita/budget-plan-2565', name: 'แผนการใช้จ่ายงบประมาณ', guidelines: [1] }] };
    const task = (key: string, action: string) => `${M01}/tasks/${key}/${action}`;
    expect((await http.post(task('Q1-S1-PLAN_BUDGET', 'submit')).set(hrStaff).send(submitBody).expect(403)).body.problems[0].path).toBe('actor.unit');
    expect((await http.post(task('Q1-S1-PLAN_BUDGET', 'approve')).set(planHead).expect(409)).body.problems[0].path).toBe('taskKey');
    expect((await http.post(task('Q1-S1-PLAN_BUDGET', 'submit')).set(planStaff).send({ ...submitBody, progress: 'finished' }).expect(400)).body.problems[0].path).toBe('progress');
    expect((await http.post(task('Q1-S1-PLAN_BUDGET', 'submit')).send(submitBody).expect(401)).body.problems[0].path).toBe('x-actor-id');
    expect((await http.post(`${M01}/reports/semiannual-1/submit`).set(planStaff).send({}).expect(409)).body.message).toMatch(/not due yet/);
    expect((await http.post(`/api/organizations/TCEB/plans/${FY}/measures/FRAG-E3-E7-E9/tasks/Q1-S1-ALL/submit`).set(planStaff).send(submitBody).expect(404)).body.code).toBe('MEASURE_NOT_ACTIVE');
    expect(await counts()).toEqual(before);

    // Submit, return with a reason, resubmit, approve.
    await http.post(task('Q1-S1-PLAN_BUDGET', 'submit')).set(planStaff).send(submitBody).expect(200);
    const returned = await http.post(task('Q1-S1-PLAN_BUDGET', 'return')).set(planHead).send({ reason: 'แนบรายงานการประชุมด้วย' }).expect(200);
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: 'แนบรายงานการประชุมด้วย' });
    const { body: returnedInbox } = await http.get('/api/organizations/TCEB/units/PLAN_BUDGET/inbox?returned=true').expect(200);
    expect(returnedInbox.items.map((t: any) => t.taskKey)).toEqual(['Q1-S1-PLAN_BUDGET']);
    await http.post(task('Q1-S1-PLAN_BUDGET', 'submit')).set(planStaff).send(submitBody).expect(200);
    await http.post(task('Q1-S1-PLAN_BUDGET', 'approve')).set(planHead).expect(200);

    // The worker dies mid-year; a new one takes over and nothing is lost.
    worker!.kill('SIGKILL');
    await new Promise((resolve) => worker!.once('exit', resolve));
    startWorker();
    const pdf = Buffer.from('%PDF-1.7\nแผนการใช้จ่ายงบประมาณ ประจำปี 2565\n%%EOF\n');
    const { body: file } = await http.post('/api/organizations/TCEB/evidence').set(planStaff).set('Content-Type', 'application/pdf')
      .set('X-File-Name', encodeURIComponent('แผนการใช้จ่ายงบประมาณ 2565.pdf')).send(pdf).expect(201);
    const withFile = await http.post(task('Q1-S2-PLAN_BUDGET', 'submit')).set(planStaff)
      .send({ note: 'จัดประชุมแล้ว', progress: 'done', evidence: [{ kind: 'file', url: file.url, name: file.name, guidelines: [1, 2] }] }).expect(200);
    expect(withFile.body.submission.evidence[0]).toMatchObject({ kind: 'file', url: file.url });
    await http.post(task('Q1-S2-PLAN_BUDGET', 'approve')).set(planHead).expect(200);
    await http.post(task('Q1-S3-PLAN_BUDGET', 'submit')).set(planStaff).send({ note: 'เผยแพร่แล้ว', progress: 'partly-done', evidence: [] }).expect(200);
    await http.post(task('Q1-S3-PLAN_BUDGET', 'approve')).set(planHead).expect(200);
    const { body: m01Tasks } = await http.get(`${M01}/tasks`).expect(200);
    expect(m01Tasks.filter((t: any) => t.quarter === 1).map((t: any) => t.status)).toEqual(['approved', 'approved', 'approved']);

    // End of Q2: the 6-monthly reports open, pre-filled from the period's approved tasks.
    await sleep(q2End - Date.now() + 500);
    const report = await eventually(async () => {
      const { body } = await http.get('/api/organizations/TCEB/reports?measure=M01-I7&status=open').expect(200);
      expect(body.items).toHaveLength(1);
      return body.items[0];
    }, 15_000, () => workerLog);
    expect(report).toMatchObject({ reportKey: 'semiannual-1', cadence: 'semiannual', units: ['PLAN_BUDGET'] });
    expect(report.draft.find((l: any) => l.quarter === 1 && l.stepNumber === 1)).toMatchObject({ status: 'approved', progress: 'done', evidenceCount: 1 });

    // The unit submits, the Deputy Director returns it with comments, the unit resubmits, the Deputy Director approves.
    expect((await http.post(`${M01}/reports/semiannual-1/approve`).set(planHead).send({}).expect(403)).body.problems[0].path).toBe('actor.role');
    await http.post(`${M01}/reports/semiannual-1/submit`).set(planHead).send({}).expect(200);
    await http.post(`${M01}/reports/semiannual-1/return`).set(deputy).send({ comments: 'ขอเพิ่มร้อยละการเบิกจ่าย' }).expect(200);
    await http.post(`${M01}/reports/semiannual-1/submit`).set(planHead).send({ summary: 'เบิกจ่ายแล้วร้อยละ 48 ของแผน' }).expect(200);
    const approved = await http.post(`${M01}/reports/semiannual-1/approve`).set(deputy).send({ comments: 'รับทราบ' }).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', returnCount: 1, summary: 'เบิกจ่ายแล้วร้อยละ 48 ของแผน' });

    // HR never sent the I14 report: once it is due it escalates to the Deputy Director, and again a "week" later.
    const escalated = await eventually(async () => {
      const { body } = await http.get('/api/organizations/TCEB/escalations').expect(200);
      const e = body.items.find((x: any) => x.measureCode === 'M02-I14');
      expect(e?.level).toBeGreaterThanOrEqual(2);
      return e;
    }, 20_000, () => workerLog);
    expect(escalated).toMatchObject({ reportKey: 'semiannual-1', units: ['HR'], recipient: 'deputy-director' });
    expect(escalated.daysLate).toBeGreaterThanOrEqual(7);
    await http.post(`${M02}/reports/semiannual-1/submit`).set(hrStaff).send({}).expect(200);
    const { body: open } = await http.get('/api/organizations/TCEB/escalations').expect(200);
    expect(open.items.find((x: any) => x.measureCode === 'M02-I14')).toBeUndefined();
    const { body: resolved } = await http.get('/api/organizations/TCEB/escalations?status=resolved').expect(200);
    expect(resolved.items.find((x: any) => x.measureCode === 'M02-I14').resolvedAt).toBeTruthy();

    // The timeline tells who did what, when, with the workflow event it came from.
    const { body: timeline } = await http.get(`${M01}/timeline`).expect(200);
    const q1s1 = timeline.filter((e: any) => e.key === 'Q1-S1-PLAN_BUDGET').map((e: any) => `${e.action} ${e.actor.id}`);
    expect(q1s1).toEqual(['task.opened system', 'task.submitted somchai.p', 'task.returned malee.p', 'task.submitted somchai.p', 'task.approved malee.p']);
    expect(timeline.every((e: any) => e.eventId > 0 && e.workflowId === 'measure/TCEB/2565/M01-I7')).toBe(true);

    // Auditors search the trail and take it to Excel as CSV, Thai intact.
    const { body: returns } = await http.get('/api/organizations/TCEB/audit/entries?action=task.returned&measure=M01-I7').expect(200);
    expect(returns.items.map((e: any) => [e.actor.id, e.after.returnReason])).toEqual([['malee.p', 'แนบรายงานการประชุมด้วย']]);
    expect((await http.get('/api/organizations/TCEB/audit/entries?unit=HR&actor=anong.h').expect(200)).body.items.map((e: any) => e.action)).toContain('report.submitted');
    expect((await http.get('/api/organizations/TCEB/audit/entries?from=yesterday').expect(400)).body.problems[0].path).toBe('from');
    const csv = await http.get('/api/organizations/TCEB/audit/entries.csv?measure=M01-I7').buffer(true).parse(rawBody).expect(200);
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    expect(text.split('\r\n')[0]).toContain('"ผู้ดำเนินการ"');
    expect(text).toContain('แนบรายงานการประชุมด้วย');
    expect(text.split('\r\n').length - 2).toBe(timeline.length);

    // The audit trail is hash-chained: intact now; one row edited in the database is found, by the API and the command.
    const verifyCommand = () => spawnSync(process.execPath, [path.join(ROOT, 'dist/apps/api/src/cli/audit-verify.cli.js'), 'TCEB'],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: db.url }, encoding: 'utf8' });
    expect((await http.get('/api/organizations/TCEB/audit/verify').expect(200)).body).toMatchObject({ ok: true });
    expect(verifyCommand().status).toBe(0);
    const [target] = await dataSource.query("SELECT id, chain_seq FROM audit_entry WHERE action = 'task.approved' AND entity_key = 'Q1-S1-PLAN_BUDGET'");
    await dataSource.query("UPDATE audit_entry SET actor_id = 'someone.else' WHERE id = ?", [target.id]);
    const broken = (await http.get('/api/organizations/TCEB/audit/verify').expect(200)).body;
    expect(broken).toMatchObject({ ok: false, firstBad: { id: target.id, chainSeq: Number(target.chain_seq) } });
    const command = verifyCommand();
    expect({ status: command.status, stdout: command.stdout }).toMatchObject({ status: 4, stdout: expect.stringContaining(`entry ${target.chain_seq}`) });
  }, 180_000);
});
