/**
 * Personal calendar feeds in the store: one row per person holding the hash of his feed's
 * secret. Making, replacing and revoking a feed are account changes, audited in the
 * organization's hash chain in the same transaction; the entries record when, never the secret
 * or its hash.
 */
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { AuditAction } from '@ita/domain/audit-actions';
import { AuditRepository } from './audit.repository';
import { CalendarFeedTokenEntity, OrganizationEntity, UserAccountEntity } from './entities';
import type { AuditActor } from './identity.repository';

export interface LiveFeed {
  feed: CalendarFeedTokenEntity;
  user: UserAccountEntity;
}

export class CalendarFeedRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  /** The person's feed row (live, or revoked), if he ever had one. */
  async findForUser(userId: number): Promise<CalendarFeedTokenEntity | null> {
    return this.dataSource.getRepository(CalendarFeedTokenEntity).findOneBy({ userId });
  }

  /** The live feed whose secret hashes to this, with its owner (active or not: the caller decides). */
  async findLive(tokenHash: string): Promise<LiveFeed | null> {
    const feed = await this.dataSource
      .getRepository(CalendarFeedTokenEntity)
      .findOneBy({ tokenHash, revokedAt: IsNull() });
    const user = feed && (await this.dataSource.getRepository(UserAccountEntity).findOneBy({ id: feed.userId }));
    return feed && user ? { feed, user } : null;
  }

  /** Gives the person a feed with this secret's hash: a first one, or in place of his live one (whose URL stops working). */
  async issue(
    organization: OrganizationEntity,
    user: UserAccountEntity,
    tokenHash: string,
    by: AuditActor,
  ): Promise<{ feed: CalendarFeedTokenEntity; replaced: boolean }> {
    return this.dataSource.transaction(async (em) => {
      // The chain's head first, before anything is read (AuditRepository.lockHead says why).
      await this.audit.lockHead(em, organization.id);
      const repo = em.getRepository(CalendarFeedTokenEntity);
      const at = new Date().toISOString();
      const existing = await repo.findOneBy({ userId: user.id });
      if (existing) await repo.update({ id: existing.id }, { tokenHash, createdAt: at, revokedAt: null });
      else await repo.insert({ userId: user.id, tokenHash, createdAt: at, revokedAt: null });
      const feed = await repo.findOneByOrFail({ userId: user.id });
      const replaced = !!existing && !existing.revokedAt;
      await this.record(em, organization, user, by, {
        action: replaced ? 'account.calendar-replaced' : 'account.calendar-created',
        before: replaced ? { calendarFeedCreatedAt: existing.createdAt } : null,
        after: { calendarFeedCreatedAt: at },
        at,
      });
      return { feed, replaced };
    });
  }

  /** Revokes the person's live feed now; null if he has none. */
  async revoke(
    organization: OrganizationEntity,
    user: UserAccountEntity,
    by: AuditActor,
  ): Promise<CalendarFeedTokenEntity | null> {
    return this.dataSource.transaction(async (em) => {
      await this.audit.lockHead(em, organization.id);
      const repo = em.getRepository(CalendarFeedTokenEntity);
      const at = new Date().toISOString();
      const result = await repo.update({ userId: user.id, revokedAt: IsNull() }, { revokedAt: at });
      if (!result.affected) return null;
      const feed = await repo.findOneByOrFail({ userId: user.id });
      await this.record(em, organization, user, by, {
        action: 'account.calendar-revoked',
        before: { calendarFeedCreatedAt: feed.createdAt },
        after: { calendarFeedCreatedAt: feed.createdAt, calendarFeedRevokedAt: at },
        at,
      });
      return feed;
    });
  }

  private record(
    em: EntityManager,
    organization: OrganizationEntity,
    user: UserAccountEntity,
    by: AuditActor,
    change: { action: AuditAction; before: object | null; after: object; at: string },
  ): Promise<void> {
    return this.audit.appendAdministrative(em, organization.id, organization.code, {
      ...change,
      actorId: by.id,
      actorRole: by.role,
      actorUnit: by.unitCode ?? null,
      entity: 'account',
      key: user.username,
    });
  }
}
