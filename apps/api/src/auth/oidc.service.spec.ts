import {
  openPending,
  pendingCookie,
  pendingKey,
  PendingSignIn,
  readCookie,
  sealPending,
  signedInLocation,
} from './oidc.service';

const SECRET = 'a-jwt-secret-of-at-least-32-characters!!';
const NOW = Date.parse('2025-01-15T03:00:00Z');
const pending: PendingSignIn = {
  organization: 'TCEB',
  state: 'st-123',
  nonce: 'no-456',
  codeVerifier: 'cv-789',
  expiresAt: NOW + 600_000,
};

describe('OIDC pending sign-in cookie', () => {
  const key = pendingKey(SECRET);

  it('derives a 32-byte key that is stable per secret and is not the secret itself', () => {
    expect(key).toHaveLength(32);
    expect(pendingKey(SECRET).equals(key)).toBe(true);
    expect(pendingKey(`${SECRET}x`).equals(key)).toBe(false);
    expect(key.toString('utf8')).not.toContain(SECRET.slice(0, 8));
  });

  it('opens what it sealed, and hides what is inside', () => {
    const sealed = sealPending(pending, key);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    for (const secret of ['st-123', 'no-456', 'cv-789', 'TCEB'])
      expect(Buffer.from(sealed.slice(3), 'base64url').toString('latin1')).not.toContain(secret);
    expect(openPending(sealed, key, NOW)).toEqual(pending);
    expect(sealPending(pending, key)).not.toBe(sealed);
  });

  it('refuses altered, foreign, expired and malformed cookies', () => {
    const sealed = sealPending(pending, key);
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(openPending(`v1.${raw.toString('base64url')}`, key, NOW)).toBeNull();
    expect(openPending(sealed, pendingKey(`${SECRET}-other-replica-config`), NOW)).toBeNull();
    expect(openPending(sealed, key, pending.expiresAt)).toBeNull();
    expect(openPending(sealPending({ ...pending, codeVerifier: 42 } as never, key), key, NOW)).toBeNull();
    for (const bad of [undefined, '', 'v1.', 'v2.abc', 'v1.!!!', `v1.${'A'.repeat(3000)}`])
      expect(openPending(bad, key, NOW)).toBeNull();
  });

  it('reads one cookie from a Cookie header', () => {
    expect(readCookie('a=1; ita_oidc=v1.xyz; b=2', 'ita_oidc')).toBe('v1.xyz');
    expect(readCookie('x_ita_oidc=1', 'ita_oidc')).toBeUndefined();
    expect(readCookie(undefined, 'ita_oidc')).toBeUndefined();
  });

  it('scopes the cookie to the callback path: HttpOnly, SameSite=Lax, Secure over https', () => {
    expect(pendingCookie('v1.x', 'https://ita.example.go.th/api/auth/oidc/callback', 600)).toBe(
      'ita_oidc=v1.x; Path=/api/auth/oidc/callback; Max-Age=600; HttpOnly; SameSite=Lax; Secure',
    );
    expect(pendingCookie('v1.x', 'http://127.0.0.1:3000/api/auth/oidc/callback', 600)).not.toContain('Secure');
    expect(pendingCookie('', 'https://ita.example.go.th/api/auth/oidc/callback', 0)).toMatch(
      /^ita_oidc=; Path=\/api\/auth\/oidc\/callback; Max-Age=0; HttpOnly; SameSite=Lax; Expires=Thu, 01 Jan 1970/,
    );
  });

  it('puts the tokens in the fragment of the signed-in page', () => {
    const location = signedInLocation({ accessToken: 'a.b.c', refreshToken: 'id.se+cr/et', expiresIn: 900 });
    expect(location).toBe('/#/signed-in?accessToken=a.b.c&refreshToken=id.se%2Bcr%2Fet&expiresIn=900');
  });
});
