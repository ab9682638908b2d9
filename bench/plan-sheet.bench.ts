/**
 * The plan spreadsheet round trip, against a bare baseline in the same run:
 *   baseline   the seed plan as JSON text and back: JSON.stringify + JSON.parse + validatePlan (what a
 *              JSON plan file costs before storage)
 *   write      writePlanWorkbook: the seed plan as an .xlsx workbook (exceljs, zip)
 *   read       readPlanWorkbook: unzip, read every sheet, validate, normalize
 *   roundtrip  write + read, checked to give the same content hash
 *   node dist/bench/plan-sheet.bench.js [iterations=30]
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonicalJson, normalizePlan } from '@ita/domain/plan/plan.canonical';
import type { PlanDef } from '@ita/domain/plan/plan.types';
import { assertValidPlan, validatePlan } from '@ita/domain/plan/plan.validator';
import { readPlanWorkbook, writePlanWorkbook } from '@ita/spreadsheets/plan.sheet';

const SEED = path.resolve(__dirname, '../../data/plans/tceb-fy2565.plan.json');
const WARM_UP = 3;

const hash = (plan: PlanDef) =>
  createHash('sha256')
    .update(canonicalJson(normalizePlan(plan)))
    .digest('hex');

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? 30);
  const plan = assertValidPlan(validatePlan(JSON.parse(fs.readFileSync(SEED, 'utf8'))));
  const workbook = await writePlanWorkbook(plan);

  const time = async (label: string, run: () => Promise<unknown> | unknown) => {
    for (let i = 0; i < WARM_UP; i++) await run();
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await run();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    return { label, perOp: ms / iterations };
  };
  const mustRead = async (bytes: Buffer) => {
    const result = await readPlanWorkbook(bytes);
    if (!result.ok) throw new Error(`the seed workbook was refused: ${JSON.stringify(result.problems.slice(0, 3))}`);
    return result.plan;
  };

  const baseline = await time('baseline', () => assertValidPlan(validatePlan(JSON.parse(JSON.stringify(plan)))));
  const write = await time('write', () => writePlanWorkbook(plan));
  const read = await time('read', () => mustRead(workbook));
  const roundTrip = await time('roundtrip', async () => mustRead(await writePlanWorkbook(plan)));
  const same = hash(await mustRead(workbook)) === hash(plan);

  const jsonBytes = Buffer.byteLength(JSON.stringify(plan));
  console.log(
    `plan spreadsheet, seed plan (12 measures, 41 steps, 45 ITA items), ${iterations} iterations, node ${process.version}`,
  );
  for (const r of [baseline, write, read, roundTrip]) {
    console.log(
      `  ${r.label.padEnd(10)} ${r.perOp.toFixed(2).padStart(8)} ms/plan  ${(1000 / r.perOp).toFixed(1).padStart(8)} plans/s  ${(r.perOp / baseline.perOp).toFixed(1).padStart(7)}x baseline`,
    );
  }
  console.log(
    `  sizes: JSON ${jsonBytes} bytes, .xlsx ${workbook.length} bytes; same content hash after the round trip: ${same}`,
  );
  if (!same) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
