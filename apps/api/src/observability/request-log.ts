/**
 * One JSON line per API request, written when the response is finished: the request id, the
 * route template (what dashboards group by) and the URL, the status, the duration and who asked.
 * The actor is read at the end because the auth guard only learns it after this middleware has
 * started. Headers and bodies are never logged, and credential values in a query string (an OIDC
 * callback's code and state) or a path (a calendar feed's secret) are replaced, so no token,
 * password or code reaches the log.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Options } from 'pino-http';
import { REDACTED } from '@ita/observability/json-logger';
import type { Principal } from '../auth/access';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A caller's request id is kept when it is an opaque token of sane length (no spaces, no control characters). */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:/+=-]{0,127}$/;

/** Query parameters whose values are credentials (OIDC callbacks, tokens sent by mistake). */
const SECRET_QUERY_PARAMETERS = new Set([
  'code',
  'state',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'password',
  'client_secret',
  'session_state',
]);

/** Readiness and liveness probes come every few seconds; their successes would drown the log. */
const PROBE_ROUTES = new Set(['/api/health', '/api/health/ready']);

/** What the log reads of a request: Node's, with what Express (route, originalUrl) and the auth guard (principal) add. */
export type LoggedRequest = IncomingMessage & {
  route?: { path?: unknown };
  originalUrl?: string;
  principal?: Principal;
};

export function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** Paths that hold a credential: a calendar feed's URL is its secret (GET /api/calendar/<token>.ics). */
const SECRET_PATH = /^(\/+api\/+calendar\/)(.*?)(\.ics)?$/i;

/** The URL as logged: the path (a secret in it replaced), and the query with credential values replaced. */
export function loggedUrl(url: string): string {
  const at = url.indexOf('?');
  const path = (at < 0 ? url : url.slice(0, at)).replace(SECRET_PATH, (_, prefix: string, secret: string, ics = '') =>
    secret ? `${prefix}${REDACTED}${ics}` : `${prefix}${ics}`,
  );
  if (at < 0) return path;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return SECRET_QUERY_PARAMETERS.has(decoded(name).toLowerCase()) ? `${name}=${REDACTED}` : pair;
    });
  return `${path}?${query.join('&')}`;
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/**
 * The route template the request matched, e.g. /api/organizations/:organization/plans/:fiscalYear:
 * a bounded set, unlike URLs, so it is also the metrics label. Requests no route matched are
 * "(unmatched)" under /api and "(web)" elsewhere (the web app and its files). A wildcard is no
 * route of the API's: it is what Nest registers its middleware under (/api/{*path}), left as the
 * request's route when no handler took it.
 */
export function routeOf(req: LoggedRequest): string {
  const template = req.route?.path;
  if (typeof template === 'string' && !template.includes('*')) return template;
  const path = (req.originalUrl ?? req.url ?? '').split('?')[0];
  return path === '/api' || path.startsWith('/api/') ? '(unmatched)' : '(web)';
}

export interface RequestLogFields {
  method: string;
  route: string;
  url: string;
  status: number;
  durationMs: number;
  /** The signed-in username, or null (public routes, refused requests). */
  actor: string | null;
}

export function requestLogFields(req: LoggedRequest, res: ServerResponse, durationMs: number): RequestLogFields {
  return {
    method: req.method ?? '',
    route: routeOf(req),
    url: loggedUrl(req.originalUrl ?? req.url ?? ''),
    status: res.statusCode,
    durationMs,
    actor: req.principal?.id ?? null,
  };
}

export function requestLogLevel(
  req: LoggedRequest,
  res: ServerResponse,
  error?: Error,
): 'debug' | 'info' | 'warn' | 'error' {
  if (error || res.statusCode >= 500) return 'error';
  if (res.statusCode >= 400) return 'warn';
  return PROBE_ROUTES.has(routeOf(req)) ? 'debug' : 'info';
}

/** pino-http's options: the request id taken or made (and echoed), and the line above as all it logs. */
export function requestLogOptions(logger: Logger): Options<LoggedRequest, ServerResponse> {
  return {
    logger,
    genReqId: (req, res) => {
      const id = requestIdOf(req.headers['x-request-id']);
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId' },
    // Every line of a request carries its id only: no serialized request (headers) or response.
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: requestLogLevel,
    customSuccessObject: (req, res, value: { responseTime: number }) => requestLogFields(req, res, value.responseTime),
    customErrorObject: (req, res, _error, value: { responseTime: number }) =>
      requestLogFields(req, res, value.responseTime),
    customSuccessMessage: (req, res, ms) =>
      `${req.method} ${loggedUrl(req.originalUrl ?? req.url ?? '')} ${res.statusCode} ${ms} ms`,
    customErrorMessage: (req, res) => `${req.method} ${loggedUrl(req.originalUrl ?? req.url ?? '')} ${res.statusCode}`,
  };
}
