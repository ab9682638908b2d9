/**
 * Sign-in through an organization's own identity provider: OpenID Connect, authorization code
 * flow with PKCE (S256), state and nonce. The sign-in in progress (state, nonce, code verifier)
 * travels in a short-lived HttpOnly cookie encrypted and authenticated (AES-256-GCM) with a key
 * derived from the access-token secret, so any API replica can finish what another one started.
 * The identity is matched to an existing account only: first by the (issuer, subject) it was
 * linked to, else, once, by a username claim among the accounts of that provider's organization.
 * Accounts are never created here. Codes, tokens and secrets are never logged.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { BaseClient, custom, errors, generators, Issuer, TokenSet } from 'openid-client';
import type { AppConfig, OidcProviderConfig } from '@ita/config/app-config';
import { APP_CONFIG } from '@ita/config/config.module';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import type { UserAccountEntity } from '@ita/persistence/entities';
import { IdentityRepository } from '@ita/persistence/identity.repository';
import { PlanRepository } from '@ita/persistence/plan.repository';
import { AuthService, SignedIn } from './auth.service';
import { signingKey } from './token.service';

export const PENDING_COOKIE = 'ita_oidc';
export const PENDING_SECONDS = 600;
export const OIDC_SCOPE = 'openid profile email';
/** Where the browser lands after signing in; the tokens ride in the fragment, which is never sent to a server. */
export const SIGNED_IN_PATH = '/#/signed-in';
const CALLBACK_PARAMS = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri', 'session_state'];

/** A sign-in started in one browser, kept (sealed) in that browser until the provider sends it back. */
export interface PendingSignIn {
  organization: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

const problem = (code: DomainErrorCode, path: string, message: string) =>
  new DomainError(code, message, [{ path, message }]);

// --- pure helpers (unit-tested) ---------------------------------------------------------------

/** The key that seals pending sign-ins, derived from (never equal to) the access-token secret. */
export function pendingKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'ita-measures', 'oidc pending sign-in cookie v1', 32));
}

export function sealPending(pending: PendingSignIn, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(PENDING_COOKIE));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(pending), 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
}

/** The pending sign-in sealed in `value`, or null if it is absent, altered, sealed with another key or expired. */
export function openPending(value: string | undefined, key: Buffer, now: number): PendingSignIn | null {
  if (!value?.startsWith('v1.') || value.length > 2000) return null;
  const raw = Buffer.from(value.slice(3), 'base64url');
  if (raw.length < 12 + 16 + 2) return null;
  let pending: PendingSignIn;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(PENDING_COOKIE));
    decipher.setAuthTag(raw.subarray(12, 28));
    pending = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
  } catch {
    return null;
  }
  const strings = ['organization', 'state', 'nonce', 'codeVerifier'] as const;
  if (!pending || strings.some((k) => typeof pending[k] !== 'string') || typeof pending.expiresAt !== 'number')
    return null;
  return pending.expiresAt > now ? pending : null;
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** Set-Cookie for the pending sign-in, scoped to the callback path; maxAge 0 clears it. */
export function pendingCookie(value: string, redirectUri: string, maxAgeSeconds: number): string {
  const url = new URL(redirectUri);
  const attributes = [
    `${PENDING_COOKIE}=${value}`,
    `Path=${url.pathname}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (maxAgeSeconds === 0) attributes.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (url.protocol === 'https:') attributes.push('Secure');
  return attributes.join('; ');
}

/** The page the browser is sent to with its tokens, in the fragment. */
export function signedInLocation(signedIn: Pick<SignedIn, 'accessToken' | 'refreshToken' | 'expiresIn'>): string {
  const params = new URLSearchParams({
    accessToken: signedIn.accessToken,
    refreshToken: signedIn.refreshToken,
    expiresIn: String(signedIn.expiresIn),
  });
  return `${SIGNED_IN_PATH}?${params.toString()}`;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True for failures to reach the provider (refused, reset, timed out), as opposed to its answers. */
function unreachable(error: unknown): boolean {
  if (error instanceof errors.OPError) return false;
  if (error instanceof errors.RPError) return /timed out/i.test(error.message);
  return true;
}

// --- the service ------------------------------------------------------------------------------

@Injectable()
export class OidcService {
  private readonly logger = new Logger('OIDC');
  private readonly clients = new Map<string, Promise<BaseClient>>();
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly identity: IdentityRepository,
    private readonly plans: PlanRepository,
    private readonly auth: AuthService,
  ) {
    this.key = pendingKey(signingKey(config));
  }

  /** Starts a sign-in: where to send the browser, and the cookie that remembers the sign-in. */
  async begin(organization: string): Promise<{ location: string; cookie: string }> {
    const provider = this.providerOf(organization);
    const client = await this.clientOf(provider);
    const codeVerifier = generators.codeVerifier();
    const pending: PendingSignIn = {
      organization: provider.organization,
      state: generators.state(),
      nonce: generators.nonce(),
      codeVerifier,
      expiresAt: Date.now() + PENDING_SECONDS * 1000,
    };
    const location = client.authorizationUrl({
      scope: OIDC_SCOPE,
      response_type: 'code',
      redirect_uri: provider.redirectUri,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: generators.codeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { location, cookie: pendingCookie(sealPending(pending, this.key), provider.redirectUri, PENDING_SECONDS) };
  }

  /**
   * Finishes a sign-in the provider sent back: checks state, exchanges the code (PKCE), finds the
   * account and issues our tokens. `setCookie` receives the header that clears the pending
   * sign-in once the state matched (whatever happens next, it cannot be used again).
   */
  async finish(
    query: Record<string, unknown>,
    cookieHeader: string | undefined,
    setCookie: (header: string) => void,
  ): Promise<{ location: string }> {
    const state = query.state;
    if (typeof state !== 'string' || !state)
      throw problem(
        DomainErrorCode.InvalidArgument,
        'state',
        'state is missing (or given more than once): start signing in again from the sign-in page',
      );
    const pending = openPending(readCookie(cookieHeader, PENDING_COOKIE), this.key, Date.now());
    if (!pending)
      throw problem(
        DomainErrorCode.InvalidArgument,
        'state',
        `no sign-in is in progress in this browser (or it is older than ${PENDING_SECONDS / 60} minutes): start signing in again`,
      );
    if (!sameText(pending.state, state))
      throw problem(
        DomainErrorCode.InvalidArgument,
        'state',
        'state does not match the sign-in started in this browser: start signing in again',
      );

    const provider = this.providerOf(pending.organization);
    setCookie(pendingCookie('', provider.redirectUri, 0));
    const client = await this.clientOf(provider);
    const params = Object.fromEntries(
      CALLBACK_PARAMS.flatMap((k) => {
        const value = query[k];
        return typeof value === 'string' ? [[k, value]] : [];
      }),
    );

    let tokenSet: TokenSet;
    try {
      tokenSet = await client.callback(provider.redirectUri, params, {
        state: pending.state,
        nonce: pending.nonce,
        code_verifier: pending.codeVerifier,
        response_type: 'code',
      });
    } catch (error) {
      throw this.providerFailure(provider, error, 'the identity provider did not accept the sign-in');
    }
    const claims = tokenSet.claims();
    const issuer = claims.iss;
    const subject = claims.sub;

    const organization = await this.plans.findOrganization(provider.organization);
    const noAccount = (detail = '') =>
      problem(
        DomainErrorCode.Forbidden,
        'account',
        `no account of ${provider.organization} for this identity${detail}; ask your administrator`,
      );
    if (!organization) throw noAccount();

    let user = await this.identity.findUserByOidc(issuer, subject);
    if (user && user.organizationId !== organization.id) {
      this.logger.warn(
        `identity ${subject} of ${issuer} is linked to an account of another organization than ${provider.organization}; refused`,
      );
      throw noAccount();
    }
    if (!user) {
      const username = await this.usernameClaim(client, provider, tokenSet);
      const candidate = username ? await this.identity.findUser(username) : null;
      const shown = username ? ` (${provider.usernameClaim} "${username}")` : ` (it sent no ${provider.usernameClaim})`;
      if (!candidate || candidate.organizationId !== organization.id) throw noAccount(shown);
      if (candidate.oidcIssuer || candidate.oidcSubject) {
        throw problem(
          DomainErrorCode.Forbidden,
          'account',
          `the account ${candidate.username} is already linked to another identity; ask your administrator`,
        );
      }
      this.refuseInactive(candidate);
      user = await this.link(candidate, issuer, subject);
      this.logger.log(`account ${user.username} of ${provider.organization} linked to its identity at ${issuer}`);
    }
    this.refuseInactive(user);

    const signedIn = await this.auth.signIn(user);
    this.logger.log(`${user.username} of ${provider.organization} signed in through ${issuer}`);
    return { location: signedInLocation(signedIn) };
  }

  private providerOf(organization: string): OidcProviderConfig {
    const provider = this.config.auth.oidc.find((p) => p.organization === organization);
    if (!provider) {
      throw problem(
        DomainErrorCode.NotFound,
        'organization',
        `no identity provider is configured for organization ${JSON.stringify(organization.slice(0, 64))}; sign in with a password`,
      );
    }
    return provider;
  }

  /** The provider's client, its metadata discovered once; a failed discovery is retried next time. */
  private clientOf(provider: OidcProviderConfig): Promise<BaseClient> {
    let client = this.clients.get(provider.organization);
    if (!client) {
      client = Issuer.discover(provider.issuer).then((issuer) => {
        const made = new issuer.Client({
          client_id: provider.clientId,
          ...(provider.clientSecret
            ? { client_secret: provider.clientSecret, token_endpoint_auth_method: 'client_secret_basic' }
            : { token_endpoint_auth_method: 'none' }),
          redirect_uris: [provider.redirectUri],
          response_types: ['code'],
        });
        made[custom.clock_tolerance] = 5;
        return made;
      });
      this.clients.set(provider.organization, client);
      client.catch((error: unknown) => {
        this.clients.delete(provider.organization);
        this.logger.warn(
          `discovery of ${provider.issuer} (${provider.organization}) failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    }
    return client.catch(() => {
      throw problem(
        DomainErrorCode.Unavailable,
        'organization',
        `the identity provider of ${provider.organization} cannot be reached right now; try again later or sign in with a password`,
      );
    });
  }

  /** The username claim: from the ID token, else from the userinfo endpoint (providers that keep profile claims there). */
  private async usernameClaim(
    client: BaseClient,
    provider: OidcProviderConfig,
    tokenSet: TokenSet,
  ): Promise<string | null> {
    let value: unknown = tokenSet.claims()[provider.usernameClaim];
    if (value === undefined && tokenSet.access_token) {
      try {
        value = (await client.userinfo(tokenSet))[provider.usernameClaim];
      } catch (error) {
        throw this.providerFailure(provider, error, 'the identity provider did not tell who signed in');
      }
    }
    return typeof value === 'string' && value.trim() ? value.trim() : null;
  }

  private async link(user: UserAccountEntity, issuer: string, subject: string): Promise<UserAccountEntity> {
    if (!(await this.identity.linkOidc(user.id, issuer, subject))) {
      // Another replica linked it a moment ago: fine if to this very identity.
      const now = await this.identity.findUserById(user.id);
      if (!now || now.oidcIssuer !== issuer || now.oidcSubject !== subject) {
        throw problem(
          DomainErrorCode.Forbidden,
          'account',
          `the account ${user.username} is already linked to another identity; ask your administrator`,
        );
      }
      return now;
    }
    return { ...user, oidcIssuer: issuer, oidcSubject: subject };
  }

  private refuseInactive(user: UserAccountEntity): void {
    if (!user.active)
      throw problem(
        DomainErrorCode.Forbidden,
        'account',
        `the account ${user.username} is deactivated; ask your administrator`,
      );
  }

  /** A provider that cannot be reached is 503; one that refuses (or answers with something invalid) is 401. Never logs the error object (it may hold tokens). */
  private providerFailure(provider: OidcProviderConfig, error: unknown, refusal: string): DomainError {
    const reason =
      error instanceof errors.OPError ? (error.error ?? 'error') : error instanceof Error ? error.message : 'unknown';
    this.logger.warn(`sign-in through ${provider.issuer} (${provider.organization}) failed: ${reason}`);
    if (unreachable(error)) {
      return problem(
        DomainErrorCode.Unavailable,
        'code',
        `the identity provider of ${provider.organization} cannot be reached right now; try again later`,
      );
    }
    const detail =
      error instanceof errors.OPError
        ? ` (${error.error}${error.error_description ? `: ${error.error_description}` : ''})`
        : '';
    return problem(DomainErrorCode.Unauthenticated, 'code', `${refusal}${detail}; start signing in again`);
  }
}
