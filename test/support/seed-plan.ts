/** The seed's plan (the agency's FY2565 measures) as shipped in data/plans. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PlanDef } from '../../libs/domain/src/plan/plan.types';

export const SEED_PLAN_FILE = path.resolve(__dirname, '../../data/plans/tceb-fy2565.plan.json');
export const SMALL_PLAN_FILE = path.resolve(__dirname, '../fixtures/small.plan.json');

export function readPlan(file = SEED_PLAN_FILE): PlanDef {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as PlanDef;
}

export function planBytes(plan: unknown): Buffer {
  return Buffer.from(JSON.stringify(plan, null, 2), 'utf8');
}
