/**
 * The environment for an app started as a process of its own: this process's, less every
 * variable the apps' configuration reads (libs/config). Suites running in the same jest process
 * set some of them (test/support/stack.ts), and a child must get only what its test gives it.
 */
const APP_CONFIG_VARIABLES = [
  'DATABASE_URL',
  'ITA_DATA_DIR',
  'EVIDENCE_DIR',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'TEMPORAL_UI_URL',
  'API_HOST',
  'API_PORT',
  'API_PUBLIC_URL',
  'REPORT_GRACE_DAYS',
  'ESCALATION_INTERVAL_DAYS',
  'JWT_SECRET',
  'ACCESS_TOKEN_SECONDS',
  'REFRESH_TOKEN_DAYS',
  'LOGIN_MAX_FAILURES',
  'LOGIN_WINDOW_MINUTES',
  'LOGIN_LOCK_MINUTES',
  'OIDC_PROVIDERS',
  'ITA_INITIAL_PASSWORD',
  'LOG_LEVEL',
  'METRICS_HOST',
  'METRICS_PORT',
  'WORKER_METRICS_ADDRESS',
  'READY_WORKER_POLL_SECONDS',
  'SMTP_URL',
  'MAIL_FROM',
  'APP_URL',
];

export function appEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of APP_CONFIG_VARIABLES) delete env[name];
  return { ...env, ...overrides };
}
