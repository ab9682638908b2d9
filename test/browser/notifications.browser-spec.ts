/**
 * The notification centre in a real browser (Debian's Chromium) against the real stack, its
 * notifications made by the real flow: the seed plan is activated on a compressed year, its first
 * quarter opens the tasks, and the worker's notifier tells the units (task-opened). The head of
 * Planning and Budget sees the bell's count, opens the list (Buddhist-era times), marks one read,
 * opens another (it is marked read and leads to its task), marks all read; then chooses English,
 * a 17:00 digest and no e-mail for new tasks, and finds them kept after a reload. A planner, with
 * no address on file, sets the organization's reminder days and registers a webhook, whose secret
 * is shown once, and removes it.
 */
import type { Page } from 'playwright-core';
import { signIn as apiSignIn } from '../support/accounts';
import {
  BrowserStack,
  closePage,
  newLaptopPage,
  screenshot,
  signIn,
  startBrowserStack,
  uncaughtErrors,
} from '../support/browser';
import { eventually, sleep } from '../support/wait';

const HEAD = 'tceb.plan-budget.head';
/** A long first quarter (a "day" is 40 s): no reminder or overdue notice falls due during the test. */
const QUARTER_S = 3600;

describe('the notification centre, in the browser', () => {
  let s: BrowserStack;
  let page: Page | undefined;
  /** The head's notifications once the notifier has told him of the first quarter's tasks. */
  let told = 0;

  beforeAll(async () => {
    s = await startBrowserStack('browser-notifications');
    s.stack.startWorker();
    const planner = await apiSignIn(s.stack.http, 'tceb.planner');
    await s.stack.http
      .post('/api/organizations/TCEB/plans/2565/activate')
      .set(planner)
      .send({ calendar: { quarterSeconds: QUARTER_S } })
      .expect(200);
    const head = await apiSignIn(s.stack.http, HEAD);
    const unread = async () =>
      (await s.stack.http.get('/api/me/notifications?unread=true').set(head).expect(200)).body.unread as number;
    // Told, and nothing more on its way: every change in the outbox planned, the count still after a while.
    told = await eventually(
      async () => {
        const n = await unread();
        const pending = await s.stack.dataSource.query(
          'SELECT COUNT(*) AS n FROM notification_event WHERE processed_at IS NULL',
        );
        expect(n).toBeGreaterThanOrEqual(3);
        expect(Number(pending[0].n)).toBe(0);
        await sleep(1500);
        expect(await unread()).toBe(n);
        return n;
      },
      60_000,
      s.stack.workerLog,
    );
  }, 180_000);
  afterAll(async () => {
    await s?.stop();
  });
  afterEach(async () => {
    const errors = page ? uncaughtErrors(page) : [];
    await closePage(page);
    page = undefined;
    expect(errors).toEqual([]);
  });

  const bell = (p: Page, unread: number) =>
    p.getByRole('link', {
      name: unread ? `การแจ้งเตือน ยังไม่อ่าน ${unread} รายการ` : 'การแจ้งเตือน ไม่มีรายการที่ยังไม่อ่าน',
      exact: true,
    });

  it('shows the unread count on the bell, lists them newest first, and marks one, an opened one, then all read', async () => {
    page = await newLaptopPage(s.browser);
    await signIn(page, s.baseUrl, HEAD);
    await bell(page, told).waitFor();
    expect((await bell(page, told).innerText()).trim()).toBe(String(told));
    await bell(page, told).click();
    await page.getByRole('heading', { level: 1, name: 'การแจ้งเตือน' }).waitFor();
    const list = page.getByRole('list', { name: 'การแจ้งเตือน' });
    const items = list.getByRole('listitem');
    await page
      .getByRole('status')
      .filter({ hasText: `ยังไม่อ่าน ${told} รายการ` })
      .waitFor();
    expect(await items.count()).toBe(told);
    expect(await items.filter({ hasText: 'ยังไม่อ่าน' }).count()).toBe(told);
    // Every one a new task of Planning and Budget, its time in the Buddhist era (Bangkok).
    const first = items.first();
    expect(await first.getByRole('link').innerText()).toMatch(/^งานใหม่: มาตรการ \S+ ขั้นตอนที่ \d+ ไตรมาสที่ 1/);
    const year = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Bangkok', year: 'numeric' }).format()) + 543;
    expect(await first.locator('time').innerText()).toMatch(new RegExp(`^\\d{1,2} \\S+ ${year} \\d{2}:\\d{2}$`));
    const times = await items.locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
    expect(times).toEqual([...times].sort().reverse());
    await screenshot(page, 'notifications-list');

    // One marked read: the count drops, and it is no longer emphasised.
    const title = await first.getByRole('link').innerText();
    await first.getByRole('button', { name: `อ่านแล้ว: ${title}` }).click();
    await bell(page, told - 1).waitFor();
    await items.filter({ hasText: title }).and(page.locator('li:not(.unread)')).waitFor();

    // Another opened: marked read, and it leads to its task.
    const second = items.nth(1);
    await second.getByRole('link').click();
    await page.waitForURL(/#\/tasks\/2565\/[^/]+\/Q1-S\d+-PLAN_BUDGET$/);
    await bell(page, told - 2).waitFor();

    await bell(page, told - 2).click();
    await page.getByRole('button', { name: 'ทำเครื่องหมายว่าอ่านทั้งหมดแล้ว' }).click();
    await page.getByRole('status').filter({ hasText: 'อ่านครบทุกรายการแล้ว' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: `ทำเครื่องหมายว่าอ่านแล้ว ${told - 2} รายการ` })
      .waitFor();
    await bell(page, 0).waitFor();
    expect(await list.locator('li.unread').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'ทำเครื่องหมายว่าอ่านทั้งหมดแล้ว' }).isDisabled()).toBe(true);
    await screenshot(page, 'notifications-all-read');
  }, 120_000);

  it('keeps my preferences after a reload: English, a 17:00 digest, no e-mail for new tasks', async () => {
    page = await newLaptopPage(s.browser);
    await signIn(page, s.baseUrl, HEAD);
    await page.goto(`${s.baseUrl}/#/notifications`);
    await page.getByRole('link', { name: 'ตั้งค่าการแจ้งเตือน' }).click();
    await page.getByRole('heading', { level: 1, name: 'ตั้งค่าการแจ้งเตือน' }).waitFor();
    const mine = page.getByRole('region', { name: 'การแจ้งเตือนของฉัน' });
    await mine.getByText('อีเมลจะส่งถึง tceb.plan-budget.head@tceb.example').waitFor();
    const language = mine.getByLabel('ภาษา (ของการแจ้งเตือนและอีเมล)');
    const hour = mine.getByLabel('ชั่วโมงส่งสรุปประจำวัน (และการเตือนก่อนครบกำหนด)');
    const newTasks = mine.getByLabel('งานใหม่ที่เปิดให้ดำเนินการ (สรุปวันละครั้ง)');
    expect([await language.inputValue(), await hour.inputValue(), await newTasks.isChecked()]).toEqual([
      'th',
      '8',
      true,
    ]);
    // Not the Director nor a planner: no organization settings.
    expect(await page.getByRole('region', { name: 'การแจ้งเตือนของหน่วยงาน' }).count()).toBe(0);

    await language.selectOption('en');
    await hour.selectOption({ label: '17:00 น.' });
    await newTasks.uncheck();
    await mine.getByRole('button', { name: 'บันทึก' }).click();
    await mine.getByRole('status').filter({ hasText: 'บันทึกการตั้งค่าแล้ว' }).waitFor();
    await screenshot(page, 'notification-preferences-saved');

    await page.reload();
    await mine.getByText('อีเมลจะส่งถึง tceb.plan-budget.head@tceb.example').waitFor();
    expect([await language.inputValue(), await hour.inputValue(), await newTasks.isChecked()]).toEqual([
      'en',
      '17',
      false,
    ]);
    expect(await mine.getByLabel('งานที่ส่งมารอหัวหน้าอนุมัติ').isChecked()).toBe(true);
    const head = await apiSignIn(s.stack.http, HEAD);
    const { body } = await s.stack.http.get('/api/me/notification-preferences').set(head).expect(200);
    expect(body).toMatchObject({ language: 'en', digestHour: 17 });
    expect(body.emailKinds).not.toContain('task-opened');
    expect(body.emailKinds).toHaveLength(body.kinds.length - 1);
  }, 60_000);

  it("lets a planner set the organization's reminder days and register a webhook, its secret shown once", async () => {
    await s.stack.dataSource.query("UPDATE user_account SET email = NULL WHERE username = 'tceb.planner'");
    page = await newLaptopPage(s.browser);
    await signIn(page, s.baseUrl, 'tceb.planner');
    await page.goto(`${s.baseUrl}/#/notifications/settings`);
    await page.getByText('ยังไม่มีที่อยู่อีเมลของท่านในระบบ จึงไม่มีการส่งอีเมล การแจ้งเตือนจะแสดงในระบบเท่านั้น').waitFor();
    const org = page.getByRole('region', { name: 'การแจ้งเตือนของหน่วยงาน' });
    const days = org.getByLabel(/^เตือนก่อนครบกำหนดกี่วัน/);
    expect(await days.inputValue()).toBe('7, 1');

    // Refused by the API, naming the day at fault; then saved.
    await days.fill('3, 90');
    await org.getByRole('button', { name: 'บันทึกวันเตือน' }).click();
    await org.getByRole('alert').filter({ hasText: 'reminderDays[1]' }).waitFor();
    await days.fill('14, 3, 1');
    await org.getByRole('button', { name: 'บันทึกวันเตือน' }).click();
    await org.getByRole('status').filter({ hasText: 'บันทึกแล้ว: เตือนก่อนครบกำหนด 14, 3, 1 วัน' }).waitFor();

    await org.getByText('ยังไม่ได้ลงทะเบียน webhook').waitFor();
    await org.getByLabel(/^ที่อยู่ URL ของ webhook/).fill('https://hooks.tceb.example/ita');
    await org.getByRole('button', { name: 'ลงทะเบียน', exact: true }).click();
    const secret = org.locator('code.secret');
    await secret.waitFor();
    expect(await secret.innerText()).toMatch(/^[0-9a-f]{64}$/);
    await org.getByText(/^ลงทะเบียนไว้ที่ https:\/\/hooks\.tceb\.example\/ita เมื่อ /).waitFor();
    await screenshot(page, 'notification-settings-webhook-secret');

    await page.reload();
    await org.getByText(/^ลงทะเบียนไว้ที่ https:\/\/hooks\.tceb\.example\/ita/).waitFor();
    expect(await org.locator('code.secret').count()).toBe(0);
    expect(await days.inputValue()).toBe('14, 3, 1');
    await org.getByRole('button', { name: 'ยกเลิกการลงทะเบียน webhook' }).click();
    await org.getByRole('button', { name: 'ยืนยัน ยกเลิก webhook' }).click();
    await org.getByRole('status').filter({ hasText: 'ยกเลิก webhook แล้ว' }).waitFor();
    await org.getByText('ยังไม่ได้ลงทะเบียน webhook').waitFor();
    await screenshot(page, 'notification-settings-organization');
  }, 60_000);
});
