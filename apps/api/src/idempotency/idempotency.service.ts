/**
 * Idempotent commands: the first request with a key runs and its answer is stored; the same key
 * with the same request gets that answer again (from any replica, after any restart); the same
 * key with a different request is refused (422). Final answers (2xx and 4xx) are stored; a 503
 * or a bug gives the key back so a retry runs the command again, which is safe: Temporal updates
 * carry an update id made from the key, activation starts workflows by fixed ids, and a
 * delegation's answer is stored in the delegation's own transaction.
 *
 * A claim left in progress by a request that died with its API is presumed abandoned after a
 * lease (three command bounds, at least 10 s: a live request answers within one) and taken over. Until then a second request with
 * the key waits for the first one's answer for up to one command bound, then hears 409 with
 * Retry-After. Records expire after a week (RETENTION_MS): a key is a retry token, not an archive.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '@ita/config/app-config';
import { APP_CONFIG } from '@ita/config/config.module';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import type { IdempotencyRecordEntity } from '@ita/persistence/entities';
import { HeldClaim, IdempotencyRepository } from '@ita/persistence/idempotency.repository';
import type { Principal } from '../auth/access';
import { errorAnswer, RetryLater } from '../http/domain-exception.filter';
import { FingerprintedRequest, IDEMPOTENCY_KEY_HEADER, requestFingerprint, temporalUpdateId } from './idempotency-key';

export const RETENTION_MS = 7 * 86_400_000;
const POLL_MS = 100;

/** What a command's handler gets when it runs under a key. */
export interface IdempotencyClaim {
  readonly key: string;
  /** For Temporal: the same for every retry of this command. */
  readonly updateId: string;
  /**
   * Stores the answer within the command's own transaction, so the answer and the command's
   * writes commit together or not at all; throws (rolling the transaction back) when the key's
   * claim was taken over meanwhile by a retry presumed this request dead.
   */
  completeWithin(em: EntityManager, body: unknown): Promise<void>;
}

/** A claim as the interceptor holds it. */
export interface ActiveClaim extends IdempotencyClaim {
  readonly held: HeldClaim;
  readonly successStatus: number;
}

export type Begun = { replay: { status: number; body: unknown } } | { claim: ActiveClaim };

const iso = (ms: number) => new Date(ms).toISOString();

@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger(IdempotencyService.name);
  private readonly waitMs: number;
  private readonly leaseMs: number;

  constructor(
    private readonly records: IdempotencyRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.waitMs = config.temporal.commandTimeoutMs;
    this.leaseMs = Math.max(10_000, 3 * config.temporal.commandTimeoutMs);
  }

  /** Claims the key for this request, or says what was answered to it before. */
  async begin(principal: Principal, key: string, request: FingerprintedRequest, successStatus: number): Promise<Begun> {
    const fingerprint = requestFingerprint(request);
    const route = `${request.method.toUpperCase()} ${request.route}`;
    const scope = { organizationId: principal.organizationId, userId: principal.userId, key };
    const started = Date.now();
    const claimed = await this.records.claim(
      { ...scope, route, fingerprint },
      iso(started),
      iso(started - RETENTION_MS),
    );
    let record: IdempotencyRecordEntity | null = claimed.record;
    if (claimed.held) return { claim: this.active(principal, key, fingerprint, claimed.held, successStatus) };
    for (;;) {
      if (!record) {
        // Given back by a request that failed meanwhile: this one runs it.
        return this.begin(principal, key, request, successStatus);
      }
      if (record.fingerprint !== fingerprint) throw reused(key, record.route, route);
      if (record.state === 'done')
        return {
          replay: {
            status: record.responseStatus ?? 200,
            body: record.responseBody === null ? undefined : JSON.parse(record.responseBody),
          },
        };
      const now = Date.now();
      if (now - Date.parse(record.claimedAt) > this.leaseMs) {
        const taken = await this.records.takeOver(record.id, record.claimToken, iso(now));
        if (taken) return { claim: this.active(principal, key, fingerprint, taken, successStatus) };
      } else if (now - started >= this.waitMs) {
        const seconds = Math.max(1, Math.ceil((Date.parse(record.claimedAt) + this.leaseMs - now) / 1000));
        throw new RetryLater(
          `the first request with ${IDEMPOTENCY_KEY_HEADER} "${key}" is still being answered; ask again later for its answer`,
          Math.min(seconds, 5),
          IDEMPOTENCY_KEY_HEADER,
          DomainErrorCode.IdempotencyKeyInProgress,
        );
      } else {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      record = await this.records.find(scope);
    }
  }

  /** The command answered: its answer is stored for the key (unless the command stored it itself). */
  async finish(claim: ActiveClaim, status: number, body: unknown): Promise<void> {
    try {
      await this.records.complete(claim.held, status, body, iso(Date.now()));
    } catch (error) {
      // The command took effect and its answer goes out; a retry within the lease hears 409, after it the
      // command runs again, which is safe (see the header).
      this.logger.warn(`answer to ${IDEMPOTENCY_KEY_HEADER} "${claim.key}" not stored: ${(error as Error).message}`);
    }
  }

  /** The command failed: a final refusal (4xx) is stored like an answer; anything else gives the key back. */
  async fail(claim: ActiveClaim, error: unknown): Promise<void> {
    const answer = errorAnswer(error);
    const final =
      answer.status >= 400 &&
      answer.status < 500 &&
      answer.status !== 429 &&
      !(error instanceof DomainError && error.code === DomainErrorCode.IdempotencyKeyInProgress);
    try {
      if (final) await this.records.complete(claim.held, answer.status, answer.body, iso(Date.now()));
      else await this.records.release(claim.held);
    } catch (storeError) {
      this.logger.warn(`${IDEMPOTENCY_KEY_HEADER} "${claim.key}" left in progress: ${(storeError as Error).message}`);
    }
  }

  private active(
    principal: Principal,
    key: string,
    fingerprint: string,
    held: HeldClaim,
    successStatus: number,
  ): ActiveClaim {
    return {
      key,
      held,
      successStatus,
      updateId: temporalUpdateId(principal.organizationId, principal.userId, key, fingerprint),
      completeWithin: async (em, body) => {
        if (!(await this.records.complete(held, successStatus, body, iso(Date.now()), em))) {
          throw new DomainError(
            DomainErrorCode.IdempotencyKeyInProgress,
            `${IDEMPOTENCY_KEY_HEADER} "${key}" was taken over by a retry of this request; nothing was done here`,
            [{ path: IDEMPOTENCY_KEY_HEADER, message: 'taken over by a retry' }],
          );
        }
      },
    };
  }
}

function reused(key: string, firstRoute: string, route: string): DomainError {
  const what = firstRoute === route ? `${route} with other path parameters or another body` : firstRoute;
  const message = `${IDEMPOTENCY_KEY_HEADER} "${key}" was already used for ${what}; send a new key for a new request`;
  return new DomainError(DomainErrorCode.IdempotencyKeyReused, message, [
    { path: IDEMPOTENCY_KEY_HEADER, message: `already used for ${what}` },
  ]);
}
