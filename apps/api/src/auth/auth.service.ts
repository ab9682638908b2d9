/**
 * Sign-in with a local account (argon2id), refresh and sign-out, and turning a token into the
 * principal of a request. Failed sign-ins are throttled per account and per address in the
 * database, so every API replica sees the same count. Passwords are never logged or stored.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '@ita/config/app-config';
import { APP_CONFIG } from '@ita/config/config.module';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import type { OrganizationEntity, UserAccountEntity } from '@ita/persistence/entities';
import { IdentityRepository } from '@ita/persistence/identity.repository';
import { PlanRepository } from '@ita/persistence/plan.repository';
import { RetryLater } from '../http/domain-exception.filter';
import type { Principal } from './access';
import { decoyHash, verifyPassword } from './passwords';
import { TokenPair, TokenService } from './token.service';

/** An office behind one address may mistype more often than one person. */
const ADDRESS_FACTOR = 10;

const unauthenticated = (path: string, message: string) =>
  new DomainError(DomainErrorCode.Unauthenticated, message, [{ path, message }]);

export interface SignedIn extends TokenPair {
  user: ReturnType<AuthService['profile']>;
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly identity: IdentityRepository,
    private readonly plans: PlanRepository,
    private readonly tokens: TokenService,
  ) {}

  /** Signs in with a password (the body's shape is checked by SignInBody). */
  async login({ username, password }: { username: string; password: string }, address: string): Promise<SignedIn> {
    const keys = [`user:${username.toLowerCase()}`, `address:${address}`];
    await this.refuseIfLocked(keys);

    const user = await this.identity.findUser(username);
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
    if (!user || !ok || !user.active) {
      const { windowMinutes, maxFailures, lockMinutes } = this.config.auth.login;
      const now = Date.now();
      await this.identity.recordLoginFailure(keys[0], now, windowMinutes * 60_000, maxFailures, lockMinutes * 60_000);
      await this.identity.recordLoginFailure(
        keys[1],
        now,
        windowMinutes * 60_000,
        maxFailures * ADDRESS_FACTOR,
        lockMinutes * 60_000,
      );
      throw unauthenticated('password', 'the username or password is wrong');
    }
    await this.identity.clearLoginFailures(keys[0]);
    return this.signIn(user);
  }

  /** Issues tokens to a user already identified (a password, or the organization's identity provider). */
  async signIn(user: UserAccountEntity): Promise<SignedIn> {
    const org = await this.organizationOf(user);
    return { ...(await this.tokens.issue(user)), user: this.profile(user, org) };
  }

  async refresh(body: { refreshToken: string }): Promise<SignedIn> {
    const { userId, family } = await this.tokens.rotate(body.refreshToken);
    const user = await this.identity.findUserById(userId);
    if (!user?.active) throw unauthenticated('refreshToken', 'the account is no longer active');
    const org = await this.organizationOf(user);
    return { ...(await this.tokens.issue(user, family)), user: this.profile(user, org) };
  }

  async logout(body: { refreshToken: string }): Promise<{ signedOut: true }> {
    await this.tokens.revoke(body.refreshToken);
    return { signedOut: true };
  }

  /** The principal behind an access token: the account as it is now, with today's delegations. */
  async principal(accessToken: string, now: number): Promise<Principal> {
    const claims = await this.tokens.verifyAccess(accessToken);
    const user = await this.identity.findUserById(Number(claims.sub));
    if (!user || !user.active) throw unauthenticated('authorization', 'the account is no longer active');
    if (user.tokenVersion !== claims.tv)
      throw unauthenticated('authorization', 'the account changed since this token was issued; sign in again');
    return this.principalOf(user, now);
  }

  /** An active account as the principal it is at `now`: its role, unit and the delegations it holds then. */
  async principalOf(user: UserAccountEntity, now: number): Promise<Principal> {
    const org = await this.organizationOf(user);
    return {
      id: user.username,
      role: user.role,
      unitCode: user.unitCode ?? undefined,
      organizationCode: org.code,
      grants: await this.identity.grantsFor(org.id, user.username, now),
      userId: user.id,
      organizationId: org.id,
      displayName: user.displayName,
    };
  }

  profile(user: UserAccountEntity, org: OrganizationEntity) {
    return {
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      unitCode: user.unitCode,
      organization: { code: org.code, name: org.name },
    };
  }

  private async organizationOf(user: UserAccountEntity): Promise<OrganizationEntity> {
    const org = await this.plans.findOrganizationById(user.organizationId);
    if (!org) throw unauthenticated('authorization', 'the account has no organization');
    return org;
  }

  private async refuseIfLocked(keys: string[]): Promise<void> {
    for (const key of keys) {
      const state = await this.identity.throttleState(key);
      const until = state?.lockedUntil ? Date.parse(state.lockedUntil) : 0;
      if (until > Date.now()) {
        const seconds = Math.ceil((until - Date.now()) / 1000);
        throw new RetryLater(
          `too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} minutes`,
          seconds,
          key.startsWith('user:') ? 'username' : '(address)',
        );
      }
    }
  }
}
