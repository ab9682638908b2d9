/**
 * Commands that survive retries, restarts and outages, end to end (the real API in this process
 * and once as its own process, the worker as a child process, a real Temporal dev server and a
 * real database, SQLite or MariaDB with TEST_DATABASE_URL):
 *  - Idempotency-Key: the same key and request answer the first answer again (after an API
 *    restart too) and the workflow runs the command once; another request under the key is a 422;
 *    a bad key a 400; without a key a repeated command is the 409 it always was;
 *  - bounded waits: with the worker down, with the database connection lost and with Temporal
 *    stopped, commands answer 503 with Retry-After within the bound instead of hanging, a retry
 *    with the same key afterwards does the command once, and the api and the worker still shut
 *    down within their bound.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';
import request from 'supertest';
import { requestFingerprint, temporalUpdateId } from '../../apps/api/src/idempotency/idempotency-key';
import { measureWorkflowId } from '@ita/contracts/measure.contracts';
import { bangkokDate } from '@ita/domain/access/authority';
import { AuthHeader, setUpOrganization, signIn } from '../support/accounts';
import { ROOT, Stack, startStack } from '../support/stack';
import { testDatabaseKind } from '../support/test-database';
import { eventually, sleep } from '../support/wait';

const BOUND_MS = 3000;
const SHUTDOWN_MS = 4000;
const ORG = '/api/organizations/TCEB';
const M01 = `${ORG}/plans/2565/measures/M01-I7`;
const M01_ID = measureWorkflowId('TCEB', 2565, 'M01-I7');
const task = (key: string, action: string) => `${M01}/tasks/${key}/${action}`;
const submission = (note: string) => ({
  note,
  progress: 'done',
  evidence: [{ kind: 'link', url: 'https://www.tceb.or.th/ita/plan', name: 'แผนการใช้จ่ายงบประมาณ', guidelines: [1] }],
});
const key = (name: string) => `${name}-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

describe('idempotent commands and bounded waits (e2e)', () => {
  let stack: Stack;
  let staff: AuthHeader;
  let head: AuthHeader;
  let planner: AuthHeader;
  const http = () => stack.http;
  const sql = async (query: string, params: unknown[] = []) => stack.dataSource.query(query, params);
  const count = async (query: string, params: unknown[] = []) => Number((await sql(query, params))[0].n);
  const audited = (action: string, entityKey: string) =>
    count('SELECT COUNT(*) AS n FROM audit_entry WHERE workflow_id = ? AND action = ? AND entity_key = ?', [
      M01_ID,
      action,
      entityKey,
    ]);
  /** The updates the measure's workflow accepted, from its Temporal history: [update id, name]. */
  const acceptedUpdates = async () => {
    const history = await stack.env.client.workflow.getHandle(M01_ID).fetchHistory();
    return (history.events ?? []).flatMap((e) => {
      const accepted = e.workflowExecutionUpdateAcceptedEventAttributes;
      return accepted
        ? [
            [
              accepted.acceptedRequest?.meta?.updateId ?? accepted.protocolInstanceId,
              accepted.acceptedRequest?.input?.name,
            ],
          ]
        : [];
    });
  };
  /** The update id a keyed command was sent under (its fingerprint as the API stored it). */
  const updateIdOf = async (username: string, idempotencyKey: string) => {
    const [user] = await sql('SELECT id, organization_id FROM user_account WHERE username = ?', [username]);
    const [record] = await sql('SELECT fingerprint FROM idempotency_record WHERE user_id = ? AND idempotency_key = ?', [
      user.id,
      idempotencyKey,
    ]);
    return temporalUpdateId(Number(user.organization_id), Number(user.id), idempotencyKey, record.fingerprint);
  };

  beforeAll(async () => {
    stack = await startStack('idem', {
      TEMPORAL_COMMAND_TIMEOUT_MS: String(BOUND_MS),
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_MS),
      JWT_SECRET: 'idempotency-e2e-secret-0123456789abcdef',
    });
    await setUpOrganization(stack.app);
    [staff, head, planner] = await Promise.all(
      ['tceb.plan-budget.staff', 'tceb.plan-budget.head', 'tceb.planner'].map((u) => signIn(http(), u)),
    );
    stack.startWorker();
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('activates once under a key: the same key answers the first answer again', async () => {
    const k = key('activate');
    // A long first quarter starting now: Q1's tasks stay open for the whole test.
    const first = await eventually(
      () =>
        http()
          .post(`${ORG}/plans/2565/activate`)
          .set(planner)
          .set('Idempotency-Key', k)
          .send({ calendar: { quarterSeconds: 3600 } })
          .expect(200),
      30_000,
      stack.workerLog,
    );
    expect(first.body.started).toHaveLength(11);
    const again = await http()
      .post(`${ORG}/plans/2565/activate`)
      .set(planner)
      .set('Idempotency-Key', k)
      .send({ calendar: { quarterSeconds: 3600 } })
      .expect(200);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    await eventually(
      async () => {
        const { body } = await http()
          .get(`${ORG}/units/PLAN_BUDGET/inbox?measure=M01-I7&quarter=1`)
          .set(head)
          .expect(200);
        expect(body.total).toBe(3);
      },
      30_000,
      stack.workerLog,
    );
  });

  it('answers the same key and request with the first answer, and the workflow runs the command once', async () => {
    const k = key('submit');
    const body = submission('จัดประชุมชี้แจงแผนแล้ว');
    const before = await acceptedUpdates();
    const first = await http()
      .post(task('Q1-S1-PLAN_BUDGET', 'submit'))
      .set(staff)
      .set('Idempotency-Key', k)
      .send(body)
      .expect(200);
    expect(first.body).toMatchObject({ key: 'Q1-S1-PLAN_BUDGET', status: 'submitted' });
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    // The same request, its JSON written in another order: the same answer, not run again.
    const reordered = { evidence: body.evidence, progress: body.progress, note: body.note };
    const second = await http()
      .post(task('Q1-S1-PLAN_BUDGET', 'submit'))
      .set(staff)
      .set('Idempotency-Key', k)
      .send(reordered)
      .expect(200);
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);

    const accepted = (await acceptedUpdates()).slice(before.length);
    expect(accepted).toEqual([[await updateIdOf('tceb.plan-budget.staff', k), 'submitTaskUpdate']]);
    await eventually(
      async () => expect(await audited('task.submitted', 'Q1-S1-PLAN_BUDGET')).toBe(1),
      10_000,
      stack.workerLog,
    );
    expect(await count('SELECT COUNT(*) AS n FROM idempotency_record WHERE idempotency_key = ?', [k])).toBe(1);
  });

  it('refuses the key with another request (422) or malformed (400), naming Idempotency-Key, and changes nothing', async () => {
    const k = key('other');
    // A double click: both requests with the key at once; the second waits for the first one's answer.
    const before = (await acceptedUpdates()).length;
    const [first, twin] = await Promise.all(
      [1, 2].map(() =>
        http()
          .post(task('Q1-S2-PLAN_BUDGET', 'submit'))
          .set(staff)
          .set('Idempotency-Key', k)
          .send(submission('ครั้งแรก')),
      ),
    );
    expect([first.status, twin.status]).toEqual([200, 200]);
    expect(twin.body).toEqual(first.body);
    const accepted = (await acceptedUpdates()).length;
    expect(accepted).toBe(before + 1);
    const { body: tasksBefore } = await http().get(`${M01}/tasks`).set(staff).expect(200);

    const otherBody = await http()
      .post(task('Q1-S2-PLAN_BUDGET', 'submit'))
      .set(staff)
      .set('Idempotency-Key', k)
      .send(submission('ครั้งที่สอง'))
      .expect(422);
    expect(otherBody.body).toMatchObject({
      statusCode: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
      problems: [{ path: 'Idempotency-Key', message: expect.stringContaining('another body') }],
    });
    expect(otherBody.body.message).toContain(k);
    const otherRoute = await http()
      .post(task('Q1-S3-PLAN_BUDGET', 'submit'))
      .set(staff)
      .set('Idempotency-Key', k)
      .send(submission('ครั้งแรก'))
      .expect(422);
    expect(otherRoute.body.problems[0].path).toBe('Idempotency-Key');
    for (const bad of ['', ' ', 'k'.repeat(201)]) {
      const { body } = await http()
        .post(task('Q1-S3-PLAN_BUDGET', 'submit'))
        .set(staff)
        .set('Idempotency-Key', bad)
        .send(submission('x'))
        .expect(400);
      expect(body).toMatchObject({
        statusCode: 400,
        code: 'INVALID_ARGUMENT',
        problems: [{ path: 'Idempotency-Key' }],
      });
    }

    expect((await acceptedUpdates()).length).toBe(accepted);
    expect((await http().get(`${M01}/tasks`).set(staff).expect(200)).body).toEqual(tasksBefore);
    // And the first answer is still the key's.
    expect(
      (
        await http()
          .post(task('Q1-S2-PLAN_BUDGET', 'submit'))
          .set(staff)
          .set('Idempotency-Key', k)
          .send(submission('ครั้งแรก'))
          .expect(200)
      ).body,
    ).toEqual(first.body);
  });

  it('judges a repeated command without a key again (409), and keeps a refusal under a key as its answer', async () => {
    await http().post(task('Q1-S1-PLAN_BUDGET', 'approve')).set(head).expect(200);
    const again = await http().post(task('Q1-S1-PLAN_BUDGET', 'approve')).set(head).expect(409);
    expect(again.body).toMatchObject({ code: 'CONFLICT', problems: [{ path: 'taskKey' }] });

    // Q1-S3 is still open: approving it is refused, and that refusal is the key's answer even once it could succeed.
    const k = key('refused');
    const refused = await http()
      .post(task('Q1-S3-PLAN_BUDGET', 'approve'))
      .set(head)
      .set('Idempotency-Key', k)
      .expect(409);
    await http().post(task('Q1-S3-PLAN_BUDGET', 'submit')).set(staff).send(submission('ส่งแล้ว')).expect(200);
    const replayed = await http()
      .post(task('Q1-S3-PLAN_BUDGET', 'approve'))
      .set(head)
      .set('Idempotency-Key', k)
      .expect(409);
    expect([replayed.headers['idempotency-replayed'], replayed.body]).toEqual(['true', refused.body]);
    expect(
      (
        await http()
          .post(task('Q1-S3-PLAN_BUDGET', 'approve'))
          .set(head)
          .set('Idempotency-Key', key('fresh'))
          .expect(200)
      ).body.status,
    ).toBe('approved');
  });

  it('creates and revokes a delegation once under a key', async () => {
    const today = bangkokDate(Date.now());
    const body = {
      kind: 'unit-head',
      unitCode: 'PLAN_BUDGET',
      delegate: 'tceb.plan-budget.staff',
      startsOn: today,
      endsOn: today,
      reason: 'ไปราชการ',
    };
    const delegations = () => count('SELECT COUNT(*) AS n FROM delegation');
    const before = await delegations();
    const k = key('delegate');
    const first = await http().post(`${ORG}/delegations`).set(head).set('Idempotency-Key', k).send(body).expect(201);
    const second = await http().post(`${ORG}/delegations`).set(head).set('Idempotency-Key', k).send(body).expect(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(await delegations()).toBe(before + 1);
    expect(
      await count("SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'delegation.created' AND entity_key = ?", [
        String(first.body.id),
      ]),
    ).toBe(1);

    const r = key('revoke');
    const revoked = await http()
      .post(`${ORG}/delegations/${first.body.id}/revoke`)
      .set(head)
      .set('Idempotency-Key', r)
      .expect(200);
    // Without its key a second revocation is a 409; with it, the first answer.
    await http().post(`${ORG}/delegations/${first.body.id}/revoke`).set(head).expect(409);
    expect(
      (await http().post(`${ORG}/delegations/${first.body.id}/revoke`).set(head).set('Idempotency-Key', r).expect(200))
        .body,
    ).toEqual(revoked.body);
  });

  it('runs a command again whose first request died with its API (its claim outlived the lease), and waits for a live one', async () => {
    const today = bangkokDate(Date.now());
    const body = {
      kind: 'unit-head',
      unitCode: 'PLAN_BUDGET',
      delegate: 'tceb.hr.head',
      startsOn: today,
      endsOn: today,
      reason: 'ประชุมต่างจังหวัด',
    };
    const [user] = await sql("SELECT id, organization_id FROM user_account WHERE username = 'tceb.plan-budget.head'");
    const fingerprint = requestFingerprint({
      method: 'POST',
      route: '/api/organizations/:organization/delegations',
      params: { organization: 'TCEB' },
      body,
    });
    // What an API killed in the middle of the request leaves behind: a claim, and no delegation.
    const claimLeftBy = (k: string, claimedAt: number) =>
      sql(
        `INSERT INTO idempotency_record (organization_id, user_id, idempotency_key, route, fingerprint, state,
      claim_token, claimed_at, response_status, response_body, created_at, completed_at) VALUES (?, ?, ?, 'POST /api/organizations/:organization/delegations', ?,
      'in-progress', 'crashed-api', ?, NULL, NULL, ?, NULL)`,
        [
          user.organization_id,
          user.id,
          k,
          fingerprint,
          new Date(claimedAt).toISOString(),
          new Date(claimedAt).toISOString(),
        ],
      );
    const delegations = () =>
      count("SELECT COUNT(*) AS n FROM delegation WHERE delegate = 'tceb.hr.head' AND reason = ?", [body.reason]);

    const live = key('live-claim');
    await claimLeftBy(live, Date.now());
    const started = Date.now();
    const busy = await http().post(`${ORG}/delegations`).set(head).set('Idempotency-Key', live).send(body).expect(409);
    expect(busy.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_PROGRESS', problems: [{ path: 'Idempotency-Key' }] });
    expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(BOUND_MS + 2000);

    const dead = key('dead-claim');
    await claimLeftBy(dead, Date.now() - 5 * 60_000);
    const retried = await http()
      .post(`${ORG}/delegations`)
      .set(head)
      .set('Idempotency-Key', dead)
      .send(body)
      .expect(201);
    expect(retried.headers['idempotency-replayed']).toBeUndefined();
    expect(
      (await http().post(`${ORG}/delegations`).set(head).set('Idempotency-Key', dead).send(body).expect(201)).body,
    ).toEqual(retried.body);
    expect(await delegations()).toBe(1);
  });

  it('answers the first answer again after the API restarts', async () => {
    // Q1-S2 was submitted above: its head returns it under a key.
    const k = key('restart');
    const body = { reason: 'แนบรายงานการประชุมด้วย' };
    const first = await http()
      .post(task('Q1-S2-PLAN_BUDGET', 'return'))
      .set(head)
      .set('Idempotency-Key', k)
      .send(body)
      .expect(200);
    const accepted = (await acceptedUpdates()).length;
    await stack.restartApi();
    const again = await http()
      .post(task('Q1-S2-PLAN_BUDGET', 'return'))
      .set(head)
      .set('Idempotency-Key', k)
      .send(body)
      .expect(200);
    expect([again.headers['idempotency-replayed'], again.body]).toEqual(['true', first.body]);
    expect((await acceptedUpdates()).length).toBe(accepted);
  });

  it('answers 503 with Retry-After within the bound while the worker is down; the retry with the same key does it once', async () => {
    await stack.killWorker();
    const k = key('worker-down');
    const body = submission('ส่งระหว่างที่ worker หยุด');
    const started = Date.now();
    const down = await http().post(task('Q1-S2-PLAN_BUDGET', 'submit')).set(staff).set('Idempotency-Key', k).send(body);
    const took = Date.now() - started;
    expect(down.status).toBe(503);
    expect(took).toBeLessThan(BOUND_MS + 2000);
    expect(Number(down.headers['retry-after'])).toBeGreaterThan(0);
    expect(down.body).toMatchObject({
      statusCode: 503,
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/ระบบงาน.*workflow service is unavailable/),
    });
    // A 503 is not the key's answer: nothing is stored for it.
    expect(await count('SELECT COUNT(*) AS n FROM idempotency_record WHERE idempotency_key = ?', [k])).toBe(0);

    stack.startWorker();
    // Until the new worker polls, the retry may be a 503 again; each retry is the same update.
    const done = await eventually(
      async () => {
        const retry = await http()
          .post(task('Q1-S2-PLAN_BUDGET', 'submit'))
          .set(staff)
          .set('Idempotency-Key', k)
          .send(body);
        expect(retry.status).toBe(200);
        return retry;
      },
      60_000,
      stack.workerLog,
    );
    expect(done.body).toMatchObject({ status: 'submitted', submission: { note: body.note } });
    const updateId = await updateIdOf('tceb.plan-budget.staff', k);
    expect((await acceptedUpdates()).filter(([id]) => id === updateId)).toHaveLength(1);
    // What GET shows is what happened: submitted once, with that note.
    await eventually(
      async () => {
        const { body: tasks } = await http().get(`${M01}/tasks`).set(staff).expect(200);
        expect(tasks.find((t: any) => t.taskKey === 'Q1-S2-PLAN_BUDGET')).toMatchObject({
          status: 'submitted',
          submission: { note: body.note },
        });
      },
      10_000,
      stack.workerLog,
    );
    expect(
      (
        await http()
          .post(task('Q1-S2-PLAN_BUDGET', 'submit'))
          .set(staff)
          .set('Idempotency-Key', k)
          .send(body)
          .expect(200)
      ).headers['idempotency-replayed'],
    ).toBe('true');
  }, 90_000);

  it('answers 503 with Retry-After, not 500, while the database is out of reach', async () => {
    if (testDatabaseKind() === 'mysql') {
      // MariaDB drops every connection of this database, as when it is killed or restarts: whatever
      // each request meets (a dead connection, or the pool's fresh one), it is never a 500.
      const [{ db }] = await sql('SELECT DATABASE() AS db');
      const admin = await (
        await import('mysql2/promise')
      ).createConnection(process.env.TEST_DATABASE_URL!.replace(/^mariadb:/, 'mysql:'));
      const [rows] = await admin.query(
        'SELECT id FROM information_schema.processlist WHERE db = ? AND id <> CONNECTION_ID()',
        [db],
      );
      for (const { id } of rows as Array<{ id: number }>) await admin.query(`KILL ${Number(id)}`);
      await admin.end();
      const statuses = await Promise.all(
        [1, 2, 3].map(() =>
          http()
            .get(`${ORG}/delegations`)
            .set(head)
            .then((r) => r.status),
        ),
      );
      expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    }
    // The store closed under the running API (SQLite's handle, MySQL's pool).
    await stack.dataSource.destroy();
    const lost = await http()
      .post(task('Q1-S3-PLAN_BUDGET', 'return'))
      .set(head)
      .set('Idempotency-Key', key('db-down'))
      .send({ reason: 'x' });
    expect([lost.status, lost.body.code, Number(lost.headers['retry-after']) > 0]).toEqual([503, 'UNAVAILABLE', true]);
    expect(lost.body.message).toMatch(/ฐานข้อมูล.*database is unavailable/);
    await stack.dataSource.initialize();
    await http().get(`${ORG}/delegations`).set(head).expect(200);
  });

  it('answers 503 within the bound with Temporal stopped, and the api and the worker still shut down within theirs', async () => {
    const freePort = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    await stack.stopTemporal();
    const timed = async (send: () => request.Test) => {
      const started = Date.now();
      const response = await send();
      return { response, ms: Date.now() - started };
    };
    const calls = [
      () =>
        http()
          .post(task('Q1-S1-PLAN_BUDGET', 'return'))
          .set(head)
          .set('Idempotency-Key', key('temporal-down'))
          .send({ reason: 'x' }),
      () => http().get(`${M01}/state`).set(staff),
      () =>
        http()
          .post(`${ORG}/plans/2565/activate`)
          .set(planner)
          .send({ calendar: { quarterSeconds: 3600 } }),
    ];
    for (const call of calls) {
      const { response, ms } = await timed(call);
      expect([response.status, response.body.code]).toEqual([503, 'UNAVAILABLE']);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(response.body.message).toMatch(/workflow service is unavailable/);
      expect(ms).toBeLessThan(BOUND_MS + 2000);
    }

    // The API as its own process (main.ts), serving a command when SIGTERM comes.
    const api: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'dist/apps/api/src/main.js')], {
      cwd: ROOT,
      env: { ...process.env, API_PORT: String(freePort), API_HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let apiLog = '';
    api.stdout?.on('data', (d) => {
      apiLog += d;
    });
    api.stderr?.on('data', (d) => {
      apiLog += d;
    });
    const apiExited = new Promise<number | null>((resolve) => api.once('exit', (code) => resolve(code)));
    await eventually(
      async () => expect(apiLog).toContain('listening'),
      30_000,
      () => apiLog,
    );
    const remote = request(`http://127.0.0.1:${freePort}`);
    const inFlight = remote
      .post(task('Q1-S1-PLAN_BUDGET', 'return'))
      .set(head)
      .send({ reason: 'x' })
      .then(
        (r) => r.status,
        () => 'closed',
      );
    await sleep(300);
    const termAt = Date.now();
    api.kill('SIGTERM');
    await apiExited;
    expect(Date.now() - termAt).toBeLessThan(SHUTDOWN_MS + 2000);
    expect([503, 'closed']).toContain(await inFlight);

    // The worker, with Temporal gone from under it, drains within its bound.
    const workerTermAt = Date.now();
    await stack.terminateWorker();
    expect(Date.now() - workerTermAt).toBeLessThan(SHUTDOWN_MS + 2000);

    // And the API in this process closes promptly too.
    const closeAt = Date.now();
    await stack.closeApi();
    expect(Date.now() - closeAt).toBeLessThan(SHUTDOWN_MS);
  }, 90_000);
});
