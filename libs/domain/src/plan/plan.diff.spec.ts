import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonicalJson, normalizePlan } from './plan.canonical';
import { diffPlans } from './plan.diff';
import type { PlanDef } from './plan.types';

const SMALL = path.resolve(__dirname, '../../../../test/fixtures/small.plan.json');
const load = (): PlanDef => normalizePlan(JSON.parse(fs.readFileSync(SMALL, 'utf8')));

describe('plan diff', () => {
  it('finds nothing between a plan and a re-formatted copy of it', () => {
    const plan = load();
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
            )
          : v;
    const reordered = JSON.parse(JSON.stringify(reverseKeys(plan), null, 4)) as PlanDef;
    expect(diffPlans(plan, normalizePlan(reordered))).toEqual({ identical: true, changes: [] });
    expect(
      canonicalJson(normalizePlan({ ...plan, measures: plan.measures.map((m) => ({ ...m, incomplete: undefined })) })),
    ).toBe(canonicalJson(plan));
  });

  it('names each added, removed and changed entry by its key', () => {
    const before = load();
    const after = load();
    after.measures[0].steps[0].quarters = [1, 2];
    after.measures.pop();
    after.measures.push({ ...before.measures[0], code: 'M99-NEW' });
    after.units[2].name = 'งานทรัพยากรบุคคล';
    const diff = diffPlans(before, after);
    expect(diff.identical).toBe(false);
    expect(diff.changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      'changed units[HR].name',
      'changed measures[M01-I7].steps',
      'removed measures[M05-I8-I12]',
      'added measures[M99-NEW]',
    ]);
  });
});
