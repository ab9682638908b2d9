import * as fs from 'node:fs';
import * as path from 'node:path';
import { rollOverPlan } from '../plan/plan.rollover';
import type { PlanDef } from '../plan/plan.types';
import { measureProgress } from '../plan/plan.progress';
import { itaYearOverYear } from './ita-year-over-year';

const SEED = path.resolve(__dirname, '../../../../data/plans/tceb-fy2565.plan.json');
const seed = (): PlanDef => JSON.parse(fs.readFileSync(SEED, 'utf8'));

describe('itaYearOverYear', () => {
  it("gives each item last year's score and class, its measures' share of steps done, and this year's score", () => {
    const last = seed();
    const ita = structuredClone(last.ita!);
    ita.assessmentYear = 2566;
    ita.items.find((i) => i.code === 'I7')!.score = 93.1;
    const current = rollOverPlan(last, 2566, { ita });
    const view = itaYearOverYear(last, { 'M01-I7': { steps: 3, stepsDone: 2 } }, current);
    const i7 = view.items.find((i) => i.code === 'I7')!;
    expect(i7.last).toEqual({ score: 81.8, grade: 'B', class: 'urgent' });
    expect(i7.measures).toEqual([{ code: 'M01-I7', title: expect.any(String), steps: 3, stepsDone: 2, share: 0.67 }]);
    expect(i7.current).toEqual({ score: 93.1, grade: expect.any(String), class: 'strength' });
    expect(i7.change).toBe(11.3);
    // A measure that never ran counts its steps with none done; an item without a measure has none.
    const e6 = view.items.find((i) => i.code === 'E6')!;
    expect(e6.measures).toEqual([]);
    const i14 = view.items.find((i) => i.code === 'I14')!;
    expect(i14.measures[0]).toMatchObject({ stepsDone: 0, share: 0 });
    expect(view).toMatchObject({ lastFiscalYear: 2565, currentFiscalYear: 2566, sameResults: false });
  });

  it('says so when this year has no new results (a rollover that kept last year’s)', () => {
    const last = seed();
    const view = itaYearOverYear(last, {}, rollOverPlan(last, 2570));
    expect(view.sameResults).toBe(true);
    expect(view.items.every((i) => i.current === null && i.change === null)).toBe(true);
  });
});

describe('measureProgress', () => {
  it('counts a step done when every one of its tasks was approved, and a step without tasks as not done', () => {
    const measure = seed().measures.find((m) => m.code === 'M01-I7')!;
    expect(
      measureProgress(measure, [
        { stepNumber: 1, tasks: 4, approved: 4 },
        { stepNumber: 2, tasks: 4, approved: 3 },
      ]),
    ).toEqual({ steps: 3, stepsDone: 1 });
  });
});
