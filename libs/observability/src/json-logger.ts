/**
 * The one log format of the api and the worker: a JSON line per event (pino), with an ISO time,
 * the level's name and the service's name, so a log shipper needs no parsing rules. Nothing logs
 * a request's headers or body; the redaction below is for an object handed to a logger by
 * mistake, so a credential in it still never reaches the log.
 */
import * as os from 'node:os';
import pino, { DestinationStream, Logger } from 'pino';
import type { LogLevel } from '@ita/config/app-config';

export const REDACTED = '[Redacted]';

/** Where a credential could sit in a logged object: headers, sign-in and token bodies. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'refreshToken',
  '*.refreshToken',
  'accessToken',
  '*.accessToken',
  'idToken',
  '*.idToken',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'res.headers["set-cookie"]',
];

export function createJsonLogger(service: 'api' | 'worker', level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service, pid: process.pid, hostname: os.hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
    },
    destination,
  );
}
