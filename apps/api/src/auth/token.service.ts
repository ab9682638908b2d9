/**
 * Access tokens: short-lived JWTs (HS256, issuer and audience checked, nothing but HS256
 * accepted). Refresh tokens: random, kept only as a SHA-256 hash, rotated on every use; using one
 * twice (a stolen copy) revokes its whole family.
 */
import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppConfig } from '@ita/config/app-config';
import { APP_CONFIG } from '@ita/config/config.module';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { IdentityRepository } from '@ita/persistence/identity.repository';
import type { UserAccountEntity } from '@ita/persistence/entities';

const ISSUER = 'ita-measures';
const AUDIENCE = 'ita-api';

export interface AccessClaims {
  sub: string;
  usr: string;
  /** The account's token version when issued; bumping it cuts every earlier token off. */
  tv: number;
  typ: 'access';
}

export interface TokenPair {
  tokenType: 'Bearer';
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const unauthenticated = (path: string, message: string) =>
  new DomainError(DomainErrorCode.Unauthenticated, message, [{ path, message }]);

@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly identity: IdentityRepository,
  ) {
    this.jwt = new JwtService({ secret: signingKey(config) });
  }

  async issue(user: UserAccountEntity, family: string = randomUUID()): Promise<TokenPair> {
    const claims: AccessClaims = { sub: String(user.id), usr: user.username, tv: user.tokenVersion, typ: 'access' };
    const accessToken = await this.jwt.signAsync(claims, {
      algorithm: 'HS256',
      expiresIn: this.config.auth.accessTokenSeconds,
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(Date.now() + this.config.auth.refreshTokenDays * 86_400_000).toISOString();
    await this.identity.saveRefreshToken({
      id,
      userId: user.id,
      family,
      tokenHash: sha256(secret),
      expiresAt: refreshExpiresAt,
    });
    return {
      tokenType: 'Bearer',
      accessToken,
      expiresIn: this.config.auth.accessTokenSeconds,
      refreshToken: `${id}.${secret}`,
      refreshExpiresAt,
    };
  }

  /** The claims of a valid access token, or a 401 that says what is wrong with it. */
  async verifyAccess(token: string): Promise<AccessClaims> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
      });
    } catch (error) {
      if (error instanceof TokenExpiredError)
        throw unauthenticated(
          'authorization',
          `the access token expired at ${error.expiredAt.toISOString()}; refresh it or sign in again`,
        );
      throw unauthenticated('authorization', 'the access token is not valid (malformed, altered or not issued here)');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.tv !== 'number')
      throw unauthenticated('authorization', 'the token is not an access token');
    return claims;
  }

  /** Exchanges a refresh token for a new pair; the old one is spent. */
  async rotate(refreshToken: unknown): Promise<{ userId: number; family: string }> {
    const { id, secret } = parseRefresh(refreshToken);
    const row = await this.identity.findRefreshToken(id);
    if (!row || !safeEqual(row.tokenHash, sha256(secret)))
      throw unauthenticated('refreshToken', 'the refresh token is not valid');
    if (row.revokedAt) throw unauthenticated('refreshToken', 'the refresh token was revoked; sign in again');
    if (Date.parse(row.expiresAt) <= Date.now())
      throw unauthenticated('refreshToken', `the refresh token expired at ${row.expiresAt}; sign in again`);
    if (row.usedAt || !(await this.identity.useRefreshToken(id))) {
      // Presented a second time: someone holds a copy. End the whole session.
      await this.identity.revokeRefreshFamily(row.family);
      throw unauthenticated('refreshToken', 'the refresh token was already used; the session is ended, sign in again');
    }
    return { userId: row.userId, family: row.family };
  }

  /** Ends the session the refresh token belongs to. */
  async revoke(refreshToken: unknown): Promise<void> {
    const { id, secret } = parseRefresh(refreshToken);
    const row = await this.identity.findRefreshToken(id);
    if (row && safeEqual(row.tokenHash, sha256(secret))) await this.identity.revokeRefreshFamily(row.family);
  }
}

function parseRefresh(token: unknown): { id: string; secret: string } {
  const match = typeof token === 'string' ? /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token) : null;
  if (!match)
    throw new DomainError(DomainErrorCode.InvalidArgument, 'refreshToken is missing or malformed', [
      { path: 'refreshToken', message: 'must be the refresh token from sign-in' },
    ]);
  return { id: match[1], secret: match[2] };
}

function safeEqual(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** JWT_SECRET, or on one machine a random key created once in the data directory (mode 600). */
export function signingKey(config: AppConfig): string {
  if (config.auth.jwtSecret) return config.auth.jwtSecret;
  const file = path.join(config.dataDir, 'jwt-secret');
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return fs.readFileSync(file, 'utf8').trim();
}
