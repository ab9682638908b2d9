/**
 * Closing the fiscal year in a real browser (Debian's Chromium) against the real stack: the seed
 * plan runs a compressed year nobody works; the Director, on the reports page, is refused before
 * the year's end, and once it is over confirms the closing and reads what it recorded.
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

const QUARTER_S = 20;

describe('closing the fiscal year, in the browser', () => {
  let s: BrowserStack;
  let page: Page | undefined;
  let end = 0;

  beforeAll(async () => {
    s = await startBrowserStack('browser-year-close');
    s.stack.startWorker();
    const planner = await apiSignIn(s.stack.http, 'tceb.planner');
    const { body } = await s.stack.http
      .post('/api/organizations/TCEB/plans/2565/activate')
      .set(planner)
      .send({ calendar: { quarterSeconds: QUARTER_S, startsAt: new Date(Date.now() + 2000).toISOString() } })
      .expect(200);
    end = Date.parse(body.calendar.end);
  });
  afterAll(async () => {
    const errors = page ? uncaughtErrors(page) : [];
    await closePage(page);
    await s?.stop();
    expect(errors).toEqual([]);
  });

  it('asks for a confirmation, refuses before the end of the year, and shows what the closing recorded', async () => {
    page = await newLaptopPage(s.browser);
    await signIn(page, s.baseUrl, 'tceb.director');
    await page.goto(`${s.baseUrl}/#/approvals`);
    const card = page.getByRole('region', { name: 'ปิดปีงบประมาณ พ.ศ. 2565' });
    await card.getByRole('button', { name: 'ปิดปีงบประมาณ พ.ศ. 2565' }).click();
    const dialog = card.getByRole('alertdialog', { name: 'ยืนยันการปิดปีงบประมาณ' });
    await dialog.getByRole('button', { name: 'ยกเลิก' }).click();
    await card.getByRole('button', { name: 'ปิดปีงบประมาณ พ.ศ. 2565' }).click();
    await dialog.getByRole('button', { name: 'ยืนยัน ปิดปีงบประมาณ' }).click();
    await card.getByRole('alert').filter({ hasText: 'it can be closed only after its end' }).waitFor();
    await screenshot(page, 'year-close-too-early');

    await page.waitForTimeout(Math.max(0, end - Date.now()) + 4000);
    await card.getByRole('button', { name: 'ปิดปีงบประมาณ พ.ศ. 2565' }).click();
    await dialog.getByRole('button', { name: 'ยืนยัน ปิดปีงบประมาณ' }).click();
    await card.getByRole('status').filter({ hasText: 'ปิดปีงบประมาณ พ.ศ. 2565 แล้ว' }).waitFor({ timeout: 60_000 });
    const m01 = card.getByRole('row').filter({ hasText: 'M01-I7' });
    await m01.getByText('ปิดแล้ว').waitFor();
    expect(await m01.getByRole('cell').nth(1).textContent()).toBe('semiannual-1, semiannual-2');
    await screenshot(page, 'year-closed');
  }, 240_000);
});
