/**
 * plan-activate: the command-line twin of POST /api/organizations/:organization/plans/:fiscalYear/activate,
 * on the real Thai fiscal calendar: one durable workflow per measure, started by fixed ids, so running
 * it again starts nothing twice.
 *   node dist/apps/api/src/cli/plan-activate.cli.js ORGANIZATION FISCAL_YEAR
 * Exit codes: 0 done, 2 refused (no such plan, an incomplete year…), 1 anything else. The audit trail
 * records the activation as done by `operator:<the OS user running it>`.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import * as os from 'node:os';
import { ConfigModule } from '@ita/config/config.module';
import { DomainError } from '@ita/domain/domain-error';
import { PersistenceModule } from '@ita/persistence/persistence.module';
import { parseFiscalYear } from '../http/params';
import { MeasureActivationService } from '../measures/measure-activation.service';
import { TemporalClientProvider } from '../measures/temporal-client.provider';

@Module({
  imports: [ConfigModule, PersistenceModule],
  providers: [MeasureActivationService, TemporalClientProvider],
})
class PlanActivateCliModule {}

async function main(argv: string[]): Promise<number> {
  if (argv.length !== 2) {
    console.error('usage: plan-activate ORGANIZATION FISCAL_YEAR');
    return 1;
  }
  const app = await NestFactory.createApplicationContext(PlanActivateCliModule, { logger: ['error'] });
  try {
    const by = { id: `operator:${os.userInfo().username}`, role: 'operator' };
    const result = await app.get(MeasureActivationService).activate(argv[0], parseFiscalYear(argv[1]), by);
    console.log(
      `activated ${result.organization} FY ${result.fiscalYear}: ${result.started.length} started, ` +
        `${result.alreadyStarted.length} already running, ${result.skipped.length} skipped`,
    );
    for (const s of result.skipped) console.log(`  skipped ${s.measureCode}: ${s.reason}`);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.error(error.message);
    for (const p of error.problems) console.error(`  ${p.path}: ${p.message}`);
    return 2;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
