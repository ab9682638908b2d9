/**
 * The audit trail is hash-chained per organization: entry n carries the hash of entry n-1, and
 * its own hash covers that link and everything it records. Altering, deleting or reordering any
 * entry breaks the chain at the first entry touched, which verifyChain names.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '@ita/domain/plan/plan.canonical';
import type { AuditEntryEntity } from './entities';

export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers: every recorded field, and the previous entry's hash. */
export function auditEntryHash(prevHash: string, e: Omit<AuditEntryEntity, 'id' | 'hash' | 'prevHash'>): string {
  const content = canonicalJson({
    chainSeq: e.chainSeq,
    organizationId: e.organizationId,
    fiscalYear: e.fiscalYear,
    measureCode: e.measureCode,
    workflowId: e.workflowId,
    runId: e.runId,
    seq: e.seq,
    idx: e.idx,
    eventId: e.eventId,
    at: e.at,
    actorId: e.actorId,
    actorRole: e.actorRole,
    actorUnit: e.actorUnit,
    action: e.action,
    entity: e.entity,
    entityKey: e.entityKey,
    before: e.before ?? null,
    after: e.after ?? null,
    // Added later: covered when present, so entries written before it still verify.
    ...(e.authority ? { authority: e.authority } : {}),
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export interface ChainVerdict {
  ok: boolean;
  entries: number;
  /** The first entry that does not fit the chain, and why. */
  firstBad?: { chainSeq: number | null; id: number | null; reason: string };
}

/** Walks the entries in chain order; `head` is the chain's recorded end (last sequence and hash). */
export function verifyChain(
  entries: AuditEntryEntity[],
  head: { lastSeq: number; lastHash: string } | null,
): ChainVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of entries) {
    const bad = (reason: string): ChainVerdict => ({
      ok: false,
      entries: entries.length,
      firstBad: { chainSeq: e.chainSeq, id: e.id, reason },
    });
    if (e.chainSeq !== expectedSeq)
      return bad(
        `expected entry ${expectedSeq} of the chain here, found ${e.chainSeq ?? 'an unchained entry'} (an entry was deleted or reordered)`,
      );
    if (e.prevHash !== prev)
      return bad('does not link to the entry before it (an entry was deleted, inserted or reordered)');
    if (auditEntryHash(prev, e) !== e.hash) return bad('its content does not match its hash (the entry was altered)');
    prev = e.hash as string;
    expectedSeq += 1;
  }
  const lastSeq = expectedSeq - 1;
  if ((head?.lastSeq ?? 0) !== lastSeq || (head?.lastHash ?? GENESIS_HASH) !== prev) {
    return {
      ok: false,
      entries: entries.length,
      firstBad: {
        chainSeq: lastSeq + 1,
        id: null,
        reason: `the chain should end at entry ${head?.lastSeq ?? 0}; entries after ${lastSeq} are missing`,
      },
    };
  }
  return { ok: true, entries: entries.length };
}
