/**
 * Closing a fiscal year over HTTP, end to end (real API, the worker as a child process, a real
 * Temporal dev server and a real database, SQLite or MariaDB with TEST_DATABASE_URL): the seed
 * plan runs a compressed year (20-second quarters) in which nobody works, so every measure ends
 * it with its reports undelivered and escalating. Closing is refused before the year's end and to
 * a unit head; after it the Deputy Director (holding the Director's delegation) closes the year:
 * every measure workflow completes, the reports are recorded not delivered and the escalations
 * end, the plan is closed with a `plan.closed` entry in the hash chain, and closing again (or
 * activating again) changes nothing.
 */
import { AuthHeader, setUpOrganization, signIn } from '../support/accounts';
import { Stack, startStack } from '../support/stack';
import { eventually, sleep } from '../support/wait';

const QUARTER_S = 20;
const ORG = '/api/organizations/TCEB';
const CLOSE = `${ORG}/plans/2565/close`;

describe('closing a fiscal year over HTTP (e2e)', () => {
  let stack: Stack;
  let http: Stack['http'];
  let deputy: AuthHeader;
  let director: AuthHeader;
  let pbHead: AuthHeader;
  let auditor: AuthHeader;
  let planner: AuthHeader;
  const workerLog = () => stack.workerLog();
  const planClosings = async () =>
    (await http.get(`${ORG}/audit/entries?action=plan.closed`).set(auditor).expect(200)).body;
  const planStatus = async () =>
    (await http.get('/api/organizations').set(auditor).expect(200)).body[0].plans.find(
      (p: { fiscalYear: number }) => p.fiscalYear === 2565,
    ).status;

  beforeAll(async () => {
    stack = await startStack('year-close');
    http = stack.http;
    await setUpOrganization(stack.app);
    [deputy, director, pbHead, auditor, planner] = await Promise.all(
      ['tceb.deputy', 'tceb.director', 'tceb.plan-budget.head', 'tceb.auditor', 'tceb.planner'].map((u) =>
        signIn(http, u),
      ),
    );
    stack.startWorker();
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('closes the year once it is over: every measure completes, undelivered reports and ended escalations recorded, the plan closed and audited', async () => {
    const { body: activated } = await http
      .post(`${ORG}/plans/2565/activate`)
      .set(planner)
      .send({ calendar: { quarterSeconds: QUARTER_S, startsAt: new Date(Date.now() + 2000).toISOString() } })
      .expect(200);
    expect(activated.started).toHaveLength(11);
    const end = Date.parse(activated.calendar.end);

    // Before the year's end: refused by the measures themselves, naming the year; nothing changes.
    await eventually(
      async () => {
        const { body } = await http.get(`${ORG}/units/PLAN_BUDGET/inbox?measure=M01-I7`).set(pbHead).expect(200);
        expect(body.total).toBeGreaterThan(0);
      },
      20_000,
      workerLog,
    );
    const early = await http.post(CLOSE).set(director).set('Idempotency-Key', 'close-early').expect(409);
    expect(early.body.problems[0]).toMatchObject({ path: 'fiscalYear' });
    expect(early.body.message).toMatch(/fiscal year 2565 ends at .*; it can be closed only after its end/);
    // A unit head may not close a year at all (the route's rule).
    expect((await http.post(CLOSE).set(pbHead).expect(403)).body.problems[0].path).toBe('role');
    expect(await planStatus()).toBe('active');
    expect((await planClosings()).total).toBe(0);

    // Nobody works the year: once it is over, every measure's 6-monthly reports are late and escalating.
    await sleep(Math.max(0, end - Date.now()) + 4000);
    await eventually(
      async () => {
        const { body } = await http.get(`${ORG}/escalations?pageSize=200`).set(deputy).expect(200);
        expect(body.items.filter((e: { reportKey: string }) => e.reportKey === 'semiannual-2').length).toBeGreaterThan(
          0,
        );
      },
      30_000,
      workerLog,
    );
    const openBefore = (await http.get(`${ORG}/escalations?pageSize=200`).set(deputy).expect(200)).body.total;
    expect(openBefore).toBeGreaterThanOrEqual(11);

    const closed = await http.post(CLOSE).set(deputy).set('Idempotency-Key', 'close-2565').expect(200);
    const result = closed.body;
    expect(result).toMatchObject({ organization: 'TCEB', fiscalYear: 2565, planStatus: 'closed' });
    expect(result.totals).toMatchObject({ closed: 11, alreadyCompleted: 0, notRunning: 1, refused: 0 });
    expect(result.totals.escalationsEnded).toBeGreaterThanOrEqual(openBefore);
    const m01 = result.measures.find((m: { measureCode: string }) => m.measureCode === 'M01-I7');
    expect(m01).toMatchObject({
      workflowId: 'measure/TCEB/2565/M01-I7',
      outcome: 'closed',
      reason: null,
      closedBy: 'tceb.deputy',
      reportsNotDelivered: ['semiannual-1', 'semiannual-2'],
      reportsNotDecided: [],
      escalationsEnded: ['semiannual-1', 'semiannual-2'],
      tasksNotDone: 9,
      tasksNotDecided: 0,
    });
    expect(result.measures.find((m: { measureCode: string }) => m.measureCode === 'FRAG-E3-E7-E9')).toMatchObject({
      outcome: 'not-running',
      reason: expect.stringContaining('incomplete'),
    });
    expect(result.totals.reportsNotDelivered).toBe(
      result.measures.reduce((n: number, m: { reportsNotDelivered: string[] }) => n + m.reportsNotDelivered.length, 0),
    );

    // The measure's workflow has completed, and the read model says what the closing recorded.
    const { body: state } = await http.get(`${ORG}/plans/2565/measures/M01-I7/state`).set(auditor).expect(200);
    expect(state).toMatchObject({ status: 'completed', closed: { by: 'tceb.deputy', authority: expect.any(String) } });
    expect(state.reports[0].escalation).toMatchObject({ endReason: 'year closed', endedAt: m01.closedAt });
    const { body: measures } = await http.get(`${ORG}/plans/2565/measures`).set(auditor).expect(200);
    expect(
      measures
        .filter((m: { run: { status: string } | null }) => m.run)
        .map((m: { run: { status: string } }) => m.run.status),
    ).toEqual(Array(11).fill('completed'));
    const { body: undelivered } = await http
      .get(`${ORG}/reports?status=not-delivered&measure=M01-I7`)
      .set(auditor)
      .expect(200);
    expect(undelivered.items.map((r: { reportKey: string }) => r.reportKey).sort()).toEqual([
      'semiannual-1',
      'semiannual-2',
    ]);
    expect((await http.get(`${ORG}/escalations`).set(deputy).expect(200)).body.total).toBe(0);
    const { body: ended } = await http.get(`${ORG}/escalations?status=resolved&pageSize=200`).set(deputy).expect(200);
    expect(ended.total).toBe(result.totals.escalationsEnded);
    expect(ended.items.every((e: { endReason: string | null }) => e.endReason === 'year closed')).toBe(true);
    const { body: tasks } = await http.get(`${ORG}/plans/2565/measures/M01-I7/tasks`).set(auditor).expect(200);
    expect(new Set(tasks.map((t: { status: string }) => t.status))).toEqual(new Set(['not-done']));
    const { body: timeline } = await http.get(`${ORG}/plans/2565/measures/M01-I7/timeline`).set(auditor).expect(200);
    expect(
      timeline
        .filter((e: { actor: { id: string } }) => e.actor.id === 'tceb.deputy')
        .map((e: { action: string }) => e.action)
        .filter((a: string) => !a.startsWith('task.')),
    ).toEqual([
      'report.not-delivered',
      'escalation.ended',
      'report.not-delivered',
      'escalation.ended',
      'measure.closed',
    ]);

    // The year's own entry in the hash chain: which year, who, when, under which delegation, what it did.
    expect(await planStatus()).toBe('closed');
    const { items, total } = await planClosings();
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      action: 'plan.closed',
      actor: { id: 'tceb.deputy', role: 'deputy-director', unit: null },
      authority: expect.stringMatching(/^delegation \d+ \(oversight\) from tceb\.director$/),
      entity: 'plan',
      key: '2565',
      fiscalYear: 2565,
      workflowId: 'organization/TCEB',
      before: { status: 'active' },
      after: {
        status: 'closed',
        fiscalYear: 2565,
        revision: 1,
        notRunning: ['FRAG-E3-E7-E9'],
        alreadyCompleted: [],
        reportsNotDelivered: result.totals.reportsNotDelivered,
        escalationsEnded: result.totals.escalationsEnded,
        tasksNotDone: result.totals.tasksNotDone,
      },
    });
    expect(items[0].after.closed).toHaveLength(11);
    expect(Date.parse(items[0].at)).toBeGreaterThan(end);
    expect((await http.get(`${ORG}/audit/verify`).set(auditor).expect(200)).body).toMatchObject({ ok: true });

    // The same command again is answered as before; a new one finds everything completed and records nothing.
    const again = await http.post(CLOSE).set(deputy).set('Idempotency-Key', 'close-2565').expect(200);
    expect([again.headers['idempotency-replayed'], again.body]).toEqual(['true', result]);
    const { body: repeat } = await http.post(CLOSE).set(director).expect(200);
    expect(repeat.totals).toMatchObject({ closed: 0, alreadyCompleted: 11, notRunning: 1, refused: 0 });
    expect(repeat.measures.find((m: { measureCode: string }) => m.measureCode === 'M01-I7')).toEqual({
      ...m01,
      outcome: 'already-completed',
    });
    expect((await planClosings()).total).toBe(1);
    // A closed year does not run again.
    expect(
      (await http.post(`${ORG}/plans/2565/activate`).set(planner).send({}).expect(409)).body.problems[0].path,
    ).toBe('fiscalYear');
  }, 240_000);
});
