/**
 * How many tasks the seed's FY2565 year opens, counted by the measure machine itself over the
 * real calendar (issue 11: "154 tasks in Q1 and about 600 a year" when every unit of a measure
 * gets every step). The plan as it was before its step owners were encoded (commit 88f84c5)
 * opened 155 in Q1 and 611 in the year; M08-I24 has since gained Internal Audit for its step 3),
 * so the same plan without owners would now open 158 and 623.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fiscalCalendar } from '../fiscal-calendar';
import { expandUnits } from '../plan/plan.units';
import type { PlanDef } from '../plan/plan.types';
import { advance, initialState } from './measure-machine';
import type { MeasureContext } from './measure.types';

const SEED = path.resolve(__dirname, '../../../../data/plans/tceb-fy2565.plan.json');

/** Tasks each measure that runs (not the incomplete fragment) opens in each quarter of the year. */
function tasksByQuarter(plan: PlanDef, stepOwners: boolean): Record<string, number[]> {
  const calendar = fiscalCalendar(plan.fiscalYear);
  const rows = plan.measures
    .filter((m) => !m.incomplete)
    .map((measure): [string, number[]] => {
      const ctx: MeasureContext = {
        organizationCode: plan.organization.code,
        measure,
        calendar,
        policy: { reportGraceDays: 15, escalationIntervalDays: 7, escalateCadences: [] },
        rules: { stepOwners: () => stepOwners },
      };
      const state = initialState(ctx, expandUnits(measure, plan.units));
      for (const q of calendar.quarters) advance(state, ctx, Date.parse(q.start));
      return [measure.code, calendar.quarters.map((q) => state.tasks.filter((t) => t.quarter === q.quarter).length)];
    });
  return Object.fromEntries(rows);
}

const total = (rows: Record<string, number[]>, quarter?: number) =>
  Object.values(rows).reduce((n, r) => n + (quarter ? r[quarter - 1] : r.reduce((a, b) => a + b, 0)), 0);

describe("the seed year's tasks", () => {
  const plan = JSON.parse(fs.readFileSync(SEED, 'utf8')) as PlanDef;

  it('are 125 in Q1 and 491 in the year with step owners, against 158 and 623 if every unit got every step', () => {
    const everyUnit = tasksByQuarter(plan, false);
    const owned = tasksByQuarter(plan, true);
    console.log(
      `seed FY2565 tasks — every unit gets every step: Q1 ${total(everyUnit, 1)}, year ${total(everyUnit)}; ` +
        `with step owners: Q1 ${total(owned, 1)}, year ${total(owned)}`,
    );
    expect([total(everyUnit, 1), total(everyUnit)]).toEqual([158, 623]);
    expect([total(owned, 1), total(owned)]).toEqual([125, 491]);
    // Only the measures whose steps have owners change: I8+I12 (Internal Audit's step 5 and the
    // Planning section's 1–3), I24 (Internal Audit's step 3) and E1+E2 (HR's training).
    const changed = Object.keys(owned).filter(
      (code) => total({ code: owned[code] }) !== total({ code: everyUnit[code] }),
    );
    expect(changed).toEqual(['M05-I8-I12', 'M08-I24', 'M10-E1-E2']);
    expect(owned['M05-I8-I12']).toEqual([11, 11, 11, 11]);
    expect(everyUnit['M05-I8-I12']).toEqual([35, 35, 35, 35]);
  });
});
