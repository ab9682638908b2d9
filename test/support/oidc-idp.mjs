/**
 * A real OpenID Connect provider for tests (oidc-provider 9, its built-in development login and
 * consent forms), run as a child process because oidc-provider is ESM only.
 *
 *   node test/support/oidc-idp.mjs '{"port":0,"clientId":"ita","clientSecret":"…","redirectUri":"http://…/api/auth/oidc/callback",
 *                                   "accounts":{"idp-0001":{"preferred_username":"tceb.deputy","name":"…"}}}'
 *
 * Prints one JSON line on stdout once listening: {"issuer":"http://127.0.0.1:PORT"}.
 * The login form takes the account's subject as "login" (any password). PKCE is required.
 * Each JSON line on stdin {"sub":"…","claims":{…}} changes (or adds) an account's claims, then
 * {"ok":"<sub>"} is printed, so a test can rename someone at the provider.
 */
import * as http from 'node:http';
import * as readline from 'node:readline';
import Provider from 'oidc-provider';

const options = JSON.parse(process.argv[2] ?? '{}');
const clientId = options.clientId ?? 'ita-api';
const clientSecret = options.clientSecret ?? 'ita-api-test-secret-0123456789abcdef';
const redirectUri = options.redirectUri ?? 'http://127.0.0.1/api/auth/oidc/callback';
const accounts = new Map(
  Object.entries(
    options.accounts ?? {
      'idp-0001': { preferred_username: 'tceb.deputy', name: 'Deputy Director (IdP)' },
      'idp-0002': { preferred_username: 'someone.else', name: 'Nobody Known' },
    },
  ),
);

const server = http.createServer();
await new Promise((resolve) => server.listen(Number(options.port ?? 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email', 'email_verified'] },
  pkce: { required: () => true },
  cookies: { keys: ['oidc-idp-test-cookie-key-not-secret'] },
  async findAccount(_ctx, sub) {
    if (!accounts.has(sub)) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...accounts.get(sub) }) };
  },
});
// oidc-provider reports server_error details only through events; keep them visible on stderr.
provider.on('server_error', (_ctx, error) => process.stderr.write(`oidc-idp server_error: ${error.stack}\n`));
server.on('request', provider.callback());

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

// Stdin closing means the test that started us is gone: stop too.
readline
  .createInterface({ input: process.stdin })
  .on('close', stop)
  .on('line', (line) => {
    if (!line.trim()) return;
    const { sub, claims } = JSON.parse(line);
    accounts.set(sub, { ...(accounts.get(sub) ?? {}), ...claims });
    process.stdout.write(`${JSON.stringify({ ok: sub })}\n`);
  });

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
