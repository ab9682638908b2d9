/**
 * Configuration, read from the environment once at start-up into a typed object. Every problem
 * is reported at once, naming the variable, and the process refuses to start.
 */
import * as path from 'node:path';
import { DEFAULT_ESCALATION_POLICY } from '@ita/domain/measure/escalation';

export type DatabaseConfig =
  { type: 'sqlite'; file: string } | { type: 'mysql'; url: string; host: string; port: number; database: string };

export interface AppConfig {
  dataDir: string;
  /** Where uploaded evidence files are kept (a shared volume when the api has several replicas). */
  evidenceDir: string;
  database: DatabaseConfig;
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    uiUrl: string;
    /**
     * How long a request waits for Temporal (connect, command, query, activation) before it
     * answers 503: with the server or the worker down, nothing hangs.
     */
    commandTimeoutMs: number;
  };
  /** SIGTERM → graceful close; past this bound the process exits anyway (the worker stops draining). */
  shutdownTimeoutMs: number;
  api: { host: string; port: number; publicUrl: string };
  /** Defaults for organizations that set nothing of their own. */
  defaults: { reportGraceDays: number; escalationIntervalDays: number };
  auth: AuthConfig;
  observability: ObservabilityConfig;
  mail: MailConfig;
}

/** Outgoing mail (the notifications). */
export interface MailConfig {
  /** The SMTP relay, smtp:// or smtps:// (credentials may be in it: never log it); null: no mail is sent. */
  smtpUrl: string | null;
  /** The From header: an address, or a display name and <address>. */
  from: string;
  /** The web app's public URL, without a trailing slash, for links in mails. */
  appUrl: string;
}

export const DEFAULT_MAIL_FROM = 'ระบบติดตามมาตรการ ITA <ita@localhost>';

/** pino's levels; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ObservabilityConfig {
  /** The least severe JSON log line written (api and worker). */
  logLevel: LogLevel;
  /**
   * The api's Prometheus endpoint (GET /metrics) on a listener of its own, never on the public
   * API port; null (the default): none.
   */
  apiMetrics: { host: string; port: number } | null;
  /** host:port of the worker's Temporal SDK Prometheus exporter; null (the default): none. */
  workerMetricsAddress: string | null;
  /**
   * Readiness counts a worker as there while one polled the task queue this recently. An idle
   * worker's poll is held by the server for up to a minute before it polls again, so this must
   * stay well above a minute on a server with the default long-poll interval.
   */
  workerPollMaxAgeMs: number;
}

/** An organization's own identity provider (OpenID Connect, authorization code flow with PKCE). */
export interface OidcProviderConfig {
  organization: string;
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** This API's callback, e.g. https://ita.example.go.th/api/auth/oidc/callback */
  redirectUri: string;
  /** The ID-token claim matched against account usernames on first sign-in (default preferred_username). */
  usernameClaim: string;
}

export interface AuthConfig {
  /** HMAC key for access tokens; null: a random key kept in the data directory (one-machine default). */
  jwtSecret: string | null;
  accessTokenSeconds: number;
  refreshTokenDays: number;
  login: { maxFailures: number; windowMinutes: number; lockMinutes: number };
  oidc: OidcProviderConfig[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const str = (name: string, fallback: string): string => {
    const value = env[name]?.trim();
    return value ? value : fallback;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}=${raw} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };

  const dataDir = path.resolve(cwd, str('ITA_DATA_DIR', '.data'));
  const database = parseDatabaseUrl(str('DATABASE_URL', `sqlite:${path.join(dataDir, 'ita.sqlite')}`), cwd, problems);
  const apiHost = str('API_HOST', '127.0.0.1');
  const apiPort = int('API_PORT', 3000, 1, 65535);
  const temporalAddress = str('TEMPORAL_ADDRESS', '127.0.0.1:7233');
  if (!isHostPort(temporalAddress)) problems.push(`TEMPORAL_ADDRESS=${temporalAddress} must be host:port`);
  const logLevel = str('LOG_LEVEL', 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    problems.push(`LOG_LEVEL=${logLevel} must be one of ${LOG_LEVELS.join(', ')}`);
  const metricsPort = env.METRICS_PORT?.trim() ? int('METRICS_PORT', 0, 1, 65535) : null;
  const metricsHost = str('METRICS_HOST', '127.0.0.1');
  if (metricsPort !== null && metricsPort === apiPort)
    problems.push(`METRICS_PORT=${metricsPort} must differ from API_PORT: metrics are never served on the public port`);
  const workerMetricsAddress = env.WORKER_METRICS_ADDRESS?.trim() || null;
  if (workerMetricsAddress !== null && !isHostPort(workerMetricsAddress))
    problems.push(`WORKER_METRICS_ADDRESS=${workerMetricsAddress} must be host:port, e.g. 127.0.0.1:9465`);
  const apiPublicUrl = str('API_PUBLIC_URL', `http://${apiHost}:${apiPort}`);

  const config: AppConfig = {
    dataDir,
    evidenceDir: path.resolve(cwd, str('EVIDENCE_DIR', path.join(dataDir, 'evidence'))),
    database,
    temporal: {
      address: temporalAddress,
      namespace: str('TEMPORAL_NAMESPACE', 'default'),
      taskQueue: str('TEMPORAL_TASK_QUEUE', 'ita-measures'),
      uiUrl: str('TEMPORAL_UI_URL', 'http://127.0.0.1:8233'),
      commandTimeoutMs: int('TEMPORAL_COMMAND_TIMEOUT_MS', 5000, 100, 120_000),
    },
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 10_000, 1000, 600_000),
    api: { host: apiHost, port: apiPort, publicUrl: apiPublicUrl },
    defaults: {
      reportGraceDays: int('REPORT_GRACE_DAYS', DEFAULT_ESCALATION_POLICY.reportGraceDays, 0, 365),
      escalationIntervalDays: int('ESCALATION_INTERVAL_DAYS', DEFAULT_ESCALATION_POLICY.escalationIntervalDays, 1, 365),
    },
    auth: {
      jwtSecret: env.JWT_SECRET?.trim() || null,
      accessTokenSeconds: int('ACCESS_TOKEN_SECONDS', 900, 30, 86400),
      refreshTokenDays: int('REFRESH_TOKEN_DAYS', 14, 1, 365),
      login: {
        maxFailures: int('LOGIN_MAX_FAILURES', 5, 1, 1000),
        windowMinutes: int('LOGIN_WINDOW_MINUTES', 15, 1, 1440),
        lockMinutes: int('LOGIN_LOCK_MINUTES', 15, 1, 1440),
      },
      oidc: parseOidcProviders(env.OIDC_PROVIDERS, problems),
    },
    observability: {
      logLevel: logLevel as LogLevel,
      apiMetrics: metricsPort === null ? null : { host: metricsHost, port: metricsPort },
      workerMetricsAddress,
      workerPollMaxAgeMs: 1000 * int('READY_WORKER_POLL_SECONDS', 90, 5, 3600),
    },
    mail: {
      smtpUrl: parseSmtpUrl(env.SMTP_URL, problems),
      from: parseMailFrom(str('MAIL_FROM', DEFAULT_MAIL_FROM), problems),
      // The api serves the web app, so by default the links go where the API is.
      appUrl: parseAppUrl(env.APP_URL?.trim() ? 'APP_URL' : 'API_PUBLIC_URL', str('APP_URL', apiPublicUrl), problems),
    },
  };
  // Never echo the secret itself.
  if (config.auth.jwtSecret !== null && config.auth.jwtSecret.length < 32)
    problems.push('JWT_SECRET must be at least 32 characters');
  if (problems.length) throw new ConfigError(problems);
  return config;
}

function isHostPort(value: string): boolean {
  const match = /^[^\s:/]+:(\d{1,5})$/.exec(value);
  return !!match && Number(match[1]) >= 1 && Number(match[1]) <= 65535;
}

/** Never echoes the URL: it may carry the relay's password. */
function parseSmtpUrl(raw: string | undefined, problems: string[]): string | null {
  const value = raw?.trim();
  if (!value) return null;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || !['smtp:', 'smtps:'].includes(url.protocol) || !url.hostname) {
    problems.push('SMTP_URL must be an smtp:// or smtps:// URL with a host, e.g. smtp://mail-relay:25');
    return null;
  }
  return value;
}

/**
 * An address, or a display name and <address>, on one line (a line break would let the value
 * write headers of its own).
 */
function parseMailFrom(value: string, problems: string[]): string {
  const address = '[^\\s<>@"]+@[^\\s<>@"]+';
  if (!new RegExp(`^(?:${address}|[^<>\\r\\n]*<${address}>)$`).test(value))
    problems.push(
      `MAIL_FROM=${value} must be an address or a name and <address>, e.g. "ระบบติดตามมาตรการ ITA <ita@agency.go.th>"`,
    );
  return value;
}

function parseAppUrl(name: string, value: string, problems: string[]): string {
  try {
    if (['http:', 'https:'].includes(new URL(value).protocol)) return value.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  problems.push(`${name}=${value} must be an http:// or https:// URL, e.g. https://ita.agency.go.th`);
  return value;
}

function parseDatabaseUrl(raw: string, cwd: string, problems: string[]): DatabaseConfig {
  if (raw.startsWith('sqlite:')) {
    const file = raw.replace(/^sqlite:(\/\/)?/, '');
    if (!file) problems.push('DATABASE_URL=sqlite: needs a file path, e.g. sqlite:.data/ita.sqlite');
    return { type: 'sqlite', file: path.resolve(cwd, file) };
  }
  if (/^(mysql|mariadb):\/\//.test(raw)) {
    try {
      const url = new URL(raw.replace(/^mariadb:/, 'mysql:'));
      const database = url.pathname.replace(/^\//, '');
      if (!database) problems.push('DATABASE_URL must name a database, e.g. mysql://ita:secret@127.0.0.1:3306/ita');
      return { type: 'mysql', url: url.toString(), host: url.hostname, port: Number(url.port || 3306), database };
    } catch {
      problems.push('DATABASE_URL is not a valid mysql:// URL');
    }
  } else {
    problems.push(`DATABASE_URL must start with sqlite: or mysql:// (got "${raw.split(':')[0]}:…")`);
  }
  return { type: 'sqlite', file: '' };
}

function parseOidcProviders(raw: string | undefined, problems: string[]): OidcProviderConfig[] {
  if (!raw?.trim()) return [];
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    problems.push(
      'OIDC_PROVIDERS must be a JSON list of {organization, issuer, clientId, clientSecret?, redirectUri, usernameClaim?}',
    );
    return [];
  }
  if (!Array.isArray(list)) {
    problems.push('OIDC_PROVIDERS must be a JSON list');
    return [];
  }
  return list.flatMap((p: Record<string, unknown>, i) => {
    const missing = ['organization', 'issuer', 'clientId', 'redirectUri'].filter(
      (k) => typeof p?.[k] !== 'string' || !p[k],
    );
    if (missing.length) {
      problems.push(`OIDC_PROVIDERS[${i}] needs ${missing.join(', ')}`);
      return [];
    }
    return [
      {
        organization: p.organization as string,
        issuer: p.issuer as string,
        clientId: p.clientId as string,
        clientSecret: typeof p.clientSecret === 'string' ? p.clientSecret : undefined,
        redirectUri: p.redirectUri as string,
        usernameClaim: typeof p.usernameClaim === 'string' ? p.usernameClaim : 'preferred_username',
      },
    ];
  });
}
