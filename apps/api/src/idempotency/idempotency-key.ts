/**
 * The pure parts of idempotent commands: what a valid Idempotency-Key is, what makes two
 * requests "the same request" (the fingerprint), and the Temporal update id a key becomes.
 */
import { createHash } from 'node:crypto';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { canonicalJson } from '@ita/domain/plan/plan.canonical';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

const invalid = (message: string) =>
  new DomainError(DomainErrorCode.InvalidArgument, `${IDEMPOTENCY_KEY_HEADER} ${message}`, [
    { path: IDEMPOTENCY_KEY_HEADER, message },
  ]);

/**
 * The key as sent, or undefined when there is none. Printable ASCII only (a UUID is typical):
 * header values are not reliably anything else, and a key is compared byte for byte.
 */
export function parseIdempotencyKey(raw: string | string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) throw invalid('must be sent once');
  if (raw.trim() === '')
    throw invalid('is empty; send a fresh random value (e.g. a UUID) per command, or no header at all');
  if (raw.length > MAX_IDEMPOTENCY_KEY_LENGTH)
    throw invalid(`is ${raw.length} characters; at most ${MAX_IDEMPOTENCY_KEY_LENGTH}`);
  if (!/^[\x20-\x7e]+$/.test(raw)) throw invalid('may hold only printable ASCII characters (no control characters)');
  return raw;
}

export interface FingerprintedRequest {
  method: string;
  /** The route as the router knows it, e.g. /api/organizations/:organization/delegations. */
  route: string;
  params: Record<string, string>;
  body: unknown;
}

/**
 * sha256 of the request's meaning: route, path parameters and body in canonical JSON (keys
 * sorted, null and absent members alike), so the same command written differently is the same
 * request, and any change of what is asked is a different one. No body and {} are the same.
 */
export function requestFingerprint(request: FingerprintedRequest): string {
  const body =
    request.body === undefined || request.body === null
      ? {}
      : Buffer.isBuffer(request.body)
        ? { bytes: request.body.toString('base64') }
        : request.body;
  return createHash('sha256')
    .update(canonicalJson({ method: request.method.toUpperCase(), route: request.route, params: request.params, body }))
    .digest('hex');
}

/**
 * The Temporal update id of a keyed command: the same for every retry of it by the same user, so
 * the workflow runs it once (Temporal answers a known update id with the first outcome), and
 * different for anyone else's key, even a key spelled alike. The request's fingerprint is part
 * of it: a key used again once its record has expired, for another command to the same workflow,
 * must not be answered with the outcome of the old one.
 */
export function temporalUpdateId(organizationId: number, userId: number, key: string, fingerprint: string): string {
  return `idempotent-${createHash('sha256')
    .update(JSON.stringify([organizationId, userId, key, fingerprint]))
    .digest('hex')
    .slice(0, 40)}`;
}
