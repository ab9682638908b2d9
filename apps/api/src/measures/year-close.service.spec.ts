/**
 * What closing a year asks of each measure workflow, and what it hands the repository to record:
 * running measures get the command, completed ones report what their closing recorded, absent
 * ones are not running; a refusal before anything closed is the answer, a later one keeps the
 * plan open.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Actor } from '@ita/domain/access/actor';
import { DomainError } from '@ita/domain/domain-error';
import type { YearCloseSummary } from '@ita/domain/measure/year-close';
import type { MeasureEntity, OrganizationEntity, PlanEntity } from '@ita/persistence/entities';
import type { PlanRepository } from '@ita/persistence/plan.repository';
import type { TemporalClientProvider } from './temporal-client.provider';
import { YearCloseService } from './year-close.service';

const deputy: Actor = {
  id: 'tceb.deputy',
  role: 'deputy-director',
  organizationCode: 'TCEB',
  grants: [
    { kind: 'oversight', delegationId: '3', delegatorId: 'tceb.director', from: '2000-01-01T00:00:00Z', until: null },
  ],
};
const summary = (measureCode: string, more: Partial<YearCloseSummary> = {}): YearCloseSummary => ({
  measureCode,
  closed: true,
  closedAt: '2022-10-20T00:00:00.000Z',
  closedBy: 'tceb.deputy',
  reportsNotDelivered: ['semiannual-1'],
  reportsNotDecided: [],
  escalationsEnded: ['semiannual-1'],
  tasksNotDone: 2,
  tasksNotDecided: 0,
  ...more,
});
const refusedUpdate = (type: string, message: string) =>
  new WorkflowUpdateFailedError('update failed', ApplicationFailure.create({ type, message, details: ['fiscalYear'] }));

describe(YearCloseService.name, () => {
  const organization = { id: 1, code: 'TCEB' } as OrganizationEntity;
  const measures = ['M01', 'M02', 'INCOMPLETE', 'M03'].map(
    (code) => ({ code, incomplete: code === 'INCOMPLETE' }) as MeasureEntity,
  );
  let plans: jest.Mocked<Pick<PlanRepository, 'findPlan' | 'listMeasures' | 'markClosed'>>;
  /** Per workflow id: its status, and what its update (or result) gives. */
  let workflows: Record<string, { status: string; update?: () => Promise<unknown>; result?: unknown }>;
  let sut: YearCloseService;

  beforeEach(() => {
    plans = {
      findPlan: jest.fn().mockResolvedValue({ plan: { id: 7, status: 'active' } as PlanEntity, organization }),
      listMeasures: jest.fn().mockResolvedValue(measures),
      markClosed: jest.fn().mockResolvedValue(true),
    };
    workflows = {};
    const client = {
      workflow: {
        getHandle: (id: string) => ({
          describe: async () => {
            if (!workflows[id]) throw new WorkflowNotFoundError('not found', id, undefined);
            return { status: { name: workflows[id].status } };
          },
          result: async () => workflows[id].result,
          executeUpdate: (_u: unknown, { args }: { args: [{ actor: Actor }] }) => {
            expect(args[0].actor).toBe(deputy);
            return workflows[id].update!();
          },
        }),
      },
    } as unknown as Client;
    const temporal = { call: (_id: string, fn: (c: Client) => Promise<unknown>) => fn(client) };
    sut = new YearCloseService(plans as unknown as PlanRepository, temporal as unknown as TemporalClientProvider);
  });

  it('closes the running measures, reports the completed and absent ones, and records the closing', async () => {
    workflows['measure/TCEB/2565/M01'] = { status: 'RUNNING', update: async () => summary('M01') };
    workflows['measure/TCEB/2565/M02'] = {
      status: 'COMPLETED',
      result: { measureCode: 'M02', status: 'completed', tasks: [], reports: [] },
    };
    const result = await sut.close('tceb', 2565, deputy, 'key-1');
    expect(result.planStatus).toBe('closed');
    expect(result.measures.map((m) => [m.measureCode, m.outcome, m.reason])).toEqual([
      ['M01', 'closed', null],
      ['M02', 'already-completed', null],
      ['INCOMPLETE', 'not-running', 'incomplete in the plan: never started'],
      ['M03', 'not-running', 'never started'],
    ]);
    expect(result.totals).toEqual({
      closed: 1,
      alreadyCompleted: 1,
      notRunning: 2,
      refused: 0,
      reportsNotDelivered: 1,
      reportsNotDecided: 0,
      escalationsEnded: 1,
      tasksNotDone: 2,
      tasksNotDecided: 0,
    });
    expect(plans.markClosed).toHaveBeenCalledWith(organization, 7, {
      by: { id: 'tceb.deputy', role: 'deputy-director', unitCode: null },
      authority: 'delegation 3 (oversight) from tceb.director',
      closed: ['M01'],
      alreadyCompleted: ['M02'],
      notRunning: ['INCOMPLETE', 'M03'],
      reportsNotDelivered: 1,
      reportsNotDecided: 0,
      escalationsEnded: 1,
      tasksNotDone: 2,
      tasksNotDecided: 0,
    });
  });

  it("answers the measures' refusal when nothing was closed yet (the year is not over), and records nothing", async () => {
    for (const code of ['M01', 'M02', 'M03'])
      workflows[`measure/TCEB/2565/${code}`] = {
        status: 'RUNNING',
        update: async () => {
          throw refusedUpdate('CONFLICT', 'fiscal year 2565 ends at …; it can be closed only after its end');
        },
      };
    const refused = await sut.close('TCEB', 2565, deputy).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'CONFLICT', problems: [{ path: 'fiscalYear' }] });
    expect(plans.markClosed).not.toHaveBeenCalled();
  });

  it('keeps the plan open when a measure refuses after others were closed', async () => {
    workflows['measure/TCEB/2565/M01'] = { status: 'RUNNING', update: async () => summary('M01') };
    workflows['measure/TCEB/2565/M02'] = {
      status: 'RUNNING',
      update: async () => {
        throw refusedUpdate('CONFLICT', 'measure M02 has completed');
      },
    };
    const result = await sut.close('TCEB', 2565, deputy);
    expect(result.planStatus).toBe('active');
    expect(result.measures[1]).toMatchObject({ outcome: 'refused', reason: 'measure M02 has completed' });
    expect(result.totals.refused).toBe(1);
    expect(plans.markClosed).not.toHaveBeenCalled();
  });

  it('refuses a plan never activated, and one that does not exist', async () => {
    plans.findPlan.mockResolvedValueOnce({ plan: { id: 7, status: 'imported' } as PlanEntity, organization });
    await expect(sut.close('TCEB', 2565, deputy)).rejects.toMatchObject({ code: 'CONFLICT' });
    plans.findPlan.mockResolvedValueOnce(null);
    await expect(sut.close('TCEB', 2599, deputy)).rejects.toMatchObject({ code: 'PLAN_NOT_FOUND' });
  });
});
