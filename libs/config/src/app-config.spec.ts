import { ConfigError, loadConfig } from './app-config';

describe(loadConfig.name, () => {
  it('defaults to the embedded setup: SQLite under the data directory, local Temporal', () => {
    const sut = loadConfig({}, '/srv/ita');
    expect(sut.database).toEqual({ type: 'sqlite', file: '/srv/ita/.data/ita.sqlite' });
    expect(sut.temporal).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'ita-measures',
      uiUrl: 'http://127.0.0.1:8233',
      commandTimeoutMs: 5000,
    });
    expect(sut.shutdownTimeoutMs).toBe(10_000);
    expect(sut.defaults).toEqual({ reportGraceDays: 15, escalationIntervalDays: 7 });
  });

  it('reads a MySQL/MariaDB URL', () => {
    const sut = loadConfig({ DATABASE_URL: 'mariadb://ita:pw@db:3306/ita' }, '/');
    expect(sut.database).toMatchObject({ type: 'mysql', host: 'db', port: 3306, database: 'ita' });
  });

  it('reports every bad variable at once, by name', () => {
    expect(() =>
      loadConfig(
        { DATABASE_URL: 'postgres://x/y', API_PORT: '70000', TEMPORAL_ADDRESS: 'localhost', REPORT_GRACE_DAYS: '-1' },
        '/',
      ),
    ).toThrow(ConfigError);
    try {
      loadConfig(
        { DATABASE_URL: 'postgres://x/y', API_PORT: '70000', TEMPORAL_ADDRESS: 'localhost', REPORT_GRACE_DAYS: '-1' },
        '/',
      );
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'DATABASE_URL must start with sqlite: or mysql:// (got "postgres:…")',
        'API_PORT=70000 must be a whole number from 1 to 65535',
        'TEMPORAL_ADDRESS=localhost must be host:port',
        'REPORT_GRACE_DAYS=-1 must be a whole number from 0 to 365',
      ]);
    }
  });

  it('bounds the waits for Temporal and for shutdown, refusing a bound of zero or of hours', () => {
    const sut = loadConfig({ TEMPORAL_COMMAND_TIMEOUT_MS: '1500', SHUTDOWN_TIMEOUT_MS: '3000' }, '/');
    expect([sut.temporal.commandTimeoutMs, sut.shutdownTimeoutMs]).toEqual([1500, 3000]);
    try {
      loadConfig({ TEMPORAL_COMMAND_TIMEOUT_MS: '0', SHUTDOWN_TIMEOUT_MS: '3600000' }, '/');
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'TEMPORAL_COMMAND_TIMEOUT_MS=0 must be a whole number from 100 to 120000',
        'SHUTDOWN_TIMEOUT_MS=3600000 must be a whole number from 1000 to 600000',
      ]);
    }
  });

  it('reads the sign-in settings, refusing a short JWT_SECRET without echoing it, and a malformed OIDC_PROVIDERS', () => {
    const sut = loadConfig(
      {
        OIDC_PROVIDERS: JSON.stringify([
          {
            organization: 'TCEB',
            issuer: 'https://idp.example.go.th',
            clientId: 'ita',
            redirectUri: 'https://ita.example.go.th/api/auth/oidc/callback',
          },
        ]),
      },
      '/',
    );
    expect(sut.auth).toMatchObject({
      jwtSecret: null,
      accessTokenSeconds: 900,
      refreshTokenDays: 14,
      login: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 },
    });
    expect(sut.auth.oidc).toEqual([
      expect.objectContaining({ organization: 'TCEB', usernameClaim: 'preferred_username' }),
    ]);
    try {
      loadConfig({ JWT_SECRET: 'short-secret', OIDC_PROVIDERS: '[{"organization":"TCEB"}]' }, '/');
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'OIDC_PROVIDERS[0] needs issuer, clientId, redirectUri',
        'JWT_SECRET must be at least 32 characters',
      ]);
      expect((error as Error).message).not.toContain('short-secret');
    }
  });

  it('serves no metrics and logs at info unless told, and counts a worker as polling for 90 s', () => {
    const sut = loadConfig({}, '/');
    expect(sut.observability).toEqual({
      logLevel: 'info',
      apiMetrics: null,
      workerMetricsAddress: null,
      workerPollMaxAgeMs: 90_000,
    });
  });

  it('reads the metrics listeners (loopback unless told otherwise), the log level and the readiness window', () => {
    const sut = loadConfig(
      {
        METRICS_PORT: '9464',
        WORKER_METRICS_ADDRESS: '127.0.0.1:9465',
        LOG_LEVEL: 'debug',
        READY_WORKER_POLL_SECONDS: '20',
      },
      '/',
    );
    expect(sut.observability).toEqual({
      logLevel: 'debug',
      apiMetrics: { host: '127.0.0.1', port: 9464 },
      workerMetricsAddress: '127.0.0.1:9465',
      workerPollMaxAgeMs: 20_000,
    });
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }, '/').observability.apiMetrics).toEqual({
      host: '0.0.0.0',
      port: 9464,
    });
  });

  it('refuses a bad log level, metrics on the public port, a worker metrics address that is not host:port and a readiness window under 5 s', () => {
    try {
      loadConfig(
        {
          LOG_LEVEL: 'loud',
          API_PORT: '8080',
          METRICS_PORT: '8080',
          WORKER_METRICS_ADDRESS: '9465',
          READY_WORKER_POLL_SECONDS: '1',
        },
        '/',
      );
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'LOG_LEVEL=loud must be one of fatal, error, warn, info, debug, trace, silent',
        'METRICS_PORT=8080 must differ from API_PORT: metrics are never served on the public port',
        'WORKER_METRICS_ADDRESS=9465 must be host:port, e.g. 127.0.0.1:9465',
        'READY_WORKER_POLL_SECONDS=1 must be a whole number from 5 to 3600',
      ]);
    }
    expect(() => loadConfig({ METRICS_PORT: '0' }, '/')).toThrow(
      'METRICS_PORT=0 must be a whole number from 1 to 65535',
    );
  });

  it('sends no mail unless SMTP_URL is set, from the ITA system, with links to where the API serves the web app', () => {
    expect(loadConfig({ API_PUBLIC_URL: 'https://ita.example.go.th/' }, '/').mail).toEqual({
      smtpUrl: null,
      from: 'ระบบติดตามมาตรการ ITA <ita@localhost>',
      appUrl: 'https://ita.example.go.th',
    });
    expect(loadConfig({}, '/').mail.appUrl).toBe('http://127.0.0.1:3000');
  });

  it('reads the SMTP relay, the sender and the web app URL', () => {
    const sut = loadConfig(
      {
        SMTP_URL: 'smtps://ita:secret@mail.example.go.th:465',
        MAIL_FROM: 'ระบบ ITA สำนักงาน <ita@example.go.th>',
        APP_URL: 'https://ita.example.go.th/app/',
      },
      '/',
    );
    expect(sut.mail).toEqual({
      smtpUrl: 'smtps://ita:secret@mail.example.go.th:465',
      from: 'ระบบ ITA สำนักงาน <ita@example.go.th>',
      appUrl: 'https://ita.example.go.th/app',
    });
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:1025', MAIL_FROM: 'ita@example.go.th' }, '/').mail).toMatchObject({
      smtpUrl: 'smtp://127.0.0.1:1025',
      from: 'ita@example.go.th',
    });
  });

  it('refuses an SMTP_URL that is not smtp(s):// without echoing it, a sender that is no address, and an APP_URL that is not http(s)', () => {
    try {
      loadConfig(
        {
          SMTP_URL: 'https://ita:secret@mail.example.go.th',
          MAIL_FROM: 'ITA\r\nBcc: x@y <ita@x.th>',
          APP_URL: 'ita.go.th',
        },
        '/',
      );
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'SMTP_URL must be an smtp:// or smtps:// URL with a host, e.g. smtp://mail-relay:25',
        'MAIL_FROM=ITA\r\nBcc: x@y <ita@x.th> must be an address or a name and <address>, e.g. "ระบบติดตามมาตรการ ITA <ita@agency.go.th>"',
        'APP_URL=ita.go.th must be an http:// or https:// URL, e.g. https://ita.agency.go.th',
      ]);
      expect((error as Error).message).not.toContain('secret');
    }
    for (const from of ['ITA', 'ita@', '<ita@example.go.th', 'a@b c@d']) {
      expect(() => loadConfig({ MAIL_FROM: from }, '/')).toThrow(`MAIL_FROM=${from} must be an address`);
    }
    expect(() => loadConfig({ SMTP_URL: 'not a url' }, '/')).toThrow('SMTP_URL must be');
    expect(() => loadConfig({ API_PUBLIC_URL: 'ftp://ita' }, '/')).toThrow(
      'API_PUBLIC_URL=ftp://ita must be an http://',
    );
  });
});
