/**
 * Browser tests: Debian's Chromium (/usr/bin/chromium, never a downloaded one) driven by
 * playwright-core against the real stack (stack.ts) served on a port, with the web app as built
 * into dist/web. Each test takes a new context (its own storage: nobody is signed in), at laptop
 * or phone size; full-page screenshots go to test-artifacts/screenshots/<name>.png.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { setUpOrganization } from './accounts';
import { ROOT, serveOnPort, Stack, startStack } from './stack';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const WEB_BUILD = path.join(ROOT, 'dist/web/index.html');
export const SCREENSHOTS_DIR = path.join(ROOT, 'test-artifacts/screenshots');
export const DEMO_PASSWORD = 'ita-demo-2565';

export const LAPTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** The shell's and the login page's words, Thai or English (the pages switch language). */
export const WORDS = {
  username: /ชื่อผู้ใช้|Username/,
  password: /รหัสผ่าน|Password/,
  signIn: /^(เข้าสู่ระบบ|Sign in)$/,
  signOut: /^(ออกจากระบบ|Sign out)$/,
};

/**
 * dist/web must be built (scripts/test.sh does). A build older than the web app's sources is
 * tested all the same, with a warning (sources may change while a long run is under way).
 */
export function requireWebBuild(): void {
  const hint = 'run npx vite build apps/web (scripts/test.sh does it before jest)';
  if (!fs.existsSync(WEB_BUILD))
    throw new Error(`the web app is not built (${path.relative(ROOT, WEB_BUILD)} is missing): ${hint}`);
  const built = fs.statSync(WEB_BUILD).mtimeMs;
  const newer = sourcesOf(path.join(ROOT, 'apps/web')).find((f) => fs.statSync(f).mtimeMs > built);
  if (newer)
    process.stderr.write(
      `[browser tests] warning: dist/web is older than ${path.relative(ROOT, newer)}, testing the older build: ${hint}\n`,
    );
}

function sourcesOf(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourcesOf(full);
    return /\.(tsx?|css|html)$/.test(e.name) ? [full] : [];
  });
}

/** Debian's Chromium, headless; the machine has no internet, so nothing may phone home. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: apt-get install chromium fonts-thai-tlwg (scripts/test.sh does); never npx playwright install`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const pageErrors = new WeakMap<Page, string[]>();

/** A page in a new context (nobody signed in) at laptop size, 1280×800. */
export const newLaptopPage = (browser: Browser) => newPage(browser, LAPTOP, false);
/** A page in a new context at phone size, 390×844 (touch, mobile viewport). */
export const newPhonePage = (browser: Browser) => newPage(browser, PHONE, true);

async function newPage(browser: Browser, viewport: { width: number; height: number }, phone: boolean): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    isMobile: phone,
    hasTouch: phone,
    deviceScaleFactor: phone ? 2 : 1,
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (e) => errors.push(e.stack ?? e.message));
  return page;
}

/** Uncaught exceptions thrown in the page so far (a test may expect none). */
export const uncaughtErrors = (page: Page): string[] => pageErrors.get(page) ?? [];

/** Closes the page's context (its storage and session with it). */
export const closePage = (page: Page | undefined) => page?.context().close();

/**
 * Signs in through the real login form (Thai or English) and waits for the shell; throws with
 * the page's error message when the sign-in is refused. Expects nobody signed in in this context.
 */
export async function signIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/#/login`);
  await page.getByLabel(WORDS.username).fill(username);
  await page.getByLabel(WORDS.password).fill(password);
  await page.getByRole('button', { name: WORDS.signIn }).click();
  const signOut = page.getByRole('button', { name: WORDS.signOut });
  const alert = page.getByRole('alert');
  await signOut.or(alert).first().waitFor();
  if (await alert.count()) throw new Error(`sign-in of ${username} refused: ${(await alert.innerText()).trim()}`);
}

/** Signs out with the header's button and waits for the login page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: WORDS.signOut }).click();
  await page.getByRole('button', { name: WORDS.signIn }).waitFor();
}

/** A full-page PNG at test-artifacts/screenshots/<name>.png; its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const THAI = /[\u0E00-\u0E7F]/;
/** Thai-capable families when fontconfig cannot be asked (Debian's fonts-thai-tlwg, Noto, Sarabun). */
const KNOWN_THAI_FONTS =
  /Loma|Garuda|Waree|Tlwg|Kinnari|Norasi|Purisa|Sawasdee|Umpush|Laksaman|Sarabun|Noto (Sans|Serif|Looped) Thai/i;

/** Families fontconfig says can draw Thai (`fc-list :lang=th family`), or null if it cannot be asked. */
function thaiFamilies(): Set<string> | null {
  try {
    const out = execFileSync('fc-list', [':lang=th', 'family'], { encoding: 'utf8' });
    return new Set(
      out
        .split('\n')
        .flatMap((line) => line.split(','))
        .map((f) => f.trim())
        .filter(Boolean),
    );
  } catch {
    return null;
  }
}

/**
 * Thai text is drawn with Thai glyphs, not boxes: the element (the page's first h1 by default)
 * holds Thai text, has a size, and every font Chromium actually drew its text with (as its
 * DevTools protocol reports) is one that can draw Thai. Returns the fonts used.
 */
export async function assertThaiRendered(page: Page, target?: Locator): Promise<string[]> {
  const element = target ?? page.locator('h1').first();
  await element.waitFor();
  await page.evaluate('document.fonts.ready.then(() => true)');
  const text = (await element.innerText()).trim();
  if (!THAI.test(text)) throw new Error(`assertThaiRendered: ${JSON.stringify(text)} holds no Thai text`);
  const box = await element.boundingBox();
  if (!box || box.width < 1 || box.height < 1)
    throw new Error(`assertThaiRendered: ${JSON.stringify(text)} has no size on the page`);

  const marker = `thai-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  await element.evaluate((node: any, m: string) => node.setAttribute('data-thai-check', m), marker);
  const cdp = await page.context().newCDPSession(page);
  let fonts: Array<{ familyName: string; glyphCount: number }>;
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', {
      nodeId: root.nodeId,
      selector: `[data-thai-check="${marker}"]`,
    });
    ({ fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId }));
  } finally {
    await cdp.detach();
    await element.evaluate((node: any) => node.removeAttribute('data-thai-check'));
  }
  const used = fonts.filter((f) => f.glyphCount > 0).map((f) => f.familyName);
  const capable = thaiFamilies();
  const canDrawThai = (family: string) => (capable?.size ? capable.has(family) : KNOWN_THAI_FONTS.test(family));
  if (!used.length || !used.every(canDrawThai)) {
    throw new Error(
      `assertThaiRendered: ${JSON.stringify(text)} was drawn with ${JSON.stringify(fonts)}, not only Thai fonts ` +
        `(${capable ? `fontconfig's Thai fonts: ${[...capable].join(', ') || 'none'}` : 'fontconfig unavailable'}); install fonts-thai-tlwg`,
    );
  }
  return used;
}

/** The stack for browser tests: the seed organization set up, the app served on a port, Chromium launched. */
export interface BrowserStack {
  stack: Stack;
  /** e.g. http://127.0.0.1:41234 (the web app at /, the API at /api). */
  baseUrl: string;
  browser: Browser;
  stop(): Promise<void>;
}

/** Checks the build and the browser first (fast, clear failures), then starts everything. */
export async function startBrowserStack(name: string, extraEnv: Record<string, string> = {}): Promise<BrowserStack> {
  requireWebBuild();
  const browser = await launchChromium();
  let stack: Stack | undefined;
  try {
    stack = await startStack(name, extraEnv);
    await setUpOrganization(stack.app);
    const baseUrl = await serveOnPort(stack);
    const started = stack;
    return {
      stack: started,
      baseUrl,
      browser,
      // The browser first: its open connections would hold the server's close.
      stop: async () => {
        await browser.close();
        await started.stop();
      },
    };
  } catch (e) {
    await browser.close();
    await stack?.stop();
    throw e;
  }
}
