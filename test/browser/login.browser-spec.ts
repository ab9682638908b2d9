/**
 * Signing in, in a real browser (Debian's Chromium) against the real stack: the login page in
 * Thai with a Thai font, a refused password, the shell after signing in, the English switch,
 * signing out, keyboard only, and the login page at phone size.
 */
import type { Page } from 'playwright-core';
import {
  assertThaiRendered,
  BrowserStack,
  closePage,
  DEMO_PASSWORD,
  newLaptopPage,
  newPhonePage,
  screenshot,
  signIn,
  signOut,
  startBrowserStack,
  uncaughtErrors,
} from '../support/browser';

const HEAD = { username: 'tceb.plan-budget.head', displayName: 'หัวหน้าส่วนงานแผนงานและการงบประมาณ' };

describe('signing in (browser)', () => {
  let s: BrowserStack;
  let page: Page | undefined;

  beforeAll(async () => {
    s = await startBrowserStack('browser-login');
  });
  afterAll(async () => {
    await s?.stop();
  });
  afterEach(async () => {
    const errors = page ? uncaughtErrors(page) : [];
    await closePage(page);
    page = undefined;
    expect(errors).toEqual([]);
  });

  const loginHeading = (p: Page, name = 'เข้าสู่ระบบ') => p.getByRole('heading', { level: 1, name, exact: true });
  const storedSession = (p: Page) => p.evaluate('localStorage.getItem("ita.session")');

  it('shows the login page in Thai, drawn with a Thai font', async () => {
    page = await newLaptopPage(s.browser);
    await page.goto(`${s.baseUrl}/`);
    await loginHeading(page).waitFor();
    expect(page.url()).toBe(`${s.baseUrl}/#/login`);
    expect(await page.title()).toBe('ระบบติดตามมาตรการ ITA');
    expect(await page.evaluate('document.documentElement.lang')).toBe('th');
    await page.getByLabel('ชื่อผู้ใช้').waitFor();
    await page.getByLabel('รหัสผ่าน').waitFor();
    await page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).waitFor();
    await page.getByRole('button', { name: 'English', exact: true }).waitFor();
    const fonts = await assertThaiRendered(page);
    expect(fonts.length).toBeGreaterThan(0);
    await assertThaiRendered(page, page.getByText('ชื่อผู้ใช้', { exact: true }));
    await screenshot(page, 'login-th');
  });

  it("shows the API's message for a wrong password and stays on the login page", async () => {
    const refused = await s.stack.http
      .post('/api/auth/login')
      .send({ username: HEAD.username, password: 'not-the-password' })
      .expect(401);
    expect(refused.body.message).toBeTruthy();

    page = await newLaptopPage(s.browser);
    await page.goto(`${s.baseUrl}/#/login`);
    await page.getByLabel('ชื่อผู้ใช้').fill(HEAD.username);
    await page.getByLabel('รหัสผ่าน').fill('not-the-password');
    await page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    // The API's message, and the field it names.
    const said = await alert.innerText();
    expect(said).toContain(refused.body.message);
    for (const problem of refused.body.problems ?? []) expect(said).toContain(`${problem.path}: ${problem.message}`);
    expect(page.url()).toBe(`${s.baseUrl}/#/login`);
    await loginHeading(page).waitFor();
    expect(await page.getByRole('button', { name: 'ออกจากระบบ' }).count()).toBe(0);
    expect(await storedSession(page)).toBeNull();
    await screenshot(page, 'login-error');
  });

  it('signs the unit head in to the shell with his name, and signs him out again', async () => {
    page = await newLaptopPage(s.browser);
    await signIn(page, s.baseUrl, HEAD.username);
    await page.getByText(HEAD.displayName).waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'งานของหน่วยงาน' }).count()).toBe(1);
    expect(await storedSession(page)).not.toBeNull();
    // Whatever the start page loads, finished before the picture.
    await page.waitForFunction('!document.body.innerText.includes("กำลังโหลด")');
    await screenshot(page, 'shell-after-login');

    await signOut(page);
    await loginHeading(page).waitFor();
    expect(page.url()).toBe(`${s.baseUrl}/#/login`);
    expect(await storedSession(page)).toBeNull();
    expect(await page.getByText(HEAD.displayName).count()).toBe(0);
    // Gone for good: a reload does not bring the session back.
    await page.reload();
    await loginHeading(page).waitFor();
  });

  it('switches the labels to English, signs in and out in English, and remembers the language', async () => {
    page = await newLaptopPage(s.browser);
    await page.goto(`${s.baseUrl}/#/login`);
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await loginHeading(page, 'Sign in').waitFor();
    await page.getByLabel('Username', { exact: true }).waitFor();
    await page.getByLabel('Password', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await page.getByRole('button', { name: 'ภาษาไทย', exact: true }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    expect(await page.getByText('ชื่อผู้ใช้').count()).toBe(0);
    await screenshot(page, 'login-en');

    await page.reload();
    await loginHeading(page, 'Sign in').waitFor();
    await signIn(page, s.baseUrl, HEAD.username);
    await page.getByText(`${HEAD.displayName} · Unit head`).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Unit inbox' }).waitFor();
    await signOut(page);
    await loginHeading(page, 'Sign in').waitFor();

    await page.getByRole('button', { name: 'ภาษาไทย', exact: true }).click();
    await loginHeading(page).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('th');
  });

  it('signs in with the keyboard alone', async () => {
    page = await newLaptopPage(s.browser);
    await page.goto(`${s.baseUrl}/#/login`);
    await loginHeading(page).waitFor();
    const username = page.getByLabel('ชื่อผู้ใช้');
    const password = page.getByLabel('รหัสผ่าน');
    const focused = (field: typeof username) => field.evaluate((el) => el === (el as any).ownerDocument.activeElement);
    // Tab until the username field has the focus (it may have it already: autofocus).
    for (let presses = 0; !(await focused(username)); presses++) {
      if (presses === 10) throw new Error('ten Tab presses did not reach the username field');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type(HEAD.username);
    await page.keyboard.press('Tab');
    expect(await focused(password)).toBe(true);
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'ออกจากระบบ' }).waitFor();
    await page.getByText(HEAD.displayName).waitFor();
  });

  it('fits the login page on a phone', async () => {
    page = await newPhonePage(s.browser);
    await page.goto(`${s.baseUrl}/`);
    await loginHeading(page).waitFor();
    await assertThaiRendered(page);
    // Nothing wider than the screen: no sideways scrolling.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    const submit = await page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).boundingBox();
    expect(submit!.x + submit!.width).toBeLessThanOrEqual(390);
    expect(submit!.height).toBeGreaterThanOrEqual(40);
    await screenshot(page, 'login-phone');
  });
});
