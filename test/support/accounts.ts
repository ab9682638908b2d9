/**
 * People for tests: an organization is set up as an operator would (its plan imported and its
 * accounts file loaded, as the CLIs do), then users sign in over HTTP like anyone else.
 */
import type { INestApplication } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type request from 'supertest';
import { AccountService, AccountsFile } from '../../apps/api/src/auth/account.service';
import { PlanImportService } from '../../apps/api/src/plans/plan-import.service';
import { SEED_PLAN_FILE, SMALL_PLAN_FILE, TEST_OPERATOR } from './seed-plan';

export const DEMO_ACCOUNTS_FILE = path.resolve(__dirname, '../../data/demo/tceb-accounts.json');
export const SMALL_ACCOUNTS_FILE = path.resolve(__dirname, '../fixtures/small.accounts.json');

export function readAccounts(file = DEMO_ACCOUNTS_FILE): AccountsFile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as AccountsFile;
}

/** Imports an organization's plan and loads its accounts (the seed organization by default), both as the operator "test". */
export async function setUpOrganization(
  app: INestApplication,
  planFile = SEED_PLAN_FILE,
  accountsFile = DEMO_ACCOUNTS_FILE,
): Promise<AccountsFile> {
  await app.get(PlanImportService).importFile(fs.readFileSync(planFile), { by: TEST_OPERATOR });
  const accounts = readAccounts(accountsFile);
  await app.get(AccountService).load(accounts, 'test');
  return accounts;
}

export const setUpSmallOrganization = (app: INestApplication) =>
  setUpOrganization(app, SMALL_PLAN_FILE, SMALL_ACCOUNTS_FILE);

export type AuthHeader = { Authorization: string };

/** Signs in with the account's file password; the Authorization header to send. */
export async function signIn(
  http: ReturnType<typeof request>,
  username: string,
  password?: string,
): Promise<AuthHeader> {
  const pass =
    password ?? (username.startsWith('test.') ? readAccounts(SMALL_ACCOUNTS_FILE) : readAccounts()).demoPassword;
  const { body, status } = await http.post('/api/auth/login').send({ username, password: pass });
  if (status !== 200) throw new Error(`sign-in of ${username} failed: ${status} ${JSON.stringify(body)}`);
  return { Authorization: `Bearer ${body.accessToken}` };
}
