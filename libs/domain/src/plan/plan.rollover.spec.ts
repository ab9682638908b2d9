import * as fs from 'node:fs';
import * as path from 'node:path';
import { rollOverPlan } from './plan.rollover';
import type { PlanDef } from './plan.types';
import { validatePlan } from './plan.validator';

const SEED = path.resolve(__dirname, '../../../../data/plans/tceb-fy2565.plan.json');
const seed = (): PlanDef => JSON.parse(fs.readFileSync(SEED, 'utf8'));

describe('rollOverPlan', () => {
  it("carries FY N's measures, steps, owners, guidelines and reporting lines into FY N+1, and says it is a rollover", () => {
    const before = seed();
    const next = rollOverPlan(before, 2570);
    expect(next.fiscalYear).toBe(2570);
    expect(next.measures).toEqual(before.measures);
    expect(next.units).toEqual(before.units);
    expect(next.ita).toEqual(before.ita);
    expect(next.source?.notes?.[0]).toMatch(/^แผนปีงบประมาณ 2570 ต่อยอดมาตรการจากแผนปีงบประมาณ 2565/);
    expect(next.source?.notes?.[0]).toMatch(/no later ITA results/);
    expect(before.fiscalYear).toBe(2565);
    const checked = validatePlan(JSON.parse(JSON.stringify(next)));
    expect(checked.ok ? [] : checked.problems).toEqual([]);
  });

  it("attaches the new year's ITA results and gives each measure's items their new scores", () => {
    const before = seed();
    const ita = structuredClone(before.ita!);
    ita.assessmentYear = 2566;
    const i7 = ita.items.find((i) => i.code === 'I7')!;
    i7.score = 95.5;
    i7.grade = 'AA';
    const next = rollOverPlan(before, 2566, { ita });
    expect(next.ita?.assessmentYear).toBe(2566);
    const measure = next.measures.find((m) => m.items.some((i) => i.code === 'I7'))!;
    expect(measure.items.find((i) => i.code === 'I7')).toEqual({ code: 'I7', score: 95.5, grade: 'AA' });
    expect(next.source?.notes?.[0]).toMatch(/with the 2566 ITA results/);
  });
});
