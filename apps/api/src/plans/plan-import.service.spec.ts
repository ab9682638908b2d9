/**
 * What an import hands the repository to record: an applied import goes with who did it and its
 * diff's size and paths; a dry run and an unchanged re-import never reach the store, so they
 * leave no audit entry.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppConfig } from '@ita/config/app-config';
import { canonicalJson, normalizePlan } from '@ita/domain/plan/plan.canonical';
import type { PlanDef } from '@ita/domain/plan/plan.types';
import type { PlanEntity } from '@ita/persistence/entities';
import type { PlanRepository, StoredPlan } from '@ita/persistence/plan.repository';
import { PlanChangeNeedsConfirmation, PlanImportService } from './plan-import.service';

const SEED = path.resolve(__dirname, '../../../../data/plans/tceb-fy2565.plan.json');
const planner = { id: 'tceb.planner', role: 'planner' };
const config = { defaults: { reportGraceDays: 15, escalationIntervalDays: 7 } } as AppConfig;
const hashOf = (plan: PlanDef) =>
  createHash('sha256')
    .update(canonicalJson(normalizePlan(plan)))
    .digest('hex');

describe(PlanImportService.name, () => {
  const seed = JSON.parse(fs.readFileSync(SEED, 'utf8')) as PlanDef;
  const bytes = (plan: PlanDef) => Buffer.from(JSON.stringify(plan));
  let plans: jest.Mocked<Pick<PlanRepository, 'loadPlan' | 'savePlan'>>;
  let sut: PlanImportService;
  const storedAs = (plan: PlanDef, revision = 1) =>
    plans.loadPlan.mockResolvedValue({
      plan: { revision, contentHash: hashOf(plan), status: 'imported' } as PlanEntity,
      organization: {} as StoredPlan['organization'],
      definition: normalizePlan(plan),
    });

  beforeEach(() => {
    plans = {
      loadPlan: jest.fn().mockResolvedValue(null),
      savePlan: jest.fn().mockImplementation(async () => ({ revision: 1 }) as PlanEntity),
    };
    sut = new PlanImportService(plans as unknown as PlanRepository, config);
  });

  it('saves a new plan with who imported it and the size of what it brings', async () => {
    const result = await sut.importFile(bytes(seed), { by: planner });
    expect(result).toMatchObject({ status: 'created', revision: 1, baseHash: null });
    expect(plans.savePlan).toHaveBeenCalledTimes(1);
    const [, contentHash, baseHash, , audit] = plans.savePlan.mock.calls[0];
    expect([contentHash, baseHash]).toEqual([hashOf(seed), null]);
    expect(audit).toEqual({
      by: planner,
      details: { source: 'plan-file', summary: result.summary, changes: result.changes.length, changedPaths: [] },
    });
  });

  it("records a confirmed change with the diff's paths", async () => {
    storedAs(seed);
    const changed = structuredClone(seed);
    changed.measures[0].steps[0].quarters = [1, 2];
    plans.savePlan.mockResolvedValue({ revision: 2 } as PlanEntity);
    const result = await sut.importFile(bytes(changed), { by: planner, confirm: hashOf(seed) });
    expect(result).toMatchObject({ status: 'updated', revision: 2, baseHash: hashOf(seed) });
    expect(plans.savePlan.mock.calls[0][4]).toEqual({
      by: planner,
      details: expect.objectContaining({ changes: 1, changedPaths: ['changed measures[M01-I7].steps'] }),
    });
  });

  it('stores nothing, so records nothing, for a dry run, an unchanged re-import or an unconfirmed change', async () => {
    expect((await sut.importFile(bytes(seed), { by: planner, dryRun: true })).status).toBe('would-create');
    storedAs(seed);
    expect((await sut.importFile(bytes(seed), { by: planner })).status).toBe('unchanged');
    const changed = structuredClone(seed);
    changed.measures[0].title = 'มาตรการใหม่';
    expect((await sut.importFile(bytes(changed), { by: planner, dryRun: true })).status).toBe('would-update');
    await expect(sut.importFile(bytes(changed), { by: planner })).rejects.toBeInstanceOf(PlanChangeNeedsConfirmation);
    expect(plans.savePlan).not.toHaveBeenCalled();
  });
});
