/**
 * Idempotency records in the store: claimed when a keyed command starts, completed with its
 * answer, released when it failed in a way worth retrying. Every write after the claim is
 * conditional on the claim's token, so of two requests that both believe they hold a key (one
 * presumed dead and taken over), only the current holder's answer is ever stored.
 */
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { IdempotencyRecordEntity } from './entities';

export interface IdempotencyScope {
  organizationId: number;
  userId: number;
  key: string;
}

export interface IdempotencyRequest extends IdempotencyScope {
  route: string;
  fingerprint: string;
}

/** A claim held by one request: the record and the token that proves it is still ours. */
export interface HeldClaim {
  id: number;
  token: string;
}

export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(scope: IdempotencyScope): Promise<IdempotencyRecordEntity | null> {
    return this.dataSource
      .getRepository(IdempotencyRecordEntity)
      .findOneBy({ organizationId: scope.organizationId, userId: scope.userId, idempotencyKey: scope.key });
  }

  /**
   * Claims the key for this request unless a record of it exists (a race between two requests
   * is settled by the unique key: one insert wins). Records created before `expiredBefore` are
   * deleted first, so an expired key is new again and the table does not grow without end.
   * Returns the key's record, and the claim when it is ours.
   */
  async claim(
    request: IdempotencyRequest,
    at: string,
    expiredBefore: string,
  ): Promise<{ record: IdempotencyRecordEntity; held: HeldClaim | null }> {
    const repo = this.dataSource.getRepository(IdempotencyRecordEntity);
    const token = randomUUID();
    await repo.delete({
      organizationId: request.organizationId,
      userId: request.userId,
      createdAt: LessThan(expiredBefore),
    });
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(IdempotencyRecordEntity)
      .orIgnore()
      .values({
        organizationId: request.organizationId,
        userId: request.userId,
        idempotencyKey: request.key,
        route: request.route,
        fingerprint: request.fingerprint,
        state: 'in-progress',
        claimToken: token,
        claimedAt: at,
        responseStatus: null,
        responseBody: null,
        createdAt: at,
        completedAt: null,
      })
      .execute();
    const record = await this.find(request);
    if (!record) throw new Error(`idempotency record of key ${request.key} vanished right after it was claimed`);
    return { record, held: record.claimToken === token ? { id: record.id, token } : null };
  }

  /** Takes over a claim presumed abandoned (still in progress under `staleToken`); null if another request got there first. */
  async takeOver(id: number, staleToken: string, at: string): Promise<HeldClaim | null> {
    const token = randomUUID();
    const result = await this.dataSource
      .getRepository(IdempotencyRecordEntity)
      .update({ id, claimToken: staleToken, state: 'in-progress' }, { claimToken: token, claimedAt: at });
    return result.affected ? { id, token } : null;
  }

  /**
   * Stores the answer if the claim is still ours; false if it is not (taken over meanwhile).
   * With `em`, in the caller's transaction, so the answer commits with the command's own writes.
   */
  async complete(claim: HeldClaim, status: number, body: unknown, at: string, em?: EntityManager): Promise<boolean> {
    const result = await (em ?? this.dataSource.manager).getRepository(IdempotencyRecordEntity).update(
      { id: claim.id, claimToken: claim.token, state: 'in-progress' },
      {
        state: 'done',
        responseStatus: status,
        responseBody: body === undefined ? null : JSON.stringify(body),
        completedAt: at,
      },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Gives the key back (the command may be retried and run again); nothing if the claim is no longer ours. */
  async release(claim: HeldClaim): Promise<void> {
    await this.dataSource
      .getRepository(IdempotencyRecordEntity)
      .delete({ id: claim.id, claimToken: claim.token, state: 'in-progress' });
  }
}
