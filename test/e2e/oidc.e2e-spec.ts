/**
 * Sign-in through an organization's own identity provider, against a REAL OpenID Connect
 * provider (oidc-provider, in a child process) driven the way a browser would: our login route
 * sends the browser there, the provider's login and consent forms are filled in, the provider
 * sends it back to our callback with a code, and we answer with our own tokens in the fragment.
 * Identities are matched to existing accounts of that organization only, and linked on first use.
 */
import { INestApplication } from '@nestjs/common';
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/app.factory';
import { AuditEntryEntity, UserAccountEntity } from '@ita/persistence/entities';
import { SMALL_ACCOUNTS_FILE, setUpOrganization } from '../support/accounts';
import { SMALL_PLAN_FILE } from '../support/seed-plan';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const IDP_SCRIPT = path.resolve(__dirname, '../support/oidc-idp.mjs');
/** Where the provider sends the browser back; the test hands that request to the app itself. */
const REDIRECT_URI = 'http://ita.test/api/auth/oidc/callback';
const CLIENT = { clientId: 'ita-api', clientSecret: 'ita-api-test-secret-0123456789abcdef' };
/** Subjects at the provider and what it says about them. */
const IDP_ACCOUNTS = {
  'idp-deputy': { preferred_username: 'tceb.deputy', name: 'Deputy Director at the IdP' },
  'idp-stranger': { preferred_username: 'nobody.here', name: 'Not Known Here' },
  'idp-other-org': { preferred_username: 'test.deputy', name: 'Deputy of another organization' },
  'idp-hr-staff': { preferred_username: 'tceb.hr.staff', name: 'HR staff (deactivated here)' },
};

/** The identity provider as a child process; `set` changes an account's claims there. */
class IdentityProvider {
  private readonly waiting: Array<(line: Record<string, string>) => void> = [];

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly issuer: string,
  ) {}

  static async start(): Promise<IdentityProvider> {
    const child = spawn(
      process.execPath,
      [IDP_SCRIPT, JSON.stringify({ port: 0, redirectUri: REDIRECT_URI, ...CLIENT, accounts: IDP_ACCOUNTS })],
      { stdio: 'pipe' },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const lines = readline.createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the identity provider did not start:\n${stderr}`)), 15_000);
      child.once('exit', (code) => reject(new Error(`the identity provider exited (${code}):\n${stderr}`)));
      lines.once('line', (line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });
    const idp = new IdentityProvider(child, JSON.parse(first).issuer);
    lines.on('line', (line) => idp.waiting.shift()?.(JSON.parse(line)));
    return idp;
  }

  async set(sub: string, claims: Record<string, string>): Promise<void> {
    const done = new Promise((resolve) => this.waiting.push(resolve));
    this.child.stdin.write(`${JSON.stringify({ sub, claims })}\n`);
    await done;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** A browser's cookies at the provider: name and path, sent where the path matches. */
class CookieJar {
  private readonly cookies = new Map<string, { name: string; value: string; path: string }>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const cookiePath = attributes.find((a) => /^path=/i.test(a))?.slice(5) || '/';
      const expired = attributes.some(
        (a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) <= Date.now()),
      );
      if (expired || !value) this.cookies.delete(`${name};${cookiePath}`);
      else this.cookies.set(`${name};${cookiePath}`, { name, value, path: cookiePath });
    }
  }

  header(url: URL): string {
    return [...this.cookies.values()]
      .filter((c) => url.pathname.startsWith(c.path))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }
}

/**
 * Follows redirects at the provider, signing in as `subject` and consenting, until the provider
 * sends the browser to our redirect URI; returns that URL (with code and state).
 */
async function signInAtProvider(authorizationUrl: string, subject: string): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      body: form,
      headers: { cookie: jar.header(url), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    });
    jar.store(response);
    form = undefined;
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get('location')!, url);
      if (next.href.startsWith(REDIRECT_URI)) return next;
      url = next;
      continue;
    }
    const html = await response.text();
    if (response.status !== 200)
      throw new Error(`the provider answered ${response.status} at ${url.pathname}:\n${html.slice(0, 2000)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no login or consent form at ${url.pathname}:\n${html.slice(0, 2000)}`);
    url = new URL(action.replace(/&amp;/g, '&'), url);
    form = new URLSearchParams(prompt === 'login' ? { prompt, login: subject, password: 'any password' } : { prompt });
  }
  throw new Error('the provider never sent the browser back');
}

describe("sign-in through the organization's identity provider (OIDC e2e)", () => {
  let idp: IdentityProvider;
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let dataSource: DataSource;

  const account = (username: string) => dataSource.getRepository(UserAccountEntity).findOneByOrFail({ username });
  const refreshTokens = async () => Number((await dataSource.query('SELECT COUNT(*) AS n FROM refresh_token'))[0].n);

  /** Our login route: the provider's authorization URL and the pending-sign-in cookie. */
  async function startSignIn(
    organization = 'TCEB',
  ): Promise<{ authorizationUrl: string; cookie: string; setCookie: string }> {
    const response = await http.get(`/api/auth/oidc/${organization}/login`).expect(302);
    const setCookie = ([] as string[])
      .concat(response.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('ita_oidc='));
    expect(setCookie).toBeDefined();
    return { authorizationUrl: response.headers.location, cookie: setCookie!.split(';')[0], setCookie: setCookie! };
  }

  /** The whole round trip as `subject`; our callback's answer. */
  async function signInAs(subject: string) {
    const { authorizationUrl, cookie } = await startSignIn();
    const back = await signInAtProvider(authorizationUrl, subject);
    const callback = `${back.pathname}${back.search}`;
    const response = await http.get(callback).set('Cookie', cookie);
    return { response, callback, cookie };
  }

  const fragmentOf = (location: string) => {
    expect(location).toMatch(/^\/#\/signed-in\?/);
    return new URLSearchParams(location.slice(location.indexOf('?') + 1));
  };

  beforeAll(async () => {
    idp = await IdentityProvider.start();
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    process.env.JWT_SECRET = 'oidc-e2e-secret-0123456789abcdef0123456789';
    process.env.OIDC_PROVIDERS = JSON.stringify([
      { organization: 'TCEB', issuer: idp.issuer, ...CLIENT, redirectUri: REDIRECT_URI },
      // Nothing listens there: its provider cannot be reached.
      { organization: 'TEST-ORG', issuer: 'http://127.0.0.1:9/', clientId: 'x', redirectUri: REDIRECT_URI },
    ]);
    app = await createApp({ logger: false });
    await app.init();
    http = request(app.getHttpServer());
    dataSource = app.get(DataSource);
    await setUpOrganization(app);
    await setUpOrganization(app, SMALL_PLAN_FILE, SMALL_ACCOUNTS_FILE);
  });
  afterAll(async () => {
    await app?.close();
    await idp?.stop();
    await db?.drop();
    for (const name of ['DATABASE_URL', 'JWT_SECRET', 'OIDC_PROVIDERS']) delete process.env[name];
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce, remembered in a 10-minute HttpOnly cookie', async () => {
    const { authorizationUrl, setCookie } = await startSignIn();
    const url = new URL(authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${idp.issuer}/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: CLIENT.clientId,
      response_type: 'code',
      scope: 'openid profile email',
      redirect_uri: REDIRECT_URI,
      code_challenge_method: 'S256',
    });
    for (const p of ['state', 'nonce', 'code_challenge'])
      expect(url.searchParams.get(p)).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(setCookie).toMatch(/; Path=\/api\/auth\/oidc\/callback(;|$)/);
    expect(setCookie).toMatch(/; Max-Age=600(;|$)/);
    expect(setCookie).toMatch(/; HttpOnly(;|$)/);
    expect(setCookie).toMatch(/; SameSite=Lax(;|$)/);
    // Sealed: nothing of the sign-in can be read from the cookie.
    expect(setCookie).not.toContain(url.searchParams.get('state'));
  });

  it("signs the deputy in: the provider's preferred_username finds the TCEB account, which is then linked", async () => {
    const { response } = await signInAs('idp-deputy');
    expect(response.status).toBe(302);
    expect(([] as string[]).concat(response.headers['set-cookie'] ?? []).join('\n')).toMatch(/ita_oidc=; .*Max-Age=0/);
    const tokens = fragmentOf(response.headers.location);
    expect(Number(tokens.get('expiresIn'))).toBeGreaterThan(0);

    const { body: me } = await http
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${tokens.get('accessToken')}`)
      .expect(200);
    expect(me).toMatchObject({ username: 'tceb.deputy', role: 'deputy-director', organization: 'TCEB' });
    // Our own refresh token, like any sign-in.
    await http
      .post('/api/auth/refresh')
      .send({ refreshToken: tokens.get('refreshToken') })
      .expect(200);

    expect(await account('tceb.deputy')).toMatchObject({ oidcIssuer: idp.issuer, oidcSubject: 'idp-deputy' });
    const linked = await dataSource.getRepository(AuditEntryEntity).findBy({ action: 'account.linked' });
    expect(linked).toEqual([
      expect.objectContaining({
        actorId: 'tceb.deputy',
        entityKey: 'tceb.deputy',
        after: { oidcIssuer: idp.issuer, oidcSubject: 'idp-deputy' },
      }),
    ]);
  });

  it('keeps signing the linked account in when the provider renames the person', async () => {
    await idp.set('idp-deputy', { preferred_username: 'renamed.at.the.idp' });
    const { response } = await signInAs('idp-deputy');
    expect(response.status).toBe(302);
    const { body: me } = await http
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${fragmentOf(response.headers.location).get('accessToken')}`)
      .expect(200);
    expect(me.username).toBe('tceb.deputy');
  });

  it('refuses an identity with no account (403 naming account) and issues no tokens', async () => {
    const before = await refreshTokens();
    const { response } = await signInAs('idp-stranger');
    expect(response.status).toBe(403);
    expect(response.body.problems).toEqual([expect.objectContaining({ path: 'account' })]);
    expect(response.body.message).toMatch(/no account of TCEB for this identity.*ask your administrator/);
    expect(response.headers.location).toBeUndefined();
    expect(JSON.stringify(response.body)).not.toMatch(/accessToken|refreshToken/);
    expect(await refreshTokens()).toBe(before);
  });

  it("matches usernames within the provider's organization only", async () => {
    const before = await refreshTokens();
    const { response } = await signInAs('idp-other-org');
    expect(response.status).toBe(403);
    expect(response.body.problems[0].path).toBe('account');
    expect(await account('test.deputy')).toMatchObject({ oidcIssuer: null, oidcSubject: null });
    expect(await refreshTokens()).toBe(before);
  });

  it('refuses a deactivated account (403) without linking it', async () => {
    await dataSource.getRepository(UserAccountEntity).update({ username: 'tceb.hr.staff' }, { active: false });
    const { response } = await signInAs('idp-hr-staff');
    expect(response.status).toBe(403);
    expect(response.body.problems[0]).toMatchObject({ path: 'account', message: expect.stringMatching(/deactivated/) });
    expect(await account('tceb.hr.staff')).toMatchObject({ oidcIssuer: null, oidcSubject: null });
  });

  it('refuses a callback whose state is missing, wrong or not started in this browser (400 naming state)', async () => {
    const { authorizationUrl, cookie } = await startSignIn();
    const back = await signInAtProvider(authorizationUrl, 'idp-deputy');
    const code = back.searchParams.get('code')!;
    const state = back.searchParams.get('state')!;
    const cases = [
      http.get(`/api/auth/oidc/callback?code=${code}`).set('Cookie', cookie),
      http.get(`/api/auth/oidc/callback?code=${code}&state=${state}x`).set('Cookie', cookie),
      http.get(`/api/auth/oidc/callback?code=${code}&state=${state}`),
      http.get(`/api/auth/oidc/callback?code=${code}&state=${state}`).set('Cookie', `${cookie.slice(0, -4)}AAAA`),
    ];
    for (const response of await Promise.all(cases)) {
      expect(response.status).toBe(400);
      expect(response.body.problems).toEqual([expect.objectContaining({ path: 'state' })]);
    }
    // The code was not spent by those: the right state still signs in.
    const ok = await http.get(`${back.pathname}${back.search}`).set('Cookie', cookie);
    expect(ok.status).toBe(302);
    fragmentOf(ok.headers.location);
  });

  it('refuses a code used twice (401 naming code)', async () => {
    const { response, callback, cookie } = await signInAs('idp-deputy');
    expect(response.status).toBe(302);
    const again = await http.get(callback).set('Cookie', cookie);
    expect(again.status).toBe(401);
    expect(again.body.problems).toEqual([expect.objectContaining({ path: 'code' })]);
  });

  it('answers 404 for an organization without a provider, 503 when its provider cannot be reached', async () => {
    const unknown = await http.get('/api/auth/oidc/NO-SUCH-ORG/login').expect(404);
    expect(unknown.body.problems).toEqual([expect.objectContaining({ path: 'organization' })]);
    expect(unknown.body.message).toContain('NO-SUCH-ORG');
    const down = await http.get('/api/auth/oidc/TEST-ORG/login').expect(503);
    expect(down.body.message).toMatch(/identity provider of TEST-ORG cannot be reached/);
  });
});
