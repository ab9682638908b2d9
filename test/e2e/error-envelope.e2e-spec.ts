/**
 * Every refusal answers in the project's one envelope, {statusCode, code, message, problems[]},
 * each problem naming what it is about: malformed JSON, a body that is not JSON or not UTF-8, an
 * unknown route or method, a body too large, throttled sign-ins. (Field problems of commands are
 * covered where the commands are.)
 */
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../apps/api/src/app.factory';
import { createTestDatabase, TestDatabase } from '../support/test-database';

let db: TestDatabase;
let app: INestApplication;
let http: ReturnType<typeof request>;

beforeAll(async () => {
  db = await createTestDatabase();
  Object.assign(process.env, { DATABASE_URL: db.url, LOGIN_MAX_FAILURES: '2' });
  app = await createApp({ logger: false });
  await app.init();
  http = request(app.getHttpServer());
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
  delete process.env.LOGIN_MAX_FAILURES;
});

const envelope = (status: number, code: string, path: string) => ({
  statusCode: status,
  code,
  message: expect.any(String),
  problems: [expect.objectContaining({ path, message: expect.any(String) })],
});

describe('the error envelope', () => {
  it('answers malformed JSON with the body named', async () => {
    const res = await http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": ')
      .expect(400);
    expect(res.body).toEqual(envelope(400, 'BAD_REQUEST_BODY', '(body)'));
  });

  it('refuses a body that is not JSON, or JSON not in UTF-8, naming Content-Type (and an empty command needs none)', async () => {
    const utf16 = await http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json; charset=utf-16')
      .send(Buffer.from('{}', 'utf16le'))
      .expect(415);
    expect(utf16.body).toEqual(envelope(415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type'));
    expect(utf16.body.message).toMatch(/UTF-8/);
    const text = await http.post('/api/auth/login').set('Content-Type', 'text/plain').send('username=x').expect(415);
    expect(text.body).toEqual(envelope(415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type'));
    await http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json; charset=UTF-8')
      .send('{"username":"nobody","password":"x"}')
      .expect(401);
    // A bodiless command (an approval) is not refused for its missing Content-Type: it reaches authentication.
    expect(
      (await http.post('/api/organizations/TCEB/plans/2565/measures/M01-I7/tasks/Q1-S1-X/approve').expect(401)).body
        .problems[0].path,
    ).toBe('authorization');
  });

  it('answers an unknown route or method with the route named', async () => {
    expect((await http.get('/api/nowhere').expect(404)).body).toEqual(envelope(404, 'NO_SUCH_ROUTE', '(route)'));
    const wrongMethod = await http.delete('/api/auth/login').expect(404);
    expect(wrongMethod.body).toEqual(envelope(404, 'NO_SUCH_ROUTE', '(route)'));
    expect(wrongMethod.body.message).toContain('DELETE /api/auth/login');
  });

  it('answers a body too large with the body named', async () => {
    const res = await http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'x'.repeat(300_000) }))
      .expect(413);
    expect(res.body).toEqual(envelope(413, 'BAD_REQUEST_BODY', '(body)'));
  });

  it('answers throttled sign-ins with Retry-After and the account named', async () => {
    for (let i = 0; i < 2; i++) await http.post('/api/auth/login').send({ username: 'tceb.deputy', password: 'wrong' });
    const res = await http.post('/api/auth/login').send({ username: 'tceb.deputy', password: 'wrong' }).expect(429);
    expect(res.body).toEqual({
      statusCode: 429,
      code: 'TOO_MANY_ATTEMPTS',
      message: expect.any(String),
      problems: [expect.objectContaining({ message: expect.any(String) })],
    });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
