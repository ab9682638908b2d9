/**
 * openapi: writes the API's OpenAPI document (the contract the web app's client is generated from).
 *   node dist/apps/api/src/cli/openapi.cli.js OUT.json
 * It builds the app on a throw-away SQLite database, so it needs no running services.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

async function main(out: string | undefined): Promise<number> {
  if (!out) {
    console.error('usage: openapi OUT.json');
    return 1;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ita-openapi-'));
  Object.assign(process.env, {
    DATABASE_URL: `sqlite:${path.join(scratch, 'ita.sqlite')}`,
    ITA_DATA_DIR: scratch,
    TEMPORAL_ADDRESS: '127.0.0.1:1',
  });
  const { createApp, openApiDocument } = await import('../app.factory');
  const app = await createApp({ logger: false });
  try {
    fs.writeFileSync(out, JSON.stringify(openApiDocument(app), null, 2) + '\n');
  } finally {
    await app.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return 0;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
