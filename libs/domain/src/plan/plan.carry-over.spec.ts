import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyCarryOver, unfinishedSteps } from './plan.carry-over';
import { rollOverPlan } from './plan.rollover';
import type { PlanDef } from './plan.types';
import { validatePlan } from './plan.validator';

const SEED = path.resolve(__dirname, '../../../../data/plans/tceb-fy2565.plan.json');
const seed = (): PlanDef => JSON.parse(fs.readFileSync(SEED, 'utf8'));

describe('unfinished work and its carry-over', () => {
  const last = seed();
  const counts = {
    'M01-I7': [
      { stepNumber: 1, tasks: 4, approved: 4 },
      { stepNumber: 2, tasks: 4, approved: 1 },
      { stepNumber: 3, tasks: 4, approved: 4 },
    ],
  };
  const unfinished = unfinishedSteps(last, counts);

  it("lists every step of last year's runnable measures that was not done, with its tasks", () => {
    expect(unfinished.filter((u) => u.measureCode === 'M01-I7')).toEqual([
      expect.objectContaining({ measureCode: 'M01-I7', stepNumber: 2, tasks: 4, approved: 1 }),
    ]);
    expect(unfinished.some((u) => u.measureCode === 'FRAG-E3-E7-E9')).toBe(false); // incomplete: never ran
    expect(unfinished.filter((u) => u.measureCode === 'M02-I14').length).toBe(
      last.measures.find((m) => m.code === 'M02-I14')!.steps.length,
    );
  });

  it('adds a carried-over step to the measure in the new draft, drops what is dropped, and stays a valid plan', () => {
    const draft = rollOverPlan(last, 2566);
    const result = applyCarryOver(draft, 2565, unfinished, [
      { measureCode: 'M01-I7', stepNumber: 2, decision: 'carry-over', quarters: [1], reason: 'ยังไม่ได้เผยแพร่' },
      { measureCode: 'M02-I14', stepNumber: 1, decision: 'drop', reason: 'ทำในขั้นตอนใหม่แล้ว' },
    ]);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const m01 = result.plan.measures.find((m) => m.code === 'M01-I7')!;
    expect(m01.steps).toHaveLength(4);
    expect(m01.steps[3]).toMatchObject({ number: 4, quarters: [1] });
    expect(m01.steps[3].text).toMatch(/^งานค้างจากปีงบประมาณ 2565/);
    expect(result.plan.measures.find((m) => m.code === 'M02-I14')!.steps).toEqual(
      draft.measures.find((m) => m.code === 'M02-I14')!.steps,
    );
    const checked = validatePlan(JSON.parse(JSON.stringify(result.plan)));
    expect(checked.ok ? [] : checked.problems).toEqual([]);
  });

  it('names every wrong decision by its path', () => {
    const result = applyCarryOver(rollOverPlan(last, 2566), 2565, unfinished, [
      { measureCode: 'M01-I7', stepNumber: 1, decision: 'drop', reason: 'x' },
      { measureCode: 'M01-I7', stepNumber: 2, decision: 'drop', reason: 'x' },
      { measureCode: 'M01-I7', stepNumber: 2, decision: 'carry-over', reason: 'x' },
    ]);
    expect(result).toEqual({
      ok: false,
      problems: [
        { path: 'decisions[0].stepNumber', message: 'M01-I7#1 is not unfinished work of last year' },
        { path: 'decisions[2].stepNumber', message: 'M01-I7#2 is decided twice' },
      ],
    });
  });
});
