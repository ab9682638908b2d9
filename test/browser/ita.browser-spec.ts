/**
 * The ITA analysis page in a real browser (Debian's Chromium) against the real stack: a planner
 * finds the seed's items that need a measure (E6, I15, I20, I21), the items by class with their
 * measures, uploads a broken ITA results workbook and reads its problems by cell, then imports
 * changed results and sees the analysis follow; the page in English and at phone size.
 */
import * as ExcelJS from 'exceljs';
import * as os from 'node:os';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ITA_SHEETS, writeItaResultsSheet } from '@ita/spreadsheets/ita-results.sheet';
import {
  assertThaiRendered,
  BrowserStack,
  closePage,
  newLaptopPage,
  newPhonePage,
  screenshot,
  signIn,
  startBrowserStack,
  uncaughtErrors,
} from '../support/browser';
import { readPlan } from '../support/seed-plan';

describe('the ITA analysis page (browser)', () => {
  let s: BrowserStack;
  let page: Page | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ita-browser-'));

  beforeAll(async () => {
    s = await startBrowserStack('browser-ita');
  });
  afterAll(async () => {
    await s?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    const errors = page ? uncaughtErrors(page) : [];
    await closePage(page);
    page = undefined;
    expect(errors).toEqual([]);
  });

  it('shows a planner what needs a measure, refuses a broken workbook by cell, and imports changed results', async () => {
    page = await newLaptopPage(s.browser);
    await signIn(page, s.baseUrl, 'tceb.planner');
    await page.getByRole('link', { name: 'วิเคราะห์ผล ITA', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'การวิเคราะห์ผล ITA' }).waitFor();
    await assertThaiRendered(page);

    const uncovered = page.locator('section[aria-labelledby="ita-uncovered"]');
    await uncovered.getByText('E6', { exact: true }).waitFor();
    expect(await uncovered.locator('li strong').allInnerTexts()).toEqual(['E6', 'I15', 'I20', 'I21']);
    const urgent = page.locator('section[aria-labelledby="ita-class-urgent"]');
    const e6 = urgent.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^E6/ }) });
    await e6.getByText('ต้องมีมาตรการ: ยังไม่มีมาตรการ').waitFor();
    const i7 = urgent.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^I7/ }) });
    await i7.getByRole('link', { name: 'M01-I7' }).waitFor();
    await page.getByText(/มาตรการ M09-E11-E12-E14 จัดเป็น "ต้องแก้ไขเร่งด่วน" แต่ข้อ E11 \(86\.25\)/).waitFor();
    await screenshot(page, 'ita-analysis-th');

    const ita = structuredClone(readPlan().ita!);
    ita.items.find((i) => i.code === 'E6')!.score = 88.5;
    const good = path.join(dir, 'ita-results.xlsx');
    fs.writeFileSync(good, await writeItaResultsSheet(ita));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(good);
    wb.getWorksheet(ITA_SHEETS.items.name)!.getCell('C5').value = 'abc';
    const broken = path.join(dir, 'broken.xlsx');
    await wb.xlsx.writeFile(broken);

    const upload = page.getByRole('group', { name: 'นำเข้าผล ITA (.xlsx)' });
    await upload.getByLabel('เลือกไฟล์ (.xlsx)').setInputFiles(broken);
    const refusal = upload.getByRole('alert');
    await refusal.getByText('ITA ข้อคำถาม (Items)!C5', { exact: true }).waitFor();
    await refusal.getByText('"abc" is not a number').waitFor();
    await screenshot(page, 'ita-upload-refused');

    await upload.getByLabel('เลือกไฟล์ (.xlsx)').setInputFiles(good);
    await upload.getByText('ita.items[E6].score').waitFor();
    await upload.getByRole('button', { name: 'บันทึกการเปลี่ยนแปลง' }).click();
    await upload.getByText('บันทึกแล้ว', { exact: true }).waitFor();
    await upload.getByText('แผนปีงบประมาณ พ.ศ. 2565 ฉบับที่ 2').waitFor();
    // The analysis follows: E6 is now 88.50 by its own score, still urgent by its two sub-items.
    await uncovered.getByText(/88\.50 · จากประเด็นย่อยที่ 1, 2/).waitFor();

    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'ITA analysis' }).waitFor();
    await page.getByRole('heading', { name: /Items that need a measure and have none \(4\)/ }).waitFor();
    await screenshot(page, 'ita-analysis-en');
  });

  it('fits a phone, for the Deputy Director, without the upload forms', async () => {
    page = await newPhonePage(s.browser);
    await signIn(page, s.baseUrl, 'tceb.deputy');
    await page.goto(`${s.baseUrl}/#/ita/2565`);
    await page.getByRole('heading', { level: 1, name: 'การวิเคราะห์ผล ITA' }).waitFor();
    await page.locator('section[aria-labelledby="ita-uncovered"]').getByText('I21', { exact: true }).waitFor();
    expect(await page.getByRole('group', { name: 'นำเข้าผล ITA (.xlsx)' }).count()).toBe(0);
    await page.getByRole('button', { name: 'ดาวน์โหลดแผน (.xlsx)' }).waitFor();
    await screenshot(page, 'ita-analysis-phone');
  });
});
