/**
 * plan-import: the command-line twin of POST /api/plans/import.
 *   node dist/apps/api/src/cli/plan-import.cli.js FILE [--dry-run] [--yes] [--roll-over-to=FISCAL_YEAR]
 * With --roll-over-to, what is imported is FILE's plan rolled over to that year (rollOverPlan: its
 * measures carried over, its ITA results kept and said to be the earlier year's).
 * Exit codes: 0 done (or nothing to do), 2 invalid plan (nothing written), 3 changed plan not
 * confirmed (the diff is printed; run again with --yes to apply it), 1 anything else. The audit
 * trail records the import as done by `operator:<the OS user running it>`, as the accounts command does.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { ConfigModule } from '@ita/config/config.module';
import { DomainError } from '@ita/domain/domain-error';
import { PersistenceModule } from '@ita/persistence/persistence.module';
import { rollOverPlan } from '@ita/domain/plan/plan.rollover';
import { parseFiscalYear } from '../http/params';
import { ImportResult, PlanChangeNeedsConfirmation, PlanImportService } from '../plans/plan-import.service';

@Module({ imports: [ConfigModule, PersistenceModule], providers: [PlanImportService] })
class PlanImportCliModule {}

async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith('--') && !a.startsWith('--roll-over-to=')));
  const rollOverTo = argv.find((a) => a.startsWith('--roll-over-to='))?.split('=')[1];
  const files = argv.filter((a) => !a.startsWith('--'));
  const unknown = [...flags].filter((f) => !['--dry-run', '--yes'].includes(f));
  if (files.length !== 1 || unknown.length) {
    console.error('usage: plan-import FILE [--dry-run] [--yes] [--roll-over-to=FISCAL_YEAR]');
    return 1;
  }
  const file = fs.readFileSync(files[0]);
  const bytes = rollOverTo
    ? Buffer.from(JSON.stringify(rollOverPlan(JSON.parse(file.toString('utf8')), parseFiscalYear(rollOverTo))))
    : file;
  const app = await NestFactory.createApplicationContext(PlanImportCliModule, { logger: ['error'] });
  try {
    const importer = app.get(PlanImportService);
    const by = { id: `operator:${os.userInfo().username}`, role: 'operator' };
    try {
      print(await importer.importFile(bytes, { by, dryRun: flags.has('--dry-run') }));
      return 0;
    } catch (error) {
      if (error instanceof PlanChangeNeedsConfirmation && flags.has('--yes')) {
        print(await importer.importFile(bytes, { by, confirm: error.preview.baseHash ?? undefined }));
        return 0;
      }
      throw error;
    }
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.error(error.message);
    if (error instanceof PlanChangeNeedsConfirmation) {
      printChanges(error.preview);
      console.error('Run again with --yes to apply these changes.');
      return 3;
    }
    for (const p of error.problems) console.error(`  ${p.path}: ${p.message}`);
    return 2;
  } finally {
    await app.close();
  }
}

function print(result: ImportResult): void {
  const s = result.summary;
  console.log(
    `${result.status}: ${result.organization} FY ${result.fiscalYear} (revision ${result.revision ?? '-'}, ${result.contentHash.slice(0, 12)})`,
  );
  console.log(
    `  ${s.measures} measures, ${s.steps} steps, ${s.units} units, ${s.itaItems} ITA items, ${s.corrections} source corrections`,
  );
  printChanges(result);
}

function printChanges(result: ImportResult): void {
  for (const c of result.changes.slice(0, 100))
    console.log(`  ${c.kind === 'added' ? '+' : c.kind === 'removed' ? '-' : '~'} ${c.path}`);
  if (result.changes.length > 100) console.log(`  … and ${result.changes.length - 100} more`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
