/**
 * A plan revision written in the browser (Debian's Chromium, the real stack): the planner copies
 * the stored FY2565 plan into a draft, drafts the missing measure for E6 from the ITA analysis,
 * writes its steps with their owners (a problem shows at its field as he types, and goes once
 * fixed), and submits it; the Director reads its diff and approves it; the planner activates the
 * plan; the owning unit's head sees the new step, with its text, in his inbox, and a unit that does
 * not own it does not. Every page is kept as a screenshot (test-artifacts/screenshots).
 */
import type { Locator, Page } from 'playwright-core';
import {
  BrowserStack,
  closePage,
  newLaptopPage,
  screenshot as save,
  signIn,
  startBrowserStack,
  uncaughtErrors,
} from '../support/browser';

const FY = 2565;
const STEP_1 = 'ปรับปรุงหน้าเว็บไซต์ให้เข้าถึงข้อมูลได้ง่าย ไม่ซับซ้อน';
const STEP_2 = 'เผยแพร่ข้อมูลผ่านช่องทางที่หลากหลาย';
const COMMS = 'ส่วนงานสื่อสารองค์กร';
const STRATEGY = 'ฝ่ายพัฒนากลยุทธ์องค์กร';

describe('a plan draft from the ITA analysis to an activated plan, in the browser', () => {
  let s: BrowserStack;
  const pages: Page[] = [];

  beforeAll(async () => {
    s = await startBrowserStack('browser-plan-drafts');
    s.stack.startWorker();
  });
  afterAll(async () => {
    const errors = pages.flatMap((p) => uncaughtErrors(p));
    for (const p of pages) await closePage(p);
    await s?.stop();
    expect(errors).toEqual([]);
  });

  /** Each kept page is first checked: every form control has a name a screen reader can say. */
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
  const open = async (username: string) => {
    const page = await newLaptopPage(s.browser);
    pages.push(page);
    await signIn(page, s.baseUrl, username);
    return page;
  };
  const go = async (page: Page, route: string) => {
    await page.goto(`${s.baseUrl}/#${route}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  };
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

  it('drafts a measure for E6 with its steps and owners, has it approved, activates it, and only the owners get its tasks', async () => {
    // The planner starts a draft: a copy of the stored revision.
    const planner = await open('tceb.planner');
    await go(planner, `/plan-drafts/${FY}`);
    await planner.getByRole('radio', { name: /สำเนาแผนที่บันทึกไว้/ }).check();
    await planner.getByRole('button', { name: 'สร้างร่างแผน' }).click();
    await planner.getByRole('heading', { level: 1, name: /ร่างที่ \d+/ }).waitFor();
    const draftUrl = planner.url();

    // The analysis: E6 has no measure; he picks it and a measure is drafted, without steps.
    const coverage = planner.getByRole('region', { name: 'ร่างมาตรการจากผลการประเมิน ITA' });
    const e6 = coverage.getByRole('row').filter({ hasText: 'การเผยแพร่ข้อมูลของหน่วยงาน' });
    await e6.getByText('ยังไม่มีมาตรการ').waitFor();
    await coverage.getByRole('checkbox', { name: 'เลือก E6' }).check();
    await coverage.getByRole('button', { name: 'ร่างมาตรการจากข้อที่เลือก' }).click();
    const form = planner.getByRole('group', { name: /^M13-E6/ });
    await form.waitFor();
    await e6.getByText('M13-E6').waitFor();
    await planner.getByText('measures[12].steps: must have at least 1 entry').first().waitFor();

    // He writes it: units, lead unit, steps with quarters and owners, a guideline.
    const units = form.getByRole('group', { name: 'หน่วยงานที่รับผิดชอบ', exact: true });
    await units.getByLabel(COMMS, { exact: true }).check();
    await units.getByLabel(STRATEGY, { exact: true }).check();
    await form.getByLabel('หน่วยงานหลัก').selectOption('CORP_COMMS');
    await form.getByRole('button', { name: 'เพิ่มขั้นตอน' }).click();
    // As he types: the empty step is named at its field, then the problem goes once it is written.
    const stepProblem = form.getByText('measures[12].steps[0].text: must not be empty');
    await stepProblem.waitFor();
    await form.getByLabel('ขั้นตอนที่ 1', { exact: true }).fill(STEP_1);
    await form.getByRole('group', { name: 'ไตรมาสของขั้นตอนที่ 1' }).getByLabel('ไตรมาส 1').check();
    const owners1 = form.getByRole('group', { name: 'ผู้ดำเนินการขั้นตอนที่ 1' });
    await owners1.getByLabel('ระบุหน่วยงาน').check();
    await owners1.getByLabel(COMMS, { exact: true }).check();
    await stepProblem.waitFor({ state: 'detached' });
    await form.getByRole('button', { name: 'เพิ่มขั้นตอน' }).click();
    await form.getByLabel('ขั้นตอนที่ 2', { exact: true }).fill(STEP_2);
    const quarters2 = form.getByRole('group', { name: 'ไตรมาสของขั้นตอนที่ 2' });
    await quarters2.getByLabel('ไตรมาส 2').check();
    await quarters2.getByLabel('ไตรมาส 3').check();
    await form.getByRole('group', { name: 'ผู้ดำเนินการขั้นตอนที่ 2' }).getByLabel('หน่วยงานที่รับผิดชอบทั้งหมด').check();
    await form.getByRole('button', { name: 'เพิ่มแนวทาง' }).click();
    await form.getByLabel('แนวทางการกำกับติดตามข้อ 1').fill('หน้าเว็บไซต์และช่องทางเผยแพร่ที่ปรับปรุงแล้ว');
    await form.getByLabel(/ยังไม่ครบถ้วน/).uncheck();
    await planner.getByText('ร่างแผนถูกต้องครบถ้วน เสนอพิจารณาได้').waitFor();
    await screenshot(planner, 'plan-draft-editor');

    // Submit (what is typed is saved first).
    await planner.getByRole('button', { name: 'เสนอเพื่อพิจารณา' }).click();
    await planner.getByText('เสนอร่างแผนแล้ว รอผู้อำนวยการหรือผู้ที่ได้รับมอบหมายพิจารณา').waitFor();
    await planner.getByText('รอพิจารณา', { exact: true }).first().waitFor();

    // The Director finds it, reads the diff and approves it.
    const director = await open('tceb.director');
    await go(director, `/plan-drafts/${FY}`);
    await director
      .getByRole('link', { name: /^เปิดร่างที่ / })
      .first()
      .click();
    const diff = director.getByRole('region', { name: 'เปรียบเทียบกับแผนที่บันทึกไว้' });
    await diff.getByText('measures[M13-E6]').waitFor();
    await screenshot(director, 'plan-draft-review');
    await director.getByRole('button', { name: 'อนุมัติร่างแผน' }).click();
    await director.getByText(/อนุมัติโดย tceb\.director เป็นแผนฉบับที่ 2/).waitFor();

    // The planner activates the plan (the existing page), on a compressed year with a long first quarter.
    await go(planner, '/plans');
    const card = planner.getByRole('region', { name: `เริ่มใช้แผนปีงบประมาณ พ.ศ. ${FY}` });
    await card.getByLabel('ปีย่อส่วนสำหรับการสาธิตหรือฝึกอบรม').check();
    await card.getByLabel(/ความยาวของแต่ละไตรมาส/).fill('3600');
    await card.getByRole('button', { name: 'เริ่มใช้แผน' }).click();
    await planner.getByText(`เริ่มใช้แผนปีงบประมาณ พ.ศ. ${FY} แล้ว`).waitFor();
    await screenshot(planner, 'plan-activated');
    await planner.goto(draftUrl);
    await planner.getByText('ใช้งานอยู่', { exact: true }).first().waitFor();

    // The owning unit's head sees the step, with its text; a unit that does not own it does not.
    const comms = await open('tceb.corp-comms.head');
    await go(comms, '/inbox');
    const task = await reloadUntil(
      comms,
      () => comms.getByRole('row').filter({ hasText: 'M13-E6' }).filter({ hasText: STEP_1 }),
      30_000,
    );
    await task.getByRole('link', { name: 'เปิดงาน M13-E6 Q1-S1-CORP_COMMS' }).waitFor();
    await screenshot(comms, 'inbox-step-text');
    const strategy = await open('tceb.corp-strategy.head');
    await go(strategy, '/inbox');
    await strategy.getByRole('tab', { name: 'ต้องดำเนินการ' }).waitFor();
    await strategy.waitForTimeout(500);
    expect(await strategy.getByRole('row').filter({ hasText: 'M13-E6' }).count()).toBe(0);
  }, 180_000);

  it("rolls the activated plan over into the next year's draft, carries one unfinished step over and drops another", async () => {
    const planner = await open('tceb.planner');
    await go(planner, `/plan-drafts/${FY + 1}`);
    await planner.getByRole('radio', { name: /ต่อยอดจากแผนปีก่อน/ }).check();
    await planner.getByLabel('ต่อยอดจากแผนปีงบประมาณ').selectOption(String(FY));
    await planner.getByRole('button', { name: 'สร้างร่างแผน' }).click();
    await planner.getByRole('heading', { level: 1, name: /ร่างที่ \d+/ }).waitFor();

    // The earlier year's unfinished steps: he carries step 1 of M13-E6 over into Q2 and drops step 2.
    const unfinished = planner.getByRole('region', { name: `งานค้างจากปีงบประมาณ ${FY}` });
    await unfinished.getByRole('row').filter({ hasText: STEP_1 }).waitFor();
    const save = unfinished.getByRole('button', { name: 'บันทึกการตัดสินใจงานค้าง' });
    await unfinished.getByLabel('การตัดสินใจสำหรับ M13-E6 ขั้นตอนที่ 1').selectOption('carry-over');
    await unfinished.getByLabel('ไตรมาสสำหรับ M13-E6 ขั้นตอนที่ 1').selectOption('2');
    expect(await save.isDisabled()).toBe(true); // a reason is required
    await unfinished.getByLabel('เหตุผลสำหรับ M13-E6 ขั้นตอนที่ 1').fill('ยังปรับปรุงหน้าเว็บไซต์ไม่เสร็จ');
    await unfinished.getByLabel('การตัดสินใจสำหรับ M13-E6 ขั้นตอนที่ 2').selectOption('drop');
    await unfinished.getByLabel('เหตุผลสำหรับ M13-E6 ขั้นตอนที่ 2').fill('รวมกับช่องทางเผยแพร่ของปีใหม่แล้ว');
    await save.click();
    await unfinished.getByText(/บันทึกการตัดสินใจ 2 รายการแล้ว/).waitFor();

    // The carried step is in its measure of the draft; the ITA results upload is offered with its template.
    const list = planner.getByRole('region', { name: 'มาตรการในร่าง' });
    await list.getByRole('row').filter({ hasText: 'M13-E6' }).getByRole('cell', { name: '3', exact: true }).waitFor();
    const ita = planner.getByRole('region', { name: 'แนบผลการประเมิน ITA ของปีนี้' });
    await ita.getByRole('button', { name: 'ดาวน์โหลดแบบฟอร์มผล ITA (.xlsx)' }).waitFor();
    await screenshot(planner, 'plan-draft-rollover');
  }, 120_000);
});
