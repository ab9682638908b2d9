/**
 * Operations over the real stack (the API in this process writing its JSON log lines to a buffer,
 * the worker as a child process from the build, a real Temporal dev server and a real database):
 *  - the request log: one JSON line per request with its request id (taken or made, and echoed),
 *    route template, URL, status, duration and actor; no password, token or OIDC code anywhere;
 *  - metrics: the api's request histogram by route template on its own port (not the public
 *    one), and the worker's Temporal SDK metrics from the SDK's exporter;
 *  - readiness: 200 with everything up, staying 200 while the worker idles, and 503 naming the
 *    worker once it is killed; liveness unchanged.
 *
 * The readiness window. The server keeps a killed worker among the queue's pollers for minutes,
 * with the time it last polled, so "down" can only mean "no poll for a while". An idle worker
 * polls again each time the server gives up holding its poll: a minute by default (hence the 90 s
 * default of READY_WORKER_POLL_SECONDS). Here the dev server gives up after LONG_POLL_S, and the
 * window is three of those: an idle worker is seen polling at least every LONG_POLL_S (plus a
 * round trip), well inside the window, and a killed one is reported down at most WINDOW_S after
 * its last poll, so the test waits WINDOW_S plus a margin rather than a minute and a half.
 */
import type { Stack } from '../support/stack';
import { readAccounts, setUpOrganization, signIn } from '../support/accounts';
import { freePort } from '../support/ports';
import { startStack } from '../support/stack';
import { eventually, sleep } from '../support/wait';

const JWT_SECRET = 'operations-e2e-secret-0123456789abcdef';
const LONG_POLL_S = 4;
const WINDOW_S = 3 * LONG_POLL_S;
const ORG = '/api/organizations/TCEB';
const M01 = `${ORG}/plans/2565/measures/M01-I7`;
const SUBMIT_ROUTE = '/api/organizations/:organization/plans/:fiscalYear/measures/:code/tasks/:taskKey/submit';

describe('operations: request log, metrics, readiness (e2e)', () => {
  let stack: Stack;
  let apiMetricsUrl: string;
  let workerMetricsUrl: string;
  const written: string[] = [];
  const lines = () => written.join('').split('\n').filter(Boolean);
  const entries = () => lines().map((line) => JSON.parse(line) as Record<string, unknown>);
  const byRequestId = (id: string) =>
    eventually(async () => {
      const found = entries().filter((e) => e.requestId === id && 'status' in e);
      expect(found).toHaveLength(1);
      return found[0];
    }, 5000);
  const scrape = async (url: string) => {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    expect(response.status).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    const apiMetricsPort = await freePort();
    const workerMetricsAddress = `127.0.0.1:${await freePort()}`;
    apiMetricsUrl = `http://127.0.0.1:${apiMetricsPort}/metrics`;
    workerMetricsUrl = `http://${workerMetricsAddress}/metrics`;
    stack = await startStack(
      'ops',
      {
        JWT_SECRET,
        METRICS_PORT: String(apiMetricsPort),
        WORKER_METRICS_ADDRESS: workerMetricsAddress,
        READY_WORKER_POLL_SECONDS: String(WINDOW_S),
      },
      {
        apiLog: {
          write: (chunk: string) => {
            written.push(chunk);
          },
        },
        temporalArgs: ['--dynamic-config-value', `matching.longPollExpirationInterval="${LONG_POLL_S}s"`],
      },
    );
    await setUpOrganization(stack.app);
    stack.startWorker();
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('logs one JSON line per request with its id, route, status, duration and actor, and never a password, token or code', async () => {
    const { http } = stack;
    const password = readAccounts().demoPassword;
    await http
      .post('/api/auth/login')
      .set('X-Request-Id', 'ops-failed-sign-in')
      .send({ username: 'tceb.plan-budget.staff', password: 'wrong-secret-ops' })
      .expect(401);
    const { body: tokens } = await http
      .post('/api/auth/login')
      .send({ username: 'tceb.plan-budget.staff', password })
      .expect(200);
    const { body: refreshed } = await http
      .post('/api/auth/refresh')
      .send({ refreshToken: tokens.refreshToken })
      .expect(200);
    const staff = { Authorization: `Bearer ${refreshed.accessToken}` };
    const planner = await signIn(http, 'tceb.planner');
    await http.get('/api/auth/oidc/callback?code=oidc-code-secret&state=oidc-state-secret');

    // A command on a route with parameters: Q1's tasks open at once on a long first quarter.
    await http
      .post(`${ORG}/plans/2565/activate`)
      .set(planner)
      .send({ calendar: { quarterSeconds: 3600 } })
      .expect(200);
    await eventually(
      async () =>
        expect(
          (await http.get(`${ORG}/units/PLAN_BUDGET/inbox?measure=M01-I7&quarter=1`).set(staff).expect(200)).body.total,
        ).toBe(3),
      30_000,
      stack.workerLog,
    );
    const submitted = await http
      .post(`${M01}/tasks/Q1-S1-PLAN_BUDGET/submit`)
      .set(staff)
      .set('X-Request-Id', 'ops-submit-1')
      .send({ note: 'จัดประชุมแล้ว', progress: 'partly-done', evidence: [] })
      .expect(200);
    expect(submitted.headers['x-request-id']).toBe('ops-submit-1');
    const made = await http.get('/api/auth/me').set(staff).set('X-Request-Id', 'not a sane id; "quoted"');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    expect(await byRequestId('ops-submit-1')).toEqual(
      expect.objectContaining({
        level: 'info',
        service: 'api',
        requestId: 'ops-submit-1',
        method: 'POST',
        route: SUBMIT_ROUTE,
        url: `${M01}/tasks/Q1-S1-PLAN_BUDGET/submit`,
        status: 200,
        durationMs: expect.any(Number),
        actor: 'tceb.plan-budget.staff',
      }),
    );
    expect(await byRequestId('ops-failed-sign-in')).toEqual(
      expect.objectContaining({ level: 'warn', route: '/api/auth/login', status: 401, actor: null }),
    );
    expect(await byRequestId(made.headers['x-request-id'])).toEqual(
      expect.objectContaining({ route: '/api/auth/me', status: 200, actor: 'tceb.plan-budget.staff' }),
    );
    const callback = entries().find((e) => e.route === '/api/auth/oidc/callback');
    expect(callback?.url).toBe('/api/auth/oidc/callback?code=[Redacted]&state=[Redacted]');
    // Nest's own lines are JSON lines of the same logger.
    expect(entries().some((e) => e.context === 'NestApplication')).toBe(true);
    expect(entries().filter((e) => e.context === 'LegacyRouteConverter')).toEqual([]);

    const output = written.join('');
    for (const secret of [
      'wrong-secret-ops',
      password,
      tokens.accessToken,
      tokens.refreshToken,
      refreshed.accessToken,
      refreshed.refreshToken,
      planner.Authorization,
      'oidc-code-secret',
      'oidc-state-secret',
    ]) {
      expect(output.includes(secret) ? `the log holds ${secret.slice(0, 12)}…` : 'absent').toBe('absent');
    }
    expect(output).not.toMatch(/bearer|authorization|cookie/i);
  }, 90_000);

  it("serves the api's request histogram and process metrics on the metrics port only, and the worker's Temporal metrics", async () => {
    const api = await scrape(apiMetricsUrl);
    expect(api).toMatch(
      /^http_request_duration_seconds_bucket\{.*route="\/api\/organizations\/:organization\/plans\/:fiscalYear\/measures\/:code\/tasks\/:taskKey\/submit".*\} \d+/m,
    );
    expect(api).toMatch(
      /^http_request_duration_seconds_count\{method="POST",route="\/api\/auth\/login",status_code="401"\} 1$/m,
    );
    expect(api).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(api).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    // Not on the public port: there /metrics is at most the web app's page.
    expect((await stack.http.get('/metrics')).text ?? '').not.toContain('http_request_duration_seconds');
    expect((await stack.http.get('/api/metrics')).status).toBe(404);

    const worker = await eventually(
      async () => {
        const text = await scrape(workerMetricsUrl);
        expect(text).toMatch(/^temporal_workflow_task_execution_latency_bucket\{/m);
        return text;
      },
      20_000,
      stack.workerLog,
    );
    expect(worker).toMatch(/^temporal_num_pollers\{.*poller_type="workflow_task".*\} \d/m);
  });

  it('is ready with the worker polling, stays ready while it idles, and says the worker is down once it is killed', async () => {
    const { http } = stack;
    const ready = await eventually(
      async () => (await http.get('/api/health/ready').expect(200)).body,
      20_000,
      stack.workerLog,
    );
    expect(ready).toMatchObject({
      status: 'ok',
      details: {
        database: { status: 'up' },
        temporal: { status: 'up', serverVersion: expect.any(String) },
        worker: {
          status: 'up',
          taskQueue: expect.stringMatching(/^ops-/),
          pollers: expect.any(Number),
          lastPollAt: expect.any(String),
        },
      },
    });
    // Idle for more than two of the server's long polls: an idle worker never looks gone.
    for (const until = Date.now() + 2.5 * LONG_POLL_S * 1000; Date.now() < until; await sleep(1000)) {
      const { status, body } = await http.get('/api/health/ready');
      expect([status, body.error]).toEqual([200, {}]);
    }

    await stack.killWorker();
    const down = await eventually(
      async () => (await http.get('/api/health/ready').expect(503)).body,
      (WINDOW_S + LONG_POLL_S + 10) * 1000,
    );
    expect(down).toMatchObject({
      status: 'error',
      info: { database: { status: 'up' }, temporal: { status: 'up' } },
      error: {
        worker: {
          status: 'down',
          message: `no worker has polled task queue "${ready.details.worker.taskQueue}" in the last ${WINDOW_S} s`,
        },
      },
    });
    expect(Object.keys(down.error)).toEqual(['worker']);
    // Liveness is not readiness: the API itself is fine.
    expect((await http.get('/api/health').expect(200)).body).toEqual({ status: 'ok', database: expect.any(String) });

    stack.startWorker();
    await eventually(async () => http.get('/api/health/ready').expect(200), 30_000, stack.workerLog);
  }, 120_000);
});
