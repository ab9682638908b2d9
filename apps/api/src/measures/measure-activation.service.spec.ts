/**
 * What an activation hands the repository to mark and record, after the workflows are started:
 * who, the calendar (with its quarter length when compressed), and which measures started, were
 * already running or were skipped.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizePlan } from '@ita/domain/plan/plan.canonical';
import type { PlanDef } from '@ita/domain/plan/plan.types';
import type { OrganizationEntity, PlanEntity } from '@ita/persistence/entities';
import type { PlanRepository } from '@ita/persistence/plan.repository';
import { MeasureActivationService } from './measure-activation.service';
import type { TemporalClientProvider } from './temporal-client.provider';

const SEED = path.resolve(__dirname, '../../../../data/plans/tceb-fy2565.plan.json');
const planner = { id: 'tceb.planner', role: 'planner' };

describe(MeasureActivationService.name, () => {
  const definition = normalizePlan(JSON.parse(fs.readFileSync(SEED, 'utf8')) as PlanDef);
  const organization = {
    id: 1,
    code: 'TCEB',
    reportGraceDays: 15,
    escalationIntervalDays: 7,
    escalateCadences: ['semiannual'],
    resubmissionDays: 7,
  } as OrganizationEntity;
  let plans: jest.Mocked<Pick<PlanRepository, 'loadPlan' | 'markActive'>>;
  let start: jest.Mock;
  let sut: MeasureActivationService;

  beforeEach(() => {
    plans = {
      loadPlan: jest.fn().mockResolvedValue({ plan: { id: 7, revision: 1 } as PlanEntity, organization, definition }),
      markActive: jest.fn().mockResolvedValue(true),
    };
    start = jest.fn().mockResolvedValue(undefined);
    const temporal = {
      taskQueue: 'q',
      call: (_id: string, fn: (c: Client) => Promise<unknown>) => fn({ workflow: { start } } as unknown as Client),
    };
    sut = new MeasureActivationService(
      plans as unknown as PlanRepository,
      temporal as unknown as TemporalClientProvider,
    );
  });

  it('marks the plan active after starting its measures, with who, the compressed calendar and what started', async () => {
    start.mockImplementationOnce(async () => {
      throw new WorkflowExecutionAlreadyStartedError('running', 'measure/TCEB/2565/M01-I7', 'measureWorkflow');
    });
    const result = await sut.activate('TCEB', 2565, planner, {
      quarterSeconds: 120,
      startsAt: '2026-12-01T00:00:00.000Z',
    });
    expect(result.alreadyStarted.map((m) => m.measureCode)).toEqual(['M01-I7']);
    expect(result.skipped.map((m) => m.measureCode)).toEqual(['FRAG-E3-E7-E9']);
    expect(plans.markActive).toHaveBeenCalledTimes(1);
    expect(plans.markActive).toHaveBeenCalledWith(organization, 7, {
      by: planner,
      calendar: { compressed: true, start: '2026-12-01T00:00:00.000Z', end: result.calendar.end, quarterSeconds: 120 },
      started: result.started.map((m) => m.measureCode),
      alreadyStarted: ['M01-I7'],
      skipped: ['FRAG-E3-E7-E9'],
    });
    expect(result.started).toHaveLength(10);
  });

  it('records the real calendar without a quarter length', async () => {
    await sut.activate('TCEB', 2565, planner);
    expect(plans.markActive.mock.calls[0][2].calendar).toEqual({
      compressed: false,
      start: '2021-09-30T17:00:00.000Z',
      end: '2022-09-30T17:00:00.000Z',
    });
  });

  it('refuses a plan whose year was closed, starting nothing', async () => {
    plans.loadPlan.mockResolvedValueOnce({
      plan: { id: 7, revision: 1, status: 'closed' } as PlanEntity,
      organization,
      definition,
    });
    await expect(sut.activate('TCEB', 2565, planner)).rejects.toMatchObject({
      code: 'CONFLICT',
      problems: [{ path: 'fiscalYear', message: 'closed' }],
    });
    expect(start).not.toHaveBeenCalled();
    expect(plans.markActive).not.toHaveBeenCalled();
  });

  it('marks nothing when starting the workflows fails (activating again starts the rest and records then)', async () => {
    start.mockRejectedValueOnce(new Error('Temporal is down'));
    await expect(sut.activate('TCEB', 2565, planner)).rejects.toThrow('Temporal is down');
    expect(plans.markActive).not.toHaveBeenCalled();
  });
});
