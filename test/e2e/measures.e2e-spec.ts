/**
 * Running measures over HTTP, end to end: the real API (in this process), the real worker app as
 * a separate process (killed with SIGKILL mid-year and started again), a real Temporal dev
 * server and a real database (SQLite, or MariaDB with TEST_DATABASE_URL). The seed plan runs on
 * a compressed demonstration calendar: 20-second quarters, so a "day" is about 0.22 s, reports
 * fall due 15 such days after their period and escalations repeat every 7.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { AuthHeader, setUpOrganization, signIn } from '../support/accounts';
import { ROOT, Stack, startStack } from '../support/stack';
import { eventually, rawBody, sleep } from '../support/wait';

const QUARTER_S = 20;
const FY = 2565;
const M01 = `/api/organizations/TCEB/plans/${FY}/measures/M01-I7`;
const M02 = `/api/organizations/TCEB/plans/${FY}/measures/M02-I14`;

describe('running the seed plan over HTTP (e2e)', () => {
  let stack: Stack;
  let http: Stack['http'];
  let dataSource: DataSource;
  let db: Stack['db'];
  let planStaff: AuthHeader;
  let planHead: AuthHeader;
  let hrStaff: AuthHeader;
  let deputy: AuthHeader;
  let auditor: AuthHeader;
  let planner: AuthHeader;
  const workerLog = () => stack.workerLog();

  /** Rows of one measure (the other measures run on their own timers meanwhile). */
  const counts = async (workflowId = 'measure/TCEB/2565/M01-I7') =>
    Object.fromEntries(
      await Promise.all(
        ['task', 'report', 'escalation', 'audit_entry'].map(async (t) => [
          t,
          Number((await dataSource.query(`SELECT COUNT(*) AS n FROM ${t} WHERE workflow_id = ?`, [workflowId]))[0].n),
        ]),
      ),
    );

  beforeAll(async () => {
    stack = await startStack('e2e');
    ({ http, dataSource, db } = stack);
    await setUpOrganization(stack.app);
    [planStaff, planHead, hrStaff, deputy, auditor, planner] = await Promise.all(
      [
        'tceb.plan-budget.staff',
        'tceb.plan-budget.head',
        'tceb.hr.staff',
        'tceb.deputy',
        'tceb.auditor',
        'tceb.planner',
      ].map((u) => signIn(http, u)),
    );
    stack.startWorker();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('takes a seed measure from its Q1 tasks to an approved 6-monthly report, escalates a missing one, and survives a worker crash', async () => {
    // Activation starts one workflow per complete measure; a second activation starts nothing.
    const activated = await http
      .post(`/api/organizations/TCEB/plans/${FY}/activate`)
      .set(planner)
      .send({ calendar: { quarterSeconds: QUARTER_S, startsAt: new Date(Date.now() + 3000).toISOString() } })
      .expect(200);
    expect(activated.body.started).toHaveLength(11);
    expect(activated.body.skipped).toEqual([
      { measureCode: 'FRAG-E3-E7-E9', reason: expect.stringContaining('incomplete') },
    ]);
    const again = await http
      .post(`/api/organizations/TCEB/plans/${FY}/activate`)
      .set(planner)
      .send({ calendar: { quarterSeconds: QUARTER_S } })
      .expect(200);
    expect({ started: again.body.started.length, alreadyStarted: again.body.alreadyStarted.length }).toEqual({
      started: 0,
      alreadyStarted: 11,
    });
    const q2End = Date.parse(activated.body.calendar.start) + 2 * QUARTER_S * 1000;

    // Q1: the Planning and Budget section's inbox fills with its tasks.
    const inbox = await eventually(
      async () => {
        const { body } = await http
          .get('/api/organizations/TCEB/units/PLAN_BUDGET/inbox?measure=M01-I7&quarter=1')
          .set(planHead)
          .expect(200);
        expect(body.total).toBe(3);
        return body;
      },
      20_000,
      workerLog,
    );
    expect(inbox.items.map((t: any) => t.taskKey)).toEqual([
      'Q1-S1-PLAN_BUDGET',
      'Q1-S2-PLAN_BUDGET',
      'Q1-S3-PLAN_BUDGET',
    ]);
    const { body: measures } = await http
      .get(`/api/organizations/TCEB/plans/${FY}/measures`)
      .set(planStaff)
      .expect(200);
    expect(measures.find((m: any) => m.code === 'M01-I7').run).toMatchObject({
      status: 'running',
      currentQuarter: 1,
      quarterStatuses: { 1: 'in-progress', 4: 'no-steps' },
    });

    // Rejected commands answer 4xx naming the field and change nothing.
    const before = await counts();
    const submitBody = {
      note: 'จัดประชุมชี้แจงแผนการใช้งบประมาณ',
      progress: 'done',
      evidence: [
        {
          kind: 'link',
          url: 'https://www.tceb.or.th/ita/budget-plan-2565',
          name: 'แผนการใช้จ่ายงบประมาณ',
          guidelines: [1],
        },
      ],
    };
    const task = (key: string, action: string) => `${M01}/tasks/${key}/${action}`;
    expect(
      (await http.post(task('Q1-S1-PLAN_BUDGET', 'submit')).set(hrStaff).send(submitBody).expect(403)).body.problems[0]
        .path,
    ).toBe('actor.unit');
    expect(
      (await http.post(task('Q1-S1-PLAN_BUDGET', 'approve')).set(planHead).expect(409)).body.problems[0].path,
    ).toBe('taskKey');
    expect(
      (
        await http
          .post(task('Q1-S1-PLAN_BUDGET', 'submit'))
          .set(planStaff)
          .send({ ...submitBody, progress: 'finished' })
          .expect(400)
      ).body.problems[0].path,
    ).toBe('progress');
    // A body wrong in every field is answered with every problem at once, each with its path, and
    // nothing reaches the workflow (the task is still open below).
    const wrongEverywhere = await http
      .post(task('Q1-S1-PLAN_BUDGET', 'submit'))
      .set(planStaff)
      .send({ note: 5, progress: 123, evidence: 'x' })
      .expect(400);
    expect(wrongEverywhere.body).toEqual({
      statusCode: 400,
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('note'),
      problems: [
        { path: 'note', message: 'must be text' },
        { path: 'progress', message: expect.stringMatching(/done.*partly-done.*not-done/) },
        { path: 'evidence', message: expect.stringMatching(/array/) },
      ],
    });
    const wrongInside = await http
      .post(task('Q1-S1-PLAN_BUDGET', 'submit'))
      .set(planStaff)
      .send({ note: ' ', progress: 'done', evidence: [{ kind: 'video', url: 7, name: 'x', guidelines: ['1'] }] })
      .expect(400);
    expect(wrongInside.body.problems.map((p: { path: string }) => p.path)).toEqual([
      'note',
      'evidence[0].kind',
      'evidence[0].url',
      'evidence[0].guidelines[0]',
    ]);
    expect(
      (await http.post(task('Q1-S1-PLAN_BUDGET', 'submit')).send(submitBody).expect(401)).body.problems[0].path,
    ).toBe('authorization');
    // Identity comes from the token alone: the old identity headers are ignored.
    expect(
      (
        await http
          .post(task('Q1-S1-PLAN_BUDGET', 'submit'))
          .set(hrStaff)
          .set({ 'X-Actor-Id': 'x', 'X-Actor-Role': 'unit-staff', 'X-Actor-Unit': 'PLAN_BUDGET' })
          .send(submitBody)
          .expect(403)
      ).body.problems[0].path,
    ).toBe('actor.unit');
    expect(
      (await http.post(`${M01}/reports/semiannual-1/submit`).set(planStaff).send({}).expect(409)).body.message,
    ).toMatch(/not due yet/);
    expect(
      (
        await http
          .post(`/api/organizations/TCEB/plans/${FY}/measures/FRAG-E3-E7-E9/tasks/Q1-S1-ALL/submit`)
          .set(planStaff)
          .send(submitBody)
          .expect(404)
      ).body.code,
    ).toBe('MEASURE_NOT_ACTIVE');
    expect(await counts()).toEqual(before);

    // Submit, return with a reason, resubmit, approve.
    await http.post(task('Q1-S1-PLAN_BUDGET', 'submit')).set(planStaff).send(submitBody).expect(200);
    const returned = await http
      .post(task('Q1-S1-PLAN_BUDGET', 'return'))
      .set(planHead)
      .send({ reason: 'แนบรายงานการประชุมด้วย' })
      .expect(200);
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: 'แนบรายงานการประชุมด้วย' });
    const { body: returnedInbox } = await http
      .get('/api/organizations/TCEB/units/PLAN_BUDGET/inbox?returned=true')
      .set(planHead)
      .expect(200);
    expect(returnedInbox.items.map((t: any) => t.taskKey)).toEqual(['Q1-S1-PLAN_BUDGET']);
    await http.post(task('Q1-S1-PLAN_BUDGET', 'submit')).set(planStaff).send(submitBody).expect(200);
    await http.post(task('Q1-S1-PLAN_BUDGET', 'approve')).set(planHead).expect(200);

    // The worker dies mid-year; a new one takes over and nothing is lost.
    await stack.killWorker();
    stack.startWorker();
    const pdf = Buffer.from('%PDF-1.7\nแผนการใช้จ่ายงบประมาณ ประจำปี 2565\n%%EOF\n');
    const { body: file } = await http
      .post('/api/organizations/TCEB/evidence')
      .set(planStaff)
      .set('Content-Type', 'application/pdf')
      .set('X-File-Name', encodeURIComponent('แผนการใช้จ่ายงบประมาณ 2565.pdf'))
      .send(pdf)
      .expect(201);
    // Until the new worker polls (and the dead one's sticky queue times out), a command answers 503
    // within its bound: a client retries it with the same Idempotency-Key, and it is done once.
    const withFileKey = `after-crash-${process.pid}`;
    const withFile = await eventually(
      () =>
        http
          .post(task('Q1-S2-PLAN_BUDGET', 'submit'))
          .set(planStaff)
          .set('Idempotency-Key', withFileKey)
          .send({
            note: 'จัดประชุมแล้ว',
            progress: 'done',
            evidence: [{ kind: 'file', url: file.url, name: file.name, guidelines: [1, 2] }],
          })
          .expect(200),
      60_000,
      workerLog,
    );
    expect(withFile.body.submission.evidence[0]).toMatchObject({ kind: 'file', url: file.url });
    await http.post(task('Q1-S2-PLAN_BUDGET', 'approve')).set(planHead).expect(200);
    await http
      .post(task('Q1-S3-PLAN_BUDGET', 'submit'))
      .set(planStaff)
      .send({ note: 'เผยแพร่แล้ว', progress: 'partly-done', evidence: [] })
      .expect(200);
    await http.post(task('Q1-S3-PLAN_BUDGET', 'approve')).set(planHead).expect(200);
    const { body: m01Tasks } = await http.get(`${M01}/tasks`).set(planStaff).expect(200);
    expect(m01Tasks.filter((t: any) => t.quarter === 1).map((t: any) => t.status)).toEqual([
      'approved',
      'approved',
      'approved',
    ]);

    // End of Q2: the 6-monthly reports open, pre-filled from the period's approved tasks.
    await sleep(q2End - Date.now() + 500);
    const report = await eventually(
      async () => {
        const { body } = await http
          .get('/api/organizations/TCEB/reports?measure=M01-I7&status=open')
          .set(deputy)
          .expect(200);
        expect(body.items).toHaveLength(1);
        return body.items[0];
      },
      15_000,
      workerLog,
    );
    expect(report).toMatchObject({ reportKey: 'semiannual-1', cadence: 'semiannual', units: ['PLAN_BUDGET'] });
    expect(report.draft.find((l: any) => l.quarter === 1 && l.stepNumber === 1)).toMatchObject({
      status: 'approved',
      progress: 'done',
      evidenceCount: 1,
    });

    // The unit submits, the Deputy Director returns it with comments, the unit resubmits, the Deputy Director approves.
    expect(
      (await http.post(`${M01}/reports/semiannual-1/approve`).set(planHead).send({}).expect(403)).body.problems[0].path,
    ).toBe('role');
    await http.post(`${M01}/reports/semiannual-1/submit`).set(planHead).send({}).expect(200);
    await http
      .post(`${M01}/reports/semiannual-1/return`)
      .set(deputy)
      .send({ comments: 'ขอเพิ่มร้อยละการเบิกจ่าย' })
      .expect(200);
    await http
      .post(`${M01}/reports/semiannual-1/submit`)
      .set(planHead)
      .send({ summary: 'เบิกจ่ายแล้วร้อยละ 48 ของแผน' })
      .expect(200);
    const approved = await http
      .post(`${M01}/reports/semiannual-1/approve`)
      .set(deputy)
      .send({ comments: 'รับทราบ' })
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', returnCount: 1, summary: 'เบิกจ่ายแล้วร้อยละ 48 ของแผน' });

    // HR never sent the I14 report: once it is due it escalates to the Deputy Director, and again a "week" later.
    const escalated = await eventually(
      async () => {
        const { body } = await http.get('/api/organizations/TCEB/escalations').set(deputy).expect(200);
        const e = body.items.find((x: any) => x.measureCode === 'M02-I14');
        expect(e?.level).toBeGreaterThanOrEqual(2);
        return e;
      },
      20_000,
      workerLog,
    );
    // It goes to whoever holds the Director's oversight that day: the Deputy Director, by the standing delegation.
    expect(escalated).toMatchObject({ reportKey: 'semiannual-1', units: ['HR'], assignee: 'tceb.deputy' });
    expect(
      (await http.get('/api/organizations/TCEB/escalations?assignee=me').set(deputy).expect(200)).body.items.map(
        (x: any) => x.measureCode,
      ),
    ).toContain('M02-I14');
    expect(escalated.daysLate).toBeGreaterThanOrEqual(7);
    await http.post(`${M02}/reports/semiannual-1/submit`).set(hrStaff).send({}).expect(200);
    const { body: open } = await http.get('/api/organizations/TCEB/escalations').set(deputy).expect(200);
    expect(open.items.find((x: any) => x.measureCode === 'M02-I14')).toBeUndefined();
    const { body: resolved } = await http
      .get('/api/organizations/TCEB/escalations?status=resolved')
      .set(deputy)
      .expect(200);
    expect(resolved.items.find((x: any) => x.measureCode === 'M02-I14').resolvedAt).toBeTruthy();

    // The Deputy Director returns it: it is due again 7 "days" later, and once late it escalates again, in a second round.
    const returnedReport = await http
      .post(`${M02}/reports/semiannual-1/return`)
      .set(deputy)
      .send({ comments: 'ขอรายชื่อผู้เข้าร่วมอบรม' })
      .expect(200);
    expect(returnedReport.body).toMatchObject({ status: 'returned', round: 2, overdue: false });
    expect(Date.parse(returnedReport.body.dueAt)).toBeGreaterThan(Date.now());
    const secondRound = await eventually(
      async () => {
        const { body } = await http.get('/api/organizations/TCEB/escalations').set(deputy).expect(200);
        const e = body.items.find((x: any) => x.measureCode === 'M02-I14');
        expect(e).toMatchObject({ round: 2, reportKey: 'semiannual-1', assignee: 'tceb.deputy' });
        return e;
      },
      20_000,
      workerLog,
    );
    expect(secondRound.dueAt).toBe(returnedReport.body.dueAt);
    const { body: rounds } = await http
      .get('/api/organizations/TCEB/escalations?status=resolved')
      .set(deputy)
      .expect(200);
    expect(rounds.items.filter((x: any) => x.measureCode === 'M02-I14').map((x: any) => x.round)).toEqual([1]);
    const m02Escalations = (await http.get(`${M02}/timeline`).set(auditor).expect(200)).body
      .filter((e: any) => e.entity === 'escalation')
      .map((e: any) => `${e.action} ${e.after.round ?? 1}`);
    expect(m02Escalations).toEqual(
      expect.arrayContaining(['escalation.raised 1', 'escalation.resolved 1', 'escalation.raised 2']),
    );
    await http
      .post(`${M02}/reports/semiannual-1/submit`)
      .set(hrStaff)
      .send({ summary: 'แนบรายชื่อผู้เข้าร่วมอบรมแล้ว' })
      .expect(200);
    const { body: afterResubmit } = await http
      .get('/api/organizations/TCEB/escalations?status=resolved')
      .set(deputy)
      .expect(200);
    expect(
      afterResubmit.items
        .filter((x: any) => x.measureCode === 'M02-I14')
        .map((x: any) => x.round)
        .sort(),
    ).toEqual([1, 2]);

    // The timeline tells who did what, when, with the workflow event it came from.
    const { body: timeline } = await http.get(`${M01}/timeline`).set(auditor).expect(200);
    const q1s1 = timeline
      .filter((e: any) => e.key === 'Q1-S1-PLAN_BUDGET')
      .map((e: any) => `${e.action} ${e.actor.id}`);
    expect(q1s1).toEqual([
      'task.opened system',
      'task.submitted tceb.plan-budget.staff',
      'task.returned tceb.plan-budget.head',
      'task.submitted tceb.plan-budget.staff',
      'task.approved tceb.plan-budget.head',
    ]);
    const approval = timeline.find((e: any) => e.action === 'report.approved');
    expect(approval).toMatchObject({
      actor: { id: 'tceb.deputy', role: 'deputy-director' },
      authority: 'delegation 1 (oversight) from tceb.director',
    });
    expect(timeline.every((e: any) => e.eventId > 0 && e.workflowId === 'measure/TCEB/2565/M01-I7')).toBe(true);

    // Auditors search the trail and take it to Excel as CSV, Thai intact.
    const { body: returns } = await http
      .get('/api/organizations/TCEB/audit/entries?action=task.returned&measure=M01-I7')
      .set(auditor)
      .expect(200);
    expect(returns.items.map((e: any) => [e.actor.id, e.after.returnReason])).toEqual([
      ['tceb.plan-budget.head', 'แนบรายงานการประชุมด้วย'],
    ]);
    expect(
      (
        await http.get('/api/organizations/TCEB/audit/entries?unit=HR&actor=tceb.hr.staff').set(auditor).expect(200)
      ).body.items.map((e: any) => e.action),
    ).toContain('report.submitted');
    expect(
      (await http.get('/api/organizations/TCEB/audit/entries?from=yesterday').set(auditor).expect(400)).body.problems[0]
        .path,
    ).toBe('from');
    const csv = await http
      .get('/api/organizations/TCEB/audit/entries.csv?measure=M01-I7')
      .set(auditor)
      .buffer(true)
      .parse(rawBody)
      .expect(200);
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    expect(text.split('\r\n')[0]).toContain('"ผู้ดำเนินการ"');
    expect(text).toContain('แนบรายงานการประชุมด้วย');
    expect(text.split('\r\n').length - 2).toBe(timeline.length);

    // The measure as it stood at a past instant: rebuilt from the trail, before the report was approved.
    const beforeApproval = new Date(Date.parse(approval.at) - 1).toISOString();
    const { body: earlier } = await http.get(`${M01}/state?asOf=${beforeApproval}`).set(auditor).expect(200);
    expect(earlier.reports.find((r: any) => r.key === 'semiannual-1').status).toBe('submitted');
    expect(earlier.tasks.find((t: any) => t.key === 'Q1-S1-PLAN_BUDGET').status).toBe('approved');
    const { body: atApproval } = await http.get(`${M01}/state?asOf=${approval.at}`).set(auditor).expect(200);
    expect(atApproval.reports.find((r: any) => r.key === 'semiannual-1').status).toBe('approved');
    expect(atApproval.lastChange).toMatchObject({
      action: expect.stringMatching(/^(report|measure|task|escalation)\./),
      eventId: expect.any(Number),
    });
    expect((await http.get(`${M01}/state?asOf=2020-01-01`).set(auditor).expect(404)).body.problems[0].path).toBe(
      'asOf',
    );
    expect((await http.get(`${M01}/state?asOf=last-week`).set(auditor).expect(400)).body.problems[0].path).toBe('asOf');

    // The audit trail is hash-chained: intact now; one row edited in the database is found, by the API and the command.
    const verifyCommand = () =>
      spawnSync(process.execPath, [path.join(ROOT, 'dist/apps/api/src/cli/audit-verify.cli.js'), 'TCEB'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: db.url },
        encoding: 'utf8',
      });
    expect((await http.get('/api/organizations/TCEB/audit/verify').set(auditor).expect(200)).body).toMatchObject({
      ok: true,
    });
    expect(verifyCommand().status).toBe(0);
    const [target] = await dataSource.query(
      "SELECT id, chain_seq FROM audit_entry WHERE action = 'task.approved' AND entity_key = 'Q1-S1-PLAN_BUDGET'",
    );
    await dataSource.query("UPDATE audit_entry SET actor_id = 'someone.else' WHERE id = ?", [target.id]);
    const broken = (await http.get('/api/organizations/TCEB/audit/verify').set(auditor).expect(200)).body;
    expect(broken).toMatchObject({ ok: false, firstBad: { id: target.id, chainSeq: Number(target.chain_seq) } });
    const command = verifyCommand();
    expect({ status: command.status, stdout: command.stdout }).toMatchObject({
      status: 4,
      stdout: expect.stringContaining(`entry ${target.chain_seq}`),
    });
  }, 180_000);
});
