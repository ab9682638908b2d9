/**
 * Users and their authority in the store: accounts, dated delegations (every change audited in
 * the organization's hash chain), refresh tokens, and the shared login throttle.
 */
import type { Grant } from '@ita/domain/access/actor';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { delegationInForce, grantOf, oversightHolderAt } from '@ita/domain/access/authority';
import { AuditRepository } from './audit.repository';
import {
  DelegationEntity,
  LoginThrottleEntity,
  OrganizationEntity,
  RefreshTokenEntity,
  UserAccountEntity,
} from './entities';

export type NewUser = Pick<UserAccountEntity, 'username' | 'displayName' | 'role' | 'unitCode' | 'passwordHash'> &
  Partial<Pick<UserAccountEntity, 'oidcIssuer' | 'oidcSubject' | 'email'>>;
export type NewDelegation = Pick<
  DelegationEntity,
  'kind' | 'unitCode' | 'delegator' | 'delegate' | 'startsOn' | 'endsOn' | 'reason'
>;
/** More to write in the same transaction as a delegation change (the answer to an idempotent command). */
export type AlsoInTransaction = (em: EntityManager, delegation: DelegationEntity) => Promise<void>;
export interface AuditActor {
  id: string;
  role: string;
  unitCode?: string | null;
}

const publicUser = (u: UserAccountEntity) => ({
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  unitCode: u.unitCode,
  email: u.email ?? null,
  active: u.active,
});

export class IdentityRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  // --- accounts -------------------------------------------------------------------------------

  async findUser(username: string): Promise<UserAccountEntity | null> {
    return this.dataSource.getRepository(UserAccountEntity).findOneBy({ username });
  }

  async findUserById(id: number): Promise<UserAccountEntity | null> {
    return this.dataSource.getRepository(UserAccountEntity).findOneBy({ id });
  }

  async findUserByOidc(issuer: string, subject: string): Promise<UserAccountEntity | null> {
    return this.dataSource.getRepository(UserAccountEntity).findOneBy({ oidcIssuer: issuer, oidcSubject: subject });
  }

  /**
   * Links an account to its identity at the organization's identity provider (first sign-in
   * there); audited. False if the account is gone or already linked to an identity.
   */
  async linkOidc(userId: number, issuer: string, subject: string): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(UserAccountEntity);
      const result = await repo.update(
        { id: userId, oidcIssuer: IsNull(), oidcSubject: IsNull() },
        { oidcIssuer: issuer, oidcSubject: subject },
      );
      if (!result.affected) return false;
      const user = await repo.findOneByOrFail({ id: userId });
      const organization = await em.getRepository(OrganizationEntity).findOneByOrFail({ id: user.organizationId });
      await this.audit.appendAdministrative(em, organization.id, organization.code, {
        action: 'account.linked',
        actorId: user.username,
        actorRole: user.role,
        actorUnit: user.unitCode ?? null,
        entity: 'account',
        key: user.username,
        before: { oidcIssuer: null, oidcSubject: null },
        after: { oidcIssuer: issuer, oidcSubject: subject },
        at: new Date().toISOString(),
      });
      return true;
    });
  }

  async listUsers(organizationId: number): Promise<UserAccountEntity[]> {
    return this.dataSource
      .getRepository(UserAccountEntity)
      .find({ where: { organizationId }, order: { role: 'ASC', unitCode: 'ASC', username: 'ASC' } });
  }

  /** Creates an account, or updates the one with this username (same organization only); audited. */
  async saveUser(organization: OrganizationEntity, user: NewUser, by: AuditActor): Promise<'created' | 'updated'> {
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(UserAccountEntity);
      const existing = await repo.findOneBy({ username: user.username });
      const at = new Date().toISOString();
      if (existing && existing.organizationId !== organization.id)
        throw new Error(`username ${user.username} belongs to another organization`);
      if (existing) {
        await repo.update({ id: existing.id }, { ...user, active: true, tokenVersion: existing.tokenVersion + 1 });
      } else {
        await repo.insert({ ...user, organizationId: organization.id, active: true, tokenVersion: 0, createdAt: at });
      }
      const after = publicUser({ ...(existing ?? {}), ...user, active: true } as UserAccountEntity);
      await this.audit.appendAdministrative(em, organization.id, organization.code, {
        action: existing ? 'account.updated' : 'account.created',
        actorId: by.id,
        actorRole: by.role,
        actorUnit: by.unitCode ?? null,
        entity: 'account',
        key: user.username,
        before: existing ? publicUser(existing) : null,
        after,
        at,
      });
      return existing ? 'updated' : 'created';
    });
  }

  // --- delegations ----------------------------------------------------------------------------

  async listDelegations(organizationId: number): Promise<DelegationEntity[]> {
    return this.dataSource
      .getRepository(DelegationEntity)
      .find({ where: { organizationId }, order: { startsOn: 'DESC', id: 'DESC' } });
  }

  async findDelegation(organizationId: number, id: number): Promise<DelegationEntity | null> {
    return this.dataSource.getRepository(DelegationEntity).findOneBy({ organizationId, id });
  }

  async createDelegation(
    organization: OrganizationEntity,
    d: NewDelegation,
    by: AuditActor,
    alsoInTransaction?: AlsoInTransaction,
  ): Promise<DelegationEntity> {
    return this.dataSource.transaction(async (em) => {
      const at = new Date().toISOString();
      const row = {
        ...d,
        organizationId: organization.id,
        createdBy: by.id,
        createdAt: at,
        revokedAt: null,
        revokedBy: null,
      };
      const { identifiers } = await em.getRepository(DelegationEntity).insert(row);
      const saved = { ...row, id: Number(identifiers[0].id) } as DelegationEntity;
      await this.audit.appendAdministrative(em, organization.id, organization.code, {
        action: 'delegation.created',
        actorId: by.id,
        actorRole: by.role,
        actorUnit: by.unitCode ?? null,
        entity: 'delegation',
        key: String(saved.id),
        before: null,
        after: saved,
        at,
      });
      await alsoInTransaction?.(em, saved);
      return saved;
    });
  }

  /** Revokes a delegation now; false if it was already revoked. */
  async revokeDelegation(
    organization: OrganizationEntity,
    id: number,
    by: AuditActor,
    alsoInTransaction?: AlsoInTransaction,
  ): Promise<DelegationEntity | null> {
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(DelegationEntity);
      const before = await repo.findOneBy({ organizationId: organization.id, id });
      if (!before || before.revokedAt) return null;
      const at = new Date().toISOString();
      const result = await repo.update({ id, revokedAt: IsNull() }, { revokedAt: at, revokedBy: by.id });
      if (!result.affected) return null;
      const after = { ...before, revokedAt: at, revokedBy: by.id };
      await this.audit.appendAdministrative(em, organization.id, organization.code, {
        action: 'delegation.revoked',
        actorId: by.id,
        actorRole: by.role,
        actorUnit: by.unitCode ?? null,
        entity: 'delegation',
        key: String(id),
        before,
        after,
        at,
      });
      await alsoInTransaction?.(em, after);
      return after;
    });
  }

  /** Delegations to `username` in force at `instant` (the domain's rule), as grants. */
  async grantsFor(organizationId: number, username: string, instant: number): Promise<Grant[]> {
    const rows = await this.dataSource
      .getRepository(DelegationEntity)
      .find({ where: { organizationId, delegate: username, revokedAt: IsNull() }, order: { id: 'ASC' } });
    return rows.filter((d) => delegationInForce(d, instant)).map((d) => grantOf(d));
  }

  /** Who held the Director's oversight at `instant` (the domain's rule, over this organization's oversight delegations). */
  async oversightHolder(organizationId: number, instant: number): Promise<string | null> {
    const delegations = await this.dataSource
      .getRepository(DelegationEntity)
      .findBy({ organizationId, kind: 'oversight' });
    const director = await this.dataSource
      .getRepository(UserAccountEntity)
      .findOne({ where: { organizationId, role: 'director', active: true }, order: { id: 'ASC' } });
    return oversightHolderAt(delegations, director?.username ?? null, instant);
  }

  // --- refresh tokens -------------------------------------------------------------------------

  async saveRefreshToken(
    token: Pick<RefreshTokenEntity, 'id' | 'userId' | 'family' | 'tokenHash' | 'expiresAt'>,
  ): Promise<void> {
    await this.dataSource.getRepository(RefreshTokenEntity).insert({ ...token, usedAt: null, revokedAt: null });
  }

  async findRefreshToken(id: string): Promise<RefreshTokenEntity | null> {
    return this.dataSource.getRepository(RefreshTokenEntity).findOneBy({ id });
  }

  /** Marks a token used; false if it was used (or revoked) already, by a race or a thief. */
  async useRefreshToken(id: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(RefreshTokenEntity)
      .update({ id, usedAt: IsNull(), revokedAt: IsNull() }, { usedAt: new Date().toISOString() });
    return (result.affected ?? 0) > 0;
  }

  async revokeRefreshFamily(family: string): Promise<void> {
    await this.dataSource
      .getRepository(RefreshTokenEntity)
      .update({ family, revokedAt: IsNull() }, { revokedAt: new Date().toISOString() });
  }

  // --- login throttle -------------------------------------------------------------------------

  async throttleState(key: string): Promise<LoginThrottleEntity | null> {
    return this.dataSource.getRepository(LoginThrottleEntity).findOneBy({ key });
  }

  /** Counts a failed sign-in in the current window; locks the key once `limit` is reached. */
  async recordLoginFailure(
    key: string,
    now: number,
    windowMs: number,
    limit: number,
    lockMs: number,
  ): Promise<LoginThrottleEntity> {
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(LoginThrottleEntity);
      const at = new Date(now).toISOString();
      await em
        .createQueryBuilder()
        .insert()
        .into(LoginThrottleEntity)
        .orIgnore()
        .values({ key, failures: 0, windowStartedAt: at, lockedUntil: null })
        .execute();
      const row = await repo.findOneByOrFail({ key });
      const fresh = now - Date.parse(row.windowStartedAt) > windowMs;
      const failures = (fresh ? 0 : row.failures) + 1;
      const next = {
        failures,
        windowStartedAt: fresh ? at : row.windowStartedAt,
        lockedUntil: failures >= limit ? new Date(now + lockMs).toISOString() : row.lockedUntil,
      };
      await repo.update({ key }, next);
      return { key, ...next };
    });
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.dataSource.getRepository(LoginThrottleEntity).delete({ key });
  }
}
