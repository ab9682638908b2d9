/**
 * audit-verify: checks an organization's hash-chained audit trail.
 *   node dist/apps/api/src/cli/audit-verify.cli.js ORGANIZATION
 * Exit codes: 0 intact, 4 broken (the first bad entry is printed), 2 unknown organization, 1 other.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule } from '@ita/config/config.module';
import { DomainError } from '@ita/domain/domain-error';
import { PersistenceModule } from '@ita/persistence/persistence.module';
import { AuditVerificationService } from '../audit/audit-verification.service';

@Module({ imports: [ConfigModule, PersistenceModule], providers: [AuditVerificationService] })
class AuditVerifyCliModule {}

async function main(argv: string[]): Promise<number> {
  if (argv.length !== 1) {
    console.error('usage: audit-verify ORGANIZATION');
    return 1;
  }
  const app = await NestFactory.createApplicationContext(AuditVerifyCliModule, { logger: ['error'] });
  try {
    const verdict = await app.get(AuditVerificationService).verify(argv[0]);
    if (verdict.ok) {
      console.log(`intact: ${verdict.organization}, ${verdict.entries} audit entries`);
      return 0;
    }
    console.log(
      `BROKEN: ${verdict.organization}, entry ${verdict.firstBad?.chainSeq} (row ${verdict.firstBad?.id ?? '-'}): ${verdict.firstBad?.reason}`,
    );
    return 4;
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(error.message);
      return 2;
    }
    throw error;
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
