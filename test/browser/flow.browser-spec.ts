/**
 * The year of one measure, in a real browser (Debian's Chromium) against the real stack (API,
 * worker, Temporal dev server, database), each person in his own browser session:
 * a unit member submits a task with a link and an uploaded file, the unit head approves it; when
 * Q2 ends the 6-monthly report goes to the Deputy Director, who returns it with a comment and
 * approves the resubmission; the auditor finds every step in the measure's timeline and the
 * audit chain intact. Every page is kept as a screenshot (test-artifacts/screenshots).
 */
import type { Locator, Page } from 'playwright-core';
import { signIn as apiSignIn } from '../support/accounts';
import {
  BrowserStack,
  closePage,
  newLaptopPage,
  newPhonePage,
  screenshot as save,
  signIn,
  startBrowserStack,
  uncaughtErrors,
} from '../support/browser';

const QUARTER_S = 20;
const FY = 2565;
const TASK = 'Q1-S1-PLAN_BUDGET';
const PDF = Buffer.from('%PDF-1.7\nรายงานการประชุมชี้แจงแผนการใช้จ่ายงบประมาณ\n%%EOF\n');

describe('a measure through its year, in the browser', () => {
  let s: BrowserStack;
  const pages: Page[] = [];
  let q2End = 0;

  beforeAll(async () => {
    s = await startBrowserStack('browser-flow');
    s.stack.startWorker();
    const planner = await apiSignIn(s.stack.http, 'tceb.planner');
    const { body } = await s.stack.http
      .post(`/api/organizations/TCEB/plans/${FY}/activate`)
      .set(planner)
      .send({ calendar: { quarterSeconds: QUARTER_S, startsAt: new Date(Date.now() + 2000).toISOString() } })
      .expect(200);
    q2End = Date.parse(body.calendar.start) + 2 * QUARTER_S * 1000;
  });
  afterAll(async () => {
    const errors = pages.flatMap((p) => uncaughtErrors(p));
    for (const p of pages) await closePage(p);
    await s?.stop();
    expect(errors).toEqual([]);
  });

  /** Every page kept as a screenshot is first checked: each form control has a name a screen reader can say. */
  const screenshot = async (page: Page, name: string) => {
    const unlabelled = await page
      .locator('input:not([type=hidden]), select, textarea, button')
      .evaluateAll((controls) =>
        controls
          .filter(
            (el) =>
              !(el as unknown as { labels?: { length: number } }).labels?.length &&
              !el.getAttribute('aria-label') &&
              !el.getAttribute('aria-labelledby') &&
              !(el.textContent ?? '').trim(),
          )
          .map((el) => el.outerHTML.slice(0, 120)),
      );
    expect([name, unlabelled]).toEqual([name, []]);
    return save(page, name);
  };
  const open = async (username: string, phone = false) => {
    const page = phone ? await newPhonePage(s.browser) : await newLaptopPage(s.browser);
    pages.push(page);
    await signIn(page, s.baseUrl, username);
    return page;
  };
  const go = async (page: Page, route: string) => {
    await page.goto(`${s.baseUrl}/#${route}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  };
  /** Reloads the page until `locator` shows (the pages do not poll; people reload). */
  const reloadUntil = async (page: Page, locator: () => Locator, timeoutMs: number) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (await locator().count()) return locator();
      if (Date.now() > until) throw new Error(`not shown in ${timeoutMs} ms: ${locator()}`);
      await page.waitForTimeout(1000);
      await page.reload();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
    }
  };

  it('takes a task from the unit to its head, the 6-monthly report to the Deputy Director and back, and shows the auditor every step', async () => {
    // The unit member: his inbox by quarter, the task with its guidelines as a checklist, evidence attached.
    const staff = await open('tceb.plan-budget.staff');
    await go(staff, '/inbox');
    const taskLink = await reloadUntil(staff, () => staff.getByRole('link', { name: `เปิดงาน M01-I7 ${TASK}` }), 20_000);
    await screenshot(staff, 'unit-inbox');
    await taskLink.click();
    await staff.getByRole('heading', { name: /แนวทางการติดตาม/ }).waitFor();
    await staff.getByLabel('บันทึกผลการดำเนินงาน').fill('จัดประชุมชี้แจงแผนการใช้จ่ายงบประมาณแก่ทุกฝ่ายแล้ว');
    await staff.getByRole('combobox', { name: /^ผลการดำเนินงาน/ }).selectOption('done');
    await staff
      .locator('input[type=file]')
      .setInputFiles({ name: 'รายงานการประชุม.pdf', mimeType: 'application/pdf', buffer: PDF });
    await staff.getByText('รายงานการประชุม.pdf').waitFor();
    await staff.getByLabel('ลิงก์หลักฐาน (https://…)').fill('https://www.tceb.or.th/ita/budget-plan-2565');
    await staff.getByLabel('ชื่อหลักฐาน').fill('แผนการใช้จ่ายงบประมาณ');
    await staff.getByRole('button', { name: 'เพิ่มลิงก์' }).click();
    for (const group of await staff.getByRole('group', { name: /ตอบแนวทางการติดตามข้อ/ }).all()) {
      const first = group.getByRole('checkbox').first();
      if (!(await first.isChecked())) await first.check();
    }
    await screenshot(staff, 'task-submit');
    await staff.getByRole('button', { name: 'ส่งให้หัวหน้าพิจารณา' }).click();
    await staff.getByRole('status').filter({ hasText: 'ส่งเรียบร้อยแล้ว' }).waitFor();
    await staff.getByText('รอหัวหน้าอนุมัติ').first().waitFor();

    // The unit head approves it.
    const head = await open('tceb.plan-budget.head');
    await go(head, '/inbox');
    await head.getByRole('tab', { name: 'รอหัวหน้าอนุมัติ' }).click();
    await head.getByRole('link', { name: `เปิดงาน M01-I7 ${TASK}` }).click();
    await head.getByRole('button', { name: 'อนุมัติ', exact: true }).waitFor();
    await screenshot(head, 'task-approve');
    await head.getByRole('button', { name: 'อนุมัติ', exact: true }).click();
    await head.getByRole('status').filter({ hasText: 'บันทึกการพิจารณาแล้ว' }).waitFor();
    await head.getByText('อนุมัติแล้ว').first().waitFor();

    // Q2 ends: the 6-monthly report opens, pre-filled; the unit sends it.
    await head.waitForTimeout(Math.max(0, q2End - Date.now()));
    await go(head, '/reports');
    const report = () => head.getByRole('article', { name: /^M01-I7 / });
    await reloadUntil(head, report, 20_000);
    await report().getByText('ร่างรายงาน').waitFor();
    await screenshot(head, 'reports-due');
    await report()
      .getByLabel(/สรุปผลการดำเนินงาน/)
      .fill('ครึ่งปีแรก: ชี้แจงแผนแล้ว เบิกจ่ายร้อยละ 45');
    await report().getByRole('button', { name: 'ส่งรายงาน' }).click();
    await report().waitFor({ state: 'detached' });

    // The Deputy Director returns it with a comment.
    const deputy = await open('tceb.deputy');
    await go(deputy, '/approvals');
    const pending = () => deputy.getByRole('article').filter({ hasText: 'M01-I7' });
    await reloadUntil(deputy, pending, 15_000);
    await screenshot(deputy, 'approvals');
    await pending()
      .getByLabel(/ความเห็น/)
      .fill('ขอเพิ่มร้อยละการเบิกจ่ายเทียบแผน');
    await pending().getByRole('button', { name: 'ส่งกลับแก้ไข' }).click();
    await deputy
      .getByRole('status')
      .filter({ hasText: /กลับให้แก้ไขแล้ว/ })
      .waitFor();

    // The unit sees the comment and sends it again; the Deputy Director approves.
    await go(head, '/reports');
    await reloadUntil(head, () => report().getByText('ขอเพิ่มร้อยละการเบิกจ่ายเทียบแผน'), 10_000);
    await screenshot(head, 'report-returned');
    await report()
      .getByLabel(/สรุปผลการดำเนินงาน/)
      .fill('ครึ่งปีแรก: เบิกจ่ายร้อยละ 48 ของแผน (แผน 50)');
    await report().getByRole('button', { name: 'ส่งรายงาน' }).click();
    await report().waitFor({ state: 'detached' });
    await go(deputy, '/approvals');
    await reloadUntil(deputy, () => pending().getByText('เบิกจ่ายร้อยละ 48'), 10_000);
    await pending().getByRole('button', { name: 'อนุมัติรายงาน' }).click();
    await deputy
      .getByRole('status')
      .filter({ hasText: /อนุมัติรายงาน .* แล้ว/ })
      .waitFor();
    await go(deputy, '/escalations');
    await screenshot(deputy, 'escalations');
    await go(deputy, '/dashboard');
    await deputy
      .getByRole('link', { name: /M01-I7/ })
      .first()
      .waitFor();
    await screenshot(deputy, 'dashboard');

    // The auditor finds every step in the measure's timeline, and the audit chain intact.
    const auditor = await open('tceb.auditor');
    await go(auditor, `/measures/${FY}/M01-I7`);
    const timeline = auditor.getByRole('list', { name: /ความเคลื่อนไหวของมาตรการ/ });
    await timeline.waitFor();
    const actions = await timeline
      .locator('li[data-action]')
      .evaluateAll((items) => items.map((i) => `${i.getAttribute('data-action')} ${i.getAttribute('data-key')}`));
    for (const step of [
      `task.submitted ${TASK}`,
      `task.approved ${TASK}`,
      'report.submitted semiannual-1',
      'report.returned semiannual-1',
      'report.approved semiannual-1',
    ]) {
      expect(actions).toContain(step);
    }
    expect(actions.filter((a) => a === 'report.submitted semiannual-1')).toHaveLength(2);
    await screenshot(auditor, 'measure-timeline');
    await go(auditor, '/audit');
    await auditor.getByText(/✓/).first().waitFor();
    await screenshot(auditor, 'audit');

    const planner = await open('tceb.planner');
    await go(planner, '/plans');
    await screenshot(planner, 'plans');

    // The unit head's inbox on a phone.
    const phone = await open('tceb.plan-budget.head', true);
    await go(phone, '/inbox');
    await screenshot(phone, 'unit-inbox-phone');
  }, 180_000);
});
