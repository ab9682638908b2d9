/**
 * Which database errors mean "the store cannot be reached right now" rather than "this query is
 * wrong". The API answers those with 503 and Retry-After (try again: nothing was decided), not
 * with the 500 of a bug. Drivers say it in different ways: mysql2 sets a `code` (network errors,
 * a lost or closed connection, a server shutting down), TypeORM copies it onto QueryFailedError
 * and keeps the original as `driverError`, SQLite reports a locked file as SQLITE_BUSY.
 */

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'PROTOCOL_ENQUEUE_HANDSHAKE_TWICE',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

const UNAVAILABLE_MESSAGES = [
  /connection lost/i,
  /pool is closed/i,
  /connection is in closed state/i,
  /too many connections/i,
  /queue limit reached/i,
  /driver not connected/i,
  // TypeORM's MySQL driver once its pool is gone
  /connection is not established with .* database/i,
  /cannot execute operation on .* connection because connection is not yet established/i,
  /connection .*(closed|terminated|refused)/i,
  /database is locked/i,
  // better-sqlite3, once its handle is closed (the store going away under a running API)
  /database connection is not open/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  // The error itself, the driver's original and their causes: wrappers differ by version.
  const pending = [error];
  while (pending.length) {
    const e = pending.pop();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const { code, message, driverError, cause, errors } = e as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
    pending.push(driverError, cause, ...(Array.isArray(errors) ? errors : []));
  }
  return false;
}
