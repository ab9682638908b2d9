/** The seed's plan (the agency's FY2565 measures) as shipped in data/plans, and storing plans for tests. */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { canonicalJson } from '@ita/domain/plan/plan.canonical';
import type { PlanDef } from '@ita/domain/plan/plan.types';
import { buildRepositories } from '@ita/persistence/repositories';

export const SEED_PLAN_FILE = path.resolve(__dirname, '../../data/plans/tceb-fy2565.plan.json');
export const SMALL_PLAN_FILE = path.resolve(__dirname, '../fixtures/small.plan.json');

export function readPlan(file = SEED_PLAN_FILE): PlanDef {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as PlanDef;
}

export function planBytes(plan: unknown): Buffer {
  return Buffer.from(JSON.stringify(plan, null, 2), 'utf8');
}

/** Who the tests' own imports are by, in the audit trail (as the CLI records an operator). */
export const TEST_OPERATOR = { id: 'operator:test', role: 'operator' };

/** Stores a plan straight through the repository, as an operator's import of it would. */
export async function storePlan(dataSource: DataSource, plan: PlanDef): Promise<void> {
  const hash = createHash('sha256').update(canonicalJson(plan)).digest('hex');
  await buildRepositories(dataSource).plans.savePlan(
    plan,
    hash,
    null,
    { reportGraceDays: 15, escalationIntervalDays: 7 },
    { by: TEST_OPERATOR, details: {} },
  );
}
