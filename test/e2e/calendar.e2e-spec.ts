/**
 * Personal calendar feeds over HTTP, end to end (real API, the worker as a child process, a real
 * Temporal dev server and a real database): the seed plan runs a compressed year that began two
 * and a quarter (two-hour) quarters ago, so Q1–Q2 tasks are overdue, Q3's are open and the first
 * 6-monthly reports are due. A unit head makes his feed and subscribes to it as a calendar would
 * (no sign-in, only the URL): parsed back by node-ical, it holds exactly his unit's pending tasks
 * and reports, each an all-day event on the last day before its due instant in Asia/Bangkok, with
 * a stable UID; another unit's head sees his own only, an acting head his unit's too while his
 * delegation is in force, and the Deputy Director holding oversight every report still open.
 * Replacing the feed makes the old URL a 404, revoking makes it one, an unknown or malformed
 * token is the same 404, every change is in the audit chain, and no secret reaches the log.
 */
import { createHash } from 'node:crypto';
import * as ical from 'node-ical';
import { bangkokDate } from '@ita/domain/access/authority';
import { AuthHeader, setUpOrganization, signIn } from '../support/accounts';
import { Stack, startStack } from '../support/stack';
import { eventually } from '../support/wait';

const QUARTER_S = 7200;
const PUBLIC_URL = 'https://ita.example.go.th';
const ORG = '/api/organizations/TCEB';
const FEED_PATH = /^https:\/\/ita\.example\.go\.th(\/api\/calendar\/([A-Za-z0-9_-]{43})\.ics)$/;

interface Listed {
  workflowId?: string;
  measureCode: string;
  fiscalYear: number;
  dueAt: string;
  dueAtThai: string;
}
type ListedTask = Listed & { taskKey: string; unitCode: string };
type ListedReport = Listed & { reportKey: string; units: string[] };

/** The last Bangkok day before a due instant, worked out here from the read model's instant. */
const lastDay = (dueAt: string) => new Date(Date.parse(dueAt) - 1 + 7 * 3_600_000).toISOString().slice(0, 10);
const sanitize = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '-');
const taskUid = (t: ListedTask) => `task-${sanitize(`measure/TCEB/${t.fiscalYear}/${t.measureCode}-${t.taskKey}`)}@ita`;
const reportUid = (r: ListedReport) =>
  `report-${sanitize(`measure/TCEB/${r.fiscalYear}/${r.measureCode}-${r.reportKey}`)}@ita`;
/** An all-day date as node-ical gives it: midnight of that day in this process's time zone. */
const localDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

describe('personal calendar feeds (e2e)', () => {
  let stack: Stack;
  let http: Stack['http'];
  let pbHead: AuthHeader;
  let hrHead: AuthHeader;
  let deputy: AuthHeader;
  let auditor: AuthHeader;
  const written: string[] = [];
  const workerLog = () => stack.workerLog();

  /** Every page of a list from the API. */
  const all = async <T>(url: string, who: AuthHeader): Promise<T[]> => {
    const items: T[] = [];
    for (let page = 1; ; page++) {
      const { body } = await http
        .get(`${url}${url.includes('?') ? '&' : '?'}pageSize=200&page=${page}`)
        .set(who)
        .expect(200);
      items.push(...body.items);
      if (items.length >= body.total) return items;
    }
  };
  /** What the feed of these units must hold, from the read model (as an auditor reads it): pending tasks, reports still to be sent. */
  const expectedForUnits = async (units: string[]) => {
    const events = new Map<string, { day: string; dueAtThai: string }>();
    for (const unit of units) {
      for (const t of await all<ListedTask>(`${ORG}/units/${unit}/inbox?status=open,returned,submitted`, auditor))
        events.set(taskUid(t), { day: lastDay(t.dueAt), dueAtThai: t.dueAtThai });
      for (const r of await all<ListedReport>(`${ORG}/reports?unit=${unit}&status=open,returned`, auditor))
        events.set(reportUid(r), { day: lastDay(r.dueAt), dueAtThai: r.dueAtThai });
    }
    return events;
  };
  /** The feed as a calendar application fetches it: no sign-in, the URL only. */
  const fetchFeed = async (path: string) => {
    const response = await http.get(path).buffer(true).expect(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text = response.text;
    const parsed = ical.sync.parseICS(text);
    const events = Object.values(parsed).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
    return { text, etag: response.headers.etag as string, calendar: parsed.vcalendar, events };
  };
  const feedDays = (events: ical.VEvent[]) => new Map(events.map((e) => [e.uid, localDay(e.start)]));
  const makeFeed = async (who: AuthHeader) => {
    const response = await http.post('/api/me/calendar').set(who).expect(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const match = FEED_PATH.exec(response.body.url);
    expect(match).not.toBeNull();
    return { path: match![1], token: match![2], createdAt: response.body.createdAt as string };
  };

  beforeAll(async () => {
    stack = await startStack(
      'calendar',
      { API_PUBLIC_URL: PUBLIC_URL },
      { apiLog: { write: (chunk: string) => void written.push(chunk) } },
    );
    http = stack.http;
    await setUpOrganization(stack.app);
    [pbHead, hrHead, deputy, auditor] = await Promise.all(
      ['tceb.plan-budget.head', 'tceb.hr.head', 'tceb.deputy', 'tceb.auditor'].map((u) => signIn(http, u)),
    );
    stack.startWorker();
    const planner = await signIn(http, 'tceb.planner');
    // The year began 2.25 quarters ago: the activation catches up (Q1–Q2 closed, their tasks
    // overdue; the first 6-monthly reports open and late), and nothing falls due for ten minutes.
    const startsAt = new Date(Date.now() - 2.25 * QUARTER_S * 1000).toISOString();
    const { body: activated } = await http
      .post(`${ORG}/plans/2565/activate`)
      .set(planner)
      .send({ calendar: { quarterSeconds: QUARTER_S, startsAt } })
      .expect(200);
    // Every measure has caught up (its first change, all of Q1–Q3 at once) before any feed is
    // compared with the read model: a measure still catching up would change both in between.
    await eventually(
      async () => {
        const { body: measures } = await http.get(`${ORG}/plans/2565/measures`).set(auditor).expect(200);
        const caughtUp = measures.filter(
          (m: { run: { currentQuarter: number | null } | null }) => m.run?.currentQuarter === 3,
        );
        expect(caughtUp).toHaveLength(activated.started.length);
        const { body } = await http.get(`${ORG}/reports?status=open&unit=PLAN_BUDGET`).set(pbHead).expect(200);
        expect(body.total).toBeGreaterThan(0);
        const { body: q3 } = await http.get(`${ORG}/units/PLAN_BUDGET/inbox?quarter=3`).set(pbHead).expect(200);
        expect(q3.total).toBeGreaterThan(0);
      },
      90_000,
      workerLog,
    );
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("gives a unit head a private feed of exactly his unit's due dates, on the last day in Bangkok, that a parser reads back", async () => {
    expect((await http.get('/api/me/calendar').set(pbHead).expect(200)).body).toEqual({
      active: false,
      createdAt: null,
      revokedAt: null,
    });
    const feed = await makeFeed(pbHead);
    expect((await http.get('/api/me/calendar').set(pbHead).expect(200)).body).toEqual({
      active: true,
      createdAt: feed.createdAt,
      revokedAt: null,
    });
    // Only the secret's hash is stored.
    const rows = await stack.dataSource.query('SELECT * FROM calendar_feed_token');
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(feed.token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(feed.token);

    // The feed and the read model agree (both read again until no measure is still catching up).
    const { calendar, events, etag, text } = await eventually(
      async () => {
        const expected = await expectedForUnits(['PLAN_BUDGET']);
        const got = await fetchFeed(feed.path);
        expect(feedDays(got.events)).toEqual(new Map([...expected].map(([uid, e]) => [uid, e.day])));
        for (const e of got.events) expect(e.description).toContain(expected.get(e.uid)!.dueAtThai);
        return got;
      },
      30_000,
      workerLog,
    );
    expect(calendar).toMatchObject({
      method: 'PUBLISH',
      'WR-CALNAME': expect.stringContaining('TCEB'),
      'WR-TIMEZONE': 'Asia/Bangkok',
    });
    const tasks = events.filter((e) => e.uid.startsWith('task-'));
    const reports = events.filter((e) => e.uid.startsWith('report-'));
    expect(tasks.length).toBeGreaterThan(0);
    expect(reports.length).toBeGreaterThan(0);
    // His unit's only, all-day, in Thai, linked to their pages in the web app at the public URL.
    expect(tasks.every((e) => e.uid.endsWith('-PLAN_BUDGET@ita'))).toBe(true);
    expect(events.every((e) => e.datetype === 'date')).toBe(true);
    expect(tasks.every((e) => String(e.description).includes('หน่วยงาน: PLAN_BUDGET\n'))).toBe(true);
    expect(reports.every((e) => /หน่วยงาน: [^\n]*\bPLAN_BUDGET\b/.test(String(e.description)))).toBe(true);
    const q1 = tasks.find((e) => e.uid === 'task-measure-TCEB-2565-M01-I7-Q1-S1-PLAN_BUDGET@ita')!;
    expect(q1.summary).toBe('ครบกำหนด: มาตรการ M01-I7 ขั้นตอนที่ 1 (ไตรมาสที่ 1)');
    expect(q1.url).toBe(`${PUBLIC_URL}/#/tasks/2565/M01-I7/Q1-S1-PLAN_BUDGET`);
    expect(q1.description).toContain('(เลยกำหนด)');
    const semiannual = reports.find((e) => e.uid === 'report-measure-TCEB-2565-M01-I7-semiannual-1@ita')!;
    expect(semiannual.summary).toMatch(/^ครบกำหนดส่งรายงาน: มาตรการ M01-I7 รอบ 6 เดือนแรก/);
    expect(semiannual.url).toBe(`${PUBLIC_URL}/#/measures/2565/M01-I7`);
    // Q3's tasks fall due at its end, today or tomorrow in Bangkok on this compressed calendar.
    const q3Day = tasks.find((e) => e.uid.includes('-Q3-'))!;
    expect([bangkokDate(Date.now()), bangkokDate(Date.now() + 86_400_000)]).toContain(localDay(q3Day.start));

    // Asked again with its entity tag: 304, nothing sent.
    expect(etag).toMatch(/^W\/"/);
    const again = await http.get(feed.path).set('If-None-Match', etag).expect(304);
    expect(again.text ?? '').toBe('');
    expect(text).toContain('\r\nX-WR-TIMEZONE:Asia/Bangkok\r\n');
  });

  it("shows another unit's head his own unit only, and an acting head the unit he stands in for while in force", async () => {
    const feed = await makeFeed(hrHead);
    const hr = await expectedForUnits(['HR']);
    const { events } = await fetchFeed(feed.path);
    expect(feedDays(events)).toEqual(new Map([...hr].map(([uid, e]) => [uid, e.day])));
    expect(events.some((e) => e.uid.startsWith('task-') && !e.uid.endsWith('-HR@ita'))).toBe(false);
    expect(events.every((e) => /หน่วยงาน: [^\n]*\bHR\b/.test(String(e.description)))).toBe(true);

    const today = bangkokDate(Date.now());
    const { body: delegation } = await http
      .post(`${ORG}/delegations`)
      .set(pbHead)
      .send({
        kind: 'unit-head',
        unitCode: 'PLAN_BUDGET',
        delegate: 'tceb.hr.head',
        startsOn: today,
        endsOn: today,
        reason: 'ลาพักร้อน',
      })
      .expect(201);
    const acting = await fetchFeed(feed.path);
    const both = await expectedForUnits(['HR', 'PLAN_BUDGET']);
    expect(feedDays(acting.events)).toEqual(new Map([...both].map(([uid, e]) => [uid, e.day])));
    // Acting for two units, his tasks' titles say which.
    expect(acting.events.find((e) => e.uid.endsWith('-PLAN_BUDGET@ita'))!.summary).toMatch(/ · PLAN_BUDGET$/);
    await http.post(`${ORG}/delegations/${delegation.id}/revoke`).set(pbHead).expect(200);
    expect(feedDays((await fetchFeed(feed.path)).events)).toEqual(feedDays(events));
  });

  it('gives the Deputy Director holding oversight every report of the organization still open, returned or awaiting decision', async () => {
    const feed = await makeFeed(deputy);
    const { events } = await fetchFeed(feed.path);
    const open = await all<ListedReport>(`${ORG}/reports?status=open,returned,submitted`, deputy);
    expect(open.length).toBeGreaterThan(1);
    expect(feedDays(events)).toEqual(new Map(open.map((r) => [reportUid(r), lastDay(r.dueAt)])));
    // An auditor may have a feed too: he has nothing to act on.
    const auditorFeed = await makeFeed(auditor);
    expect((await fetchFeed(auditorFeed.path)).events).toEqual([]);
  });

  it('stops the old URL when the feed is replaced or revoked, answers any other URL with the same bare 404, and audits every change', async () => {
    const first = await makeFeed(pbHead);
    const second = await makeFeed(pbHead);
    expect(second.token).not.toBe(first.token);
    const gone = (await http.get(first.path).expect(404)).body;
    expect(gone).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'no such calendar feed',
      problems: [{ path: 'token', message: 'not found' }],
    });
    await fetchFeed(second.path);
    expect((await http.get('/api/me/calendar').set(pbHead).expect(200)).body).toMatchObject({
      active: true,
      createdAt: second.createdAt,
    });

    await http.post('/api/me/calendar/revoke').set(pbHead).expect(204);
    expect((await http.get(second.path).expect(404)).body).toEqual(gone);
    expect((await http.post('/api/me/calendar/revoke').set(pbHead).expect(404)).body.problems[0].path).toBe('calendar');
    const status = (await http.get('/api/me/calendar').set(pbHead).expect(200)).body;
    expect(status).toMatchObject({ active: false, createdAt: null, revokedAt: expect.any(String) });

    // No token, a malformed one, a well-formed unknown one, one with a sign-in: nothing to see.
    const unknown = `/api/calendar/${Buffer.alloc(32, 7).toString('base64url')}.ics`;
    expect((await http.get(unknown).expect(404)).body).toEqual(gone);
    expect((await http.get(unknown).set(pbHead).expect(404)).body).toEqual(gone);
    expect((await http.get('/api/calendar/not-a-token.ics').expect(404)).body).toEqual(gone);
    expect((await http.get(`/api/calendar/${second.token}`).expect(404)).body.statusCode).toBe(404);
    expect((await http.get('/api/calendar/.ics').expect(404)).body.statusCode).toBe(404);
    await http.get('/api/me/calendar').expect(401);
    await http.post('/api/me/calendar').expect(401);
    // Nothing but the server makes the URL.
    expect((await http.post('/api/me/calendar').set(pbHead).send({ token: 'mine' }).expect(400)).body.code).toBe(
      'INVALID_ARGUMENT',
    );

    const { body: trail } = await http
      .get(`${ORG}/audit/entries?action=account.&pageSize=200`)
      .set(auditor)
      .expect(200);
    const mine = trail.items
      .filter(
        (e: { key: string; action: string }) => e.key === 'tceb.plan-budget.head' && e.action.includes('calendar'),
      )
      .map((e: { action: string; actor: { id: string }; entity: string }) => `${e.action} ${e.actor.id} ${e.entity}`);
    expect(mine).toEqual([
      'account.calendar-created tceb.plan-budget.head account',
      'account.calendar-replaced tceb.plan-budget.head account',
      'account.calendar-replaced tceb.plan-budget.head account',
      'account.calendar-revoked tceb.plan-budget.head account',
    ]);
    expect(JSON.stringify(trail)).not.toMatch(new RegExp(`${first.token}|${second.token}`));
    expect((await http.get(`${ORG}/audit/verify`).set(auditor).expect(200)).body).toMatchObject({ ok: true });

    // The request log has each feed request, with its secret replaced.
    const log = written.join('');
    expect(log).not.toContain(first.token);
    expect(log).not.toContain(second.token);
    const feedLines = log
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { route?: string; url?: string; status?: number })
      .filter((l) => l.route === '/api/calendar/:token.ics');
    expect(feedLines.length).toBeGreaterThan(3);
    expect(new Set(feedLines.map((l) => l.url))).toEqual(new Set(['/api/calendar/[Redacted].ics']));
  });
});
