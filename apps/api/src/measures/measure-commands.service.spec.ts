import { WorkflowNotFoundError } from '@temporalio/client';
import type { Actor } from '@ita/domain/access/actor';
import type { MeasureState, TaskState } from '@ita/domain/measure/measure.types';
import type { EvidenceService } from '../evidence/evidence.service';
import { MeasureCommandsService } from './measure-commands.service';
import type { TemporalClientProvider } from './temporal-client.provider';

const head: Actor = { id: 'tceb.admin.head', role: 'unit-head', unitCode: 'ADMIN', organizationCode: 'TCEB' };
const ref = { organization: 'TCEB', fiscalYear: 2565, measureCode: 'M10-E1-E2' };
const approved = { key: 'Q4-S3-ADMIN', status: 'approved', decidedBy: head.id } as TaskState;

/** A Temporal client whose workflow has completed: updates find it closed, its result is its final state. */
function closedWorkflow(final: Partial<MeasureState>, keptOutcome?: unknown) {
  const notRunning = new WorkflowNotFoundError('workflow execution already completed', 'w', undefined);
  const handle = {
    executeUpdate: jest.fn().mockRejectedValue(notRunning),
    getUpdateHandle: jest.fn(() => ({
      result: () =>
        keptOutcome === undefined ? Promise.reject(new Error('update not found')) : Promise.resolve(keptOutcome),
    })),
    result: jest.fn().mockResolvedValue({ tasks: [], reports: [], ...final }),
  };
  const client = { workflow: { getHandle: () => handle } };
  const temporal = {
    call: (_id: string, fn: (c: unknown) => Promise<unknown>) => fn(client),
  } as unknown as TemporalClientProvider;
  return { service: new MeasureCommandsService(temporal, {} as EvidenceService), handle };
}

describe('a command resent after its answer was lost, when it completed the measure', () => {
  it('is answered with the outcome Temporal kept', async () => {
    const { service } = closedWorkflow({ tasks: [] }, approved);
    await expect(service.approveTask(ref, 'Q4-S3-ADMIN', head, 'idempotent-1')).resolves.toBe(approved);
  });

  it("is answered from the measure's final state when the outcome is gone, if its effect is there, by the same person", async () => {
    const { service } = closedWorkflow({ tasks: [approved] });
    await expect(service.approveTask(ref, 'Q4-S3-ADMIN', head, 'idempotent-1')).resolves.toEqual(approved);
    const other = { ...head, id: 'tceb.director', role: 'director' as const };
    await expect(service.approveTask(ref, 'Q4-S3-ADMIN', other, 'idempotent-2')).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
  });

  it('is "not running" without an update id (a fresh command on a completed measure)', async () => {
    const { service, handle } = closedWorkflow({ tasks: [approved] });
    await expect(service.approveTask(ref, 'Q4-S3-ADMIN', head)).rejects.toBeInstanceOf(WorkflowNotFoundError);
    expect(handle.result).not.toHaveBeenCalled();
  });
});
