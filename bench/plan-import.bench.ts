/**
 * Plan import throughput, against a bare baseline in the same run and the same database:
 *   validate   parse + validate + normalize + hash the seed file (no I/O)
 *   import     the full path: validate, diff against the store, one transaction of all rows
 *   reimport   the same plan again (the idempotent no-op path: read back, compare hashes)
 *   baseline   the same plan's bytes written as ONE row in one transaction (the least any
 *              store of it can cost)
 * Many organizations are simulated by rewriting the organization code.
 *   node dist/bench/plan-import.bench.js [organizations=50]   (DATABASE_URL picks the store)
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PlanImportService } from '../apps/api/src/plans/plan-import.service';
import { loadConfig } from '@ita/config/app-config';
import { canonicalJson, normalizePlan } from '@ita/domain/plan/plan.canonical';
import { assertValidPlan, parsePlanFile } from '@ita/domain/plan/plan.validator';
import { openDatabase } from '@ita/persistence/data-source';
import { buildRepositories } from '@ita/persistence/repositories';
import { scratchDatabaseUrl } from './scratch-database';

const SEED = path.resolve(__dirname, '../../data/plans/tceb-fy2565.plan.json');

async function main(): Promise<void> {
  const organizations = Number(process.argv[2] ?? 50);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ita-bench-'));
  const scratch = await scratchDatabaseUrl(process.env.DATABASE_URL, tmp);
  const config = loadConfig({ ...process.env, DATABASE_URL: scratch.url });
  const dataSource = await openDatabase(config.database);
  const importer = new PlanImportService(buildRepositories(dataSource).plans, config);
  const by = { id: 'operator:bench', role: 'operator' };
  const seed = JSON.parse(fs.readFileSync(SEED, 'utf8'));
  const files = Array.from({ length: organizations }, (_, i) =>
    Buffer.from(JSON.stringify({ ...seed, organization: { ...seed.organization, code: `BENCH-${i}` } })),
  );
  const blob = config.database.type === 'mysql' ? 'MEDIUMTEXT' : 'TEXT';
  await dataSource.query(`CREATE TABLE bench_blob (id INTEGER PRIMARY KEY, body ${blob} NOT NULL)`);

  const time = async (label: string, run: (file: Buffer, i: number) => Promise<unknown> | unknown) => {
    const start = process.hrtime.bigint();
    for (const [i, file] of files.entries()) await run(file, i);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    return { label, ms, perOp: ms / files.length };
  };

  const validate = await time('validate', (file) => {
    const plan = normalizePlan(assertValidPlan(parsePlanFile(file)));
    return createHash('sha256').update(canonicalJson(plan)).digest('hex');
  });
  const baseline = await time('baseline', (file, i) =>
    dataSource.transaction((em) =>
      em.query('INSERT INTO bench_blob (id, body) VALUES (?, ?)', [i, file.toString('utf8')]),
    ),
  );
  const full = await time('import', (file) => importer.importFile(file, { by }));
  const again = await time('reimport', (file) => importer.importFile(file, { by }));

  const rows = await dataSource.query('SELECT COUNT(*) AS n FROM measure');
  console.log(
    `plan import, ${organizations} organizations x seed plan (12 measures, 41 steps, 45 ITA items), ${config.database.type}, node ${process.version}`,
  );
  for (const r of [baseline, validate, full, again]) {
    console.log(
      `  ${r.label.padEnd(9)} ${r.perOp.toFixed(2).padStart(8)} ms/plan  ${(1000 / r.perOp).toFixed(1).padStart(8)} plans/s  ${(r.perOp / baseline.perOp).toFixed(1).padStart(6)}x baseline`,
    );
  }
  console.log(`  measures stored: ${rows[0].n} (expected ${organizations * 12})`);
  await dataSource.destroy();
  await scratch.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
