/**
 * The web app's API client is generated from the API's OpenAPI contract: this fails when
 * apps/web/src/api/schema.d.ts is stale (run `npm run build && npm run web:api`), and when a
 * route answers without a documented response type (a 204 has no body to document).
 */
import { INestApplication } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createApp, openApiDocument } from '../../apps/api/src/app.factory';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const ROOT = path.resolve(__dirname, '../..');

describe('the OpenAPI contract and the web client generated from it', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ita-contract-'));

  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    app = await createApp({ logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('documents a response body for every success answer (redirects and 204 No Content excepted)', () => {
    const document = openApiDocument(app);
    const undocumented = Object.entries(document.paths).flatMap(([route, item]) =>
      Object.entries(item).flatMap(([method, op]) => {
        const responses = (op as { responses?: Record<string, { content?: object }> }).responses ?? {};
        const ok = Object.entries(responses).filter(([status]) => /^2/.test(status));
        const redirects = Object.keys(responses).some((status) => /^3/.test(status));
        const documented = ok.every(([status, r]) => r.content || status === '204');
        return (ok.length ? documented : redirects) ? [] : [`${method.toUpperCase()} ${route}`];
      }),
    );
    expect(undocumented).toEqual([]);
  });

  it('matches the committed generated client types', () => {
    const json = path.join(dir, 'openapi.json');
    const generated = path.join(dir, 'schema.d.ts');
    fs.writeFileSync(json, JSON.stringify(openApiDocument(app), null, 2) + '\n');
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), json, '-o', generated],
      { stdio: 'pipe' },
    );
    const committed = fs.readFileSync(path.join(ROOT, 'apps/web/src/api/schema.d.ts'), 'utf8');
    expect(
      fs.readFileSync(generated, 'utf8') === committed ? 'up to date' : 'stale: run npm run build && npm run web:api',
    ).toBe('up to date');
  });
});
