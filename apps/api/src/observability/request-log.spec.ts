import type { ServerResponse } from 'node:http';
import { LoggedRequest, loggedUrl, requestIdOf, requestLogFields, requestLogLevel, routeOf } from './request-log';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const request = (url: string, more: Partial<LoggedRequest> = {}) =>
  ({ method: 'GET', url, originalUrl: url, headers: {}, ...more }) as LoggedRequest;
const response = (statusCode: number) => ({ statusCode }) as ServerResponse;

describe(requestIdOf.name, () => {
  it('keeps a sane incoming id and makes a new one for anything else', () => {
    expect(requestIdOf('5f0c1d7e-0b7a-4d0e-9d3e-2b1f6a0c9e11')).toBe('5f0c1d7e-0b7a-4d0e-9d3e-2b1f6a0c9e11');
    expect(requestIdOf(['lb-1234:abc', 'second'])).toBe('lb-1234:abc');
    for (const insane of [
      undefined,
      '',
      'has space',
      'line\nbreak',
      '"quoted"',
      'x'.repeat(129),
      '-leading-dash',
      '<script>',
    ]) {
      expect(requestIdOf(insane)).toMatch(UUID);
    }
  });
});

describe(loggedUrl.name, () => {
  it('replaces the values of credential query parameters, keeping the rest as sent', () => {
    expect(loggedUrl('/api/auth/oidc/callback?code=abc123&state=xyz&iss=https%3A%2F%2Fidp')).toBe(
      '/api/auth/oidc/callback?code=[Redacted]&state=[Redacted]&iss=https%3A%2F%2Fidp',
    );
    expect(loggedUrl('/api/x?Access_Token=t&%70assword=p&page=2')).toBe(
      '/api/x?Access_Token=[Redacted]&%70assword=[Redacted]&page=2',
    );
    expect(loggedUrl('/api/organizations/TCEB/audit/entries?measure=M01-I7&from=2026-01-01')).toBe(
      '/api/organizations/TCEB/audit/entries?measure=M01-I7&from=2026-01-01',
    );
    expect(loggedUrl('/api/health')).toBe('/api/health');
  });

  it("replaces a calendar feed's secret in its path, however the path is written", () => {
    const token = 'q7Yp0Yx4mG2cB8rTzL1vN6wK3hJ9sD5fA0eU2iO4pQw';
    expect(loggedUrl(`/api/calendar/${token}.ics`)).toBe('/api/calendar/[Redacted].ics');
    expect(loggedUrl(`/API/Calendar/${token}.ics?x=1&token=${token}`)).toBe(
      '/API/Calendar/[Redacted].ics?x=1&token=[Redacted]',
    );
    expect(loggedUrl(`/api/calendar/${token}`)).toBe('/api/calendar/[Redacted]');
    expect(loggedUrl(`//api//calendar/a%2F${token}.ics`)).toBe('//api//calendar/[Redacted].ics');
    expect(loggedUrl('/api/me/calendar')).toBe('/api/me/calendar');
    expect(loggedUrl('/api/me/calendar/revoke')).toBe('/api/me/calendar/revoke');
  });
});

describe(routeOf.name, () => {
  it('is the matched route template, else says whether an API path or the web app was asked for', () => {
    const template = '/api/organizations/:organization/plans/:fiscalYear/measures/:code/tasks/:taskKey/submit';
    expect(
      routeOf(
        request('/api/organizations/TCEB/plans/2565/measures/M01-I7/tasks/Q1-S1-PLAN_BUDGET/submit', {
          route: { path: template },
        }),
      ),
    ).toBe(template);
    expect(routeOf(request('/api/nothing-here?x=1'))).toBe('(unmatched)');
    expect(routeOf(request('/api/nothing-here', { route: { path: '/api/{*path}' } }))).toBe('(unmatched)');
    expect(routeOf(request('/api'))).toBe('(unmatched)');
    expect(routeOf(request('/apiary'))).toBe('(web)');
    expect(routeOf(request('/assets/index.js'))).toBe('(web)');
  });
});

describe(requestLogFields.name, () => {
  it('names the signed-in user as the actor, and nobody on a public or refused request', () => {
    const signedIn = request('/api/auth/me', {
      method: 'GET',
      route: { path: '/api/auth/me' },
      principal: { id: 'tceb.deputy' } as LoggedRequest['principal'],
    });
    expect(requestLogFields(signedIn, response(200), 12)).toEqual({
      method: 'GET',
      route: '/api/auth/me',
      url: '/api/auth/me',
      status: 200,
      durationMs: 12,
      actor: 'tceb.deputy',
    });
    expect(
      requestLogFields(
        request('/api/auth/login', { method: 'POST', route: { path: '/api/auth/login' } }),
        response(401),
        3,
      ).actor,
    ).toBeNull();
  });
});

describe(requestLogLevel.name, () => {
  it('logs server errors as errors, refusals as warnings, and successful probes only at debug', () => {
    const route = (path: string) => request(path, { route: { path } });
    expect(requestLogLevel(route('/api/auth/me'), response(200))).toBe('info');
    expect(requestLogLevel(route('/api/auth/me'), response(401))).toBe('warn');
    expect(requestLogLevel(route('/api/auth/me'), response(500))).toBe('error');
    expect(requestLogLevel(route('/api/auth/me'), response(200), new Error('aborted'))).toBe('error');
    expect(requestLogLevel(route('/api/health'), response(200))).toBe('debug');
    expect(requestLogLevel(route('/api/health/ready'), response(503))).toBe('error');
  });
});
