/**
 * The notification centre, preferences and the organization's notification settings over HTTP,
 * end to end (the real API and database; the worker is not needed: the notifications are written
 * as the notifier writes them). Each person sees and marks only his own; bad parameters and bodies
 * are 400s naming every field at fault; preferences are kept and not audited; reminder days and
 * the webhook are audited as organization.updated, and the webhook's secret is answered once and
 * is nowhere in the audit trail or any later answer.
 */
import { setUpOrganization, signIn, type AuthHeader } from '../support/accounts';
import { seedNotifications } from '../support/notifications';
import { Stack, startStack } from '../support/stack';

const ORG = '/api/organizations/TCEB';
const HEAD = 'tceb.plan-budget.head';

describe('notification centre, preferences and settings (e2e)', () => {
  let stack: Stack;
  let http: Stack['http'];
  let head: AuthHeader;
  let staff: AuthHeader;
  let planner: AuthHeader;
  let director: AuthHeader;
  let auditor: AuthHeader;
  let ids: string[];

  const administrative = async () =>
    (await http.get(`${ORG}/audit/entries?action=organization.&pageSize=100`).set(auditor).expect(200)).body.items;

  beforeAll(async () => {
    stack = await startStack('notification-centre');
    http = stack.http;
    await setUpOrganization(stack.app);
    [head, staff, planner, director, auditor] = await Promise.all(
      [HEAD, 'tceb.plan-budget.staff', 'tceb.planner', 'tceb.director', 'tceb.auditor'].map((u) => signIn(http, u)),
    );
    ids = await seedNotifications(
      stack.dataSource,
      HEAD,
      [1, 2, 3].map((i) => ({
        kind: 'task-opened' as const,
        title: `งานใหม่ ${i}`,
        body: `ขั้นตอนที่ ${i}`,
        link: `/#/tasks/2565/M01-I7/Q1-S${i}-PLAN_BUDGET`,
        createdAt: `2026-10-0${i}T01:00:00.000Z`,
      })),
    );
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('lists my own notifications newest first with the unread count, and refuses bad parameters naming them', async () => {
    const { body } = await http.get('/api/me/notifications').set(head).expect(200);
    expect(body.unread).toBe(3);
    expect(body.items.map((n: any) => n.title)).toEqual(['งานใหม่ 3', 'งานใหม่ 2', 'งานใหม่ 1']);
    expect(body.items[0]).toEqual({
      id: ids[2],
      kind: 'task-opened',
      title: 'งานใหม่ 3',
      body: 'ขั้นตอนที่ 3',
      link: '/#/tasks/2565/M01-I7/Q1-S3-PLAN_BUDGET',
      createdAt: '2026-10-03T01:00:00.000Z',
      readAt: null,
    });
    expect((await http.get('/api/me/notifications?limit=1').set(head).expect(200)).body).toMatchObject({
      unread: 3,
      items: [{ id: ids[2] }],
    });
    expect((await http.get('/api/me/notifications').set(staff).expect(200)).body).toEqual({ unread: 0, items: [] });
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=x', 'limit'],
      ['unread=yes', 'unread'],
    ]) {
      const { body: refused } = await http.get(`/api/me/notifications?${query}`).set(head).expect(400);
      expect([query, refused.problems.map((p: any) => p.path)]).toEqual([query, [field]]);
    }
  });

  it('marks one read (404 naming id for one not mine), then all; the unread count follows', async () => {
    await http.post(`/api/me/notifications/${ids[0]}/read`).set(head).expect(204);
    await http.post(`/api/me/notifications/${ids[0]}/read`).set(head).expect(204);
    const { body: one } = await http.get('/api/me/notifications?unread=true').set(head).expect(200);
    expect(one.unread).toBe(2);
    expect(one.items.map((n: any) => n.id)).toEqual([ids[2], ids[1]]);
    for (const id of [ids[1], 'not-an-id']) {
      const { body: refused } = await http.post(`/api/me/notifications/${id}/read`).set(staff).expect(404);
      expect(refused.problems).toEqual([{ path: 'id', message: 'not one of your notifications' }]);
    }
    expect((await http.post('/api/me/notifications/read-all').set(staff).expect(200)).body).toEqual({ marked: 0 });
    expect((await http.post('/api/me/notifications/read-all').set(head).expect(200)).body).toEqual({ marked: 2 });
    const { body: all } = await http.get('/api/me/notifications').set(head).expect(200);
    expect(all.unread).toBe(0);
    expect(all.items.every((n: any) => typeof n.readAt === 'string')).toBe(true);
    expect((await http.post('/api/me/notifications/read-all').set(head).expect(200)).body).toEqual({ marked: 0 });
  });

  it('keeps my preferences (defaults first, my address shown), refuses bad ones field by field, and audits none', async () => {
    const { body: defaults } = await http.get('/api/me/notification-preferences').set(head).expect(200);
    expect(defaults).toMatchObject({
      language: 'th',
      digestHour: 8,
      email: 'tceb.plan-budget.head@tceb.example',
      updatedAt: null,
    });
    expect(defaults.emailKinds).toEqual(defaults.kinds);
    expect(defaults.kinds).toContain('task-opened');
    const before = (await administrative()).length;

    const { body: refused } = await http
      .put('/api/me/notification-preferences')
      .set(head)
      .send({ language: 'fr', digestHour: 24, emailKinds: ['task-opened', 'nothing', 'task-opened'] })
      .expect(400);
    expect(refused.problems.map((p: any) => p.path)).toEqual(['language', 'digestHour', 'emailKinds[1]']);
    const { body: twice } = await http
      .put('/api/me/notification-preferences')
      .set(head)
      .send({ language: 'en', digestHour: 7.5, emailKinds: ['task-opened', 'task-opened'] })
      .expect(400);
    expect(twice.problems.map((p: any) => `${p.path}: ${p.message}`)).toEqual([
      'digestHour: must be a whole number from 0 to 23',
      'emailKinds: lists a kind twice',
    ]);

    const chosen = { language: 'en', digestHour: 17, emailKinds: ['report-returned', 'task-returned'] };
    const { body: saved } = await http.put('/api/me/notification-preferences').set(head).send(chosen).expect(200);
    // Kinds are kept in the domain's order.
    expect(saved).toMatchObject({ ...chosen, emailKinds: ['task-returned', 'report-returned'] });
    expect(saved.updatedAt).toEqual(expect.any(String));
    expect((await http.get('/api/me/notification-preferences').set(head).expect(200)).body).toEqual(saved);
    // Someone else's are his own.
    expect((await http.get('/api/me/notification-preferences').set(staff).expect(200)).body.digestHour).toBe(8);
    expect((await administrative()).length).toBe(before);
  });

  it("sets the organization's reminder days and webhook, audited as organization.updated, the secret shown once only", async () => {
    expect((await http.get(`${ORG}/notification-settings`).set(planner).expect(200)).body).toEqual({
      reminderDays: [7, 1],
      webhook: null,
    });
    for (const [reminderDays, paths] of [
      [
        [0, 61, 1.5],
        ['reminderDays[0]', 'reminderDays[1]', 'reminderDays[2]'],
      ],
      [[1, 2, 3, 4, 5, 6], ['reminderDays']],
      [[3, 3], ['reminderDays']],
      [[], ['reminderDays']],
      ['7', ['reminderDays']],
    ] as const) {
      const { body } = await http.put(`${ORG}/notification-settings`).set(planner).send({ reminderDays }).expect(400);
      expect([reminderDays, body.problems.map((p: any) => p.path)]).toEqual([reminderDays, paths]);
    }
    const { body: set } = await http
      .put(`${ORG}/notification-settings`)
      .set(planner)
      .send({ reminderDays: [1, 14, 3] })
      .expect(200);
    expect(set).toEqual({ reminderDays: [14, 3, 1], webhook: null });
    await http
      .put(`${ORG}/notification-settings`)
      .set(director)
      .send({ reminderDays: [3, 14, 1] })
      .expect(200);

    for (const url of [
      'ftp://hooks.example/x',
      'not a url',
      'https://user:pw@hooks.example/',
      `https://x.example/${'a'.repeat(500)}`,
    ]) {
      const { body } = await http.put(`${ORG}/webhook`).set(director).send({ url }).expect(400);
      expect(body.problems.map((p: any) => p.path)).toEqual(['url']);
    }
    const url = 'https://hooks.tceb.example/ita';
    const { body: first } = await http.put(`${ORG}/webhook`).set(director).send({ url }).expect(200);
    expect(first).toEqual({ url, secret: expect.stringMatching(/^[0-9a-f]{64}$/), registeredAt: expect.any(String) });
    const { body: shown } = await http.get(`${ORG}/notification-settings`).set(director).expect(200);
    expect(shown).toEqual({ reminderDays: [14, 3, 1], webhook: { url, registeredAt: first.registeredAt } });
    const { body: second } = await http.put(`${ORG}/webhook`).set(planner).send({ url }).expect(200);
    expect(second.secret).not.toBe(first.secret);
    await http.delete(`${ORG}/webhook`).set(planner).expect(204);
    expect((await http.get(`${ORG}/notification-settings`).set(planner).expect(200)).body.webhook).toBeNull();
    await http.delete(`${ORG}/webhook`).set(planner).expect(204); // none: no change, nothing recorded

    const entries = (await administrative()).filter((e: any) => e.action === 'organization.updated');
    expect(entries.map((e: any) => [e.actor.id, e.before, e.after])).toEqual([
      ['tceb.planner', { reminderDays: null }, { reminderDays: [14, 3, 1] }],
      ['tceb.director', { webhookUrl: null }, { webhookUrl: url, secretReplaced: true }],
      ['tceb.planner', { webhookUrl: url }, { webhookUrl: url, secretReplaced: true }],
      ['tceb.planner', { webhookUrl: url }, { webhookUrl: null }],
    ]);
    const csv = await http.get(`${ORG}/audit/entries.csv?action=organization.`).set(auditor).expect(200);
    const everything = JSON.stringify(entries) + csv.text;
    for (const secret of [first.secret, second.secret]) expect(everything).not.toContain(secret);
    expect((await http.get(`${ORG}/audit/verify`).set(auditor).expect(200)).body).toMatchObject({ ok: true });
  });
});
