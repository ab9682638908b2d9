/**
 * accounts: the operator's command for people and standing delegations.
 *   node dist/apps/api/src/cli/accounts.cli.js load FILE        (accounts file, docs/accounts.md)
 *   node dist/apps/api/src/cli/accounts.cli.js set-password USER (the password is read from stdin)
 * New accounts get the file's demoPassword, else ITA_INITIAL_PASSWORD. Passwords never go on the
 * command line (other users could read it) and are never printed.
 * Exit codes: 0 done, 2 invalid input (nothing changed), 1 anything else.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { ConfigModule } from '@ita/config/config.module';
import { DomainError } from '@ita/domain/domain-error';
import { PersistenceModule } from '@ita/persistence/persistence.module';
import { AccountService, AccountsFile } from '../auth/account.service';

@Module({ imports: [ConfigModule, PersistenceModule], providers: [AccountService] })
class AccountsCliModule {}

async function main([command, arg]: string[]): Promise<number> {
  if (!['load', 'set-password'].includes(command) || !arg) {
    console.error('usage: accounts load FILE | accounts set-password USERNAME (password on stdin)');
    return 1;
  }
  const app = await NestFactory.createApplicationContext(AccountsCliModule, { logger: ['error'] });
  const operator = os.userInfo().username;
  try {
    const accounts = app.get(AccountService);
    if (command === 'load') {
      const file = JSON.parse(fs.readFileSync(arg, 'utf8')) as AccountsFile;
      const r = await accounts.load(file, operator, process.env.ITA_INITIAL_PASSWORD);
      console.log(
        `${file.organization}: ${r.created.length} created, ${r.updated.length} updated, ${r.unchanged.length} unchanged, ${r.delegationsCreated} delegations created`,
      );
    } else {
      const password = fs.readFileSync(0, 'utf8').replace(/\r?\n$/, '');
      await accounts.setPassword(arg, password, operator);
      console.log(`password of ${arg} set; its earlier sessions are ended`);
    }
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
