/**
 * Closing a fiscal year: every measure workflow of the year is sent the closeYear command (the
 * workflow decides: after its calendar's end, by the Director or his delegate), which records
 * what is undone and lets it complete. When no measure is left running, the plan is closed, with
 * a `plan.closed` entry in the organization's audit chain.
 *
 * Safe to repeat: a measure closed before (or completed on its own) is reported as already
 * completed, with what its closing recorded, and a plan already closed records nothing again.
 * A year not over yet is refused (409, `fiscalYear`) by the first measure asked, before any
 * measure has changed.
 */
import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import type { Actor } from '@ita/domain/access/actor';
import { authorityNote, oversightGrant } from '@ita/domain/access/authority';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { yearCloseSummary } from '@ita/domain/measure/year-close';
import type { YearCloseSummary } from '@ita/domain/measure/year-close';
import { closeYearUpdate, measureWorkflowId } from '@ita/contracts/measure.contracts';
import type { MeasureState } from '@ita/contracts/measure.contracts';
import { PlanRepository } from '@ita/persistence/plan.repository';
import type { z } from 'zod';
import type { MeasureClosing, YearCloseResult } from './measure.schemas';
import { TemporalClientProvider } from './temporal-client.provider';
import { toDomainError } from './temporal-errors';

type Closing = z.input<typeof MeasureClosing>;
type Result = z.input<typeof YearCloseResult>;

const NOTHING_RECORDED = {
  reason: null,
  closedAt: null,
  closedBy: null,
  reportsNotDelivered: [],
  reportsNotDecided: [],
  escalationsEnded: [],
  tasksNotDone: 0,
  tasksNotDecided: 0,
};

@Injectable()
export class YearCloseService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly temporal: TemporalClientProvider,
  ) {}

  async close(organizationCode: string, fiscalYear: number, actor: Actor, updateId?: string): Promise<Result> {
    const found = await this.plans.findPlan(organizationCode, fiscalYear);
    if (!found) {
      throw new DomainError(
        DomainErrorCode.PlanNotFound,
        `organization ${organizationCode} has no plan for fiscal year ${fiscalYear}`,
        [{ path: 'fiscalYear', message: 'no such plan' }],
      );
    }
    const { plan, organization } = found;
    if (plan.status === 'imported') {
      throw new DomainError(
        DomainErrorCode.Conflict,
        `the plan for fiscal year ${fiscalYear} was never activated: it has no measures to close`,
        [{ path: 'fiscalYear', message: 'not activated' }],
      );
    }
    // The stored code, not the URL's spelling: MySQL compares codes case-insensitively, workflow ids do not.
    const code = organization.code;
    const measures: Closing[] = [];
    for (const measure of await this.plans.listMeasures(plan.id)) {
      const workflowId = measureWorkflowId(code, fiscalYear, measure.code);
      const ref = { measureCode: measure.code, workflowId };
      if (measure.incomplete) {
        measures.push({
          ...ref,
          outcome: 'not-running',
          ...NOTHING_RECORDED,
          reason: 'incomplete in the plan: never started',
        });
        continue;
      }
      // Each measure within its own bound: a year of many measures is not one long Temporal call.
      const closing = await this.temporal.call(workflowId, (client) =>
        this.closeMeasure(client, workflowId, actor, updateId),
      );
      const { error, ...outcome } = closing;
      // Refused before any measure was closed (e.g. the year is not over): nothing changed, the refusal is the answer.
      if (error && !measures.some((m) => m.outcome === 'closed')) throw error;
      measures.push({ ...ref, ...outcome });
    }
    const count = (outcome: Closing['outcome']) => measures.filter((m) => m.outcome === outcome);
    const sum = (f: (m: Closing) => number) => measures.reduce((n, m) => n + f(m), 0);
    const totals = {
      closed: count('closed').length,
      alreadyCompleted: count('already-completed').length,
      notRunning: count('not-running').length,
      refused: count('refused').length,
      reportsNotDelivered: sum((m) => m.reportsNotDelivered.length),
      reportsNotDecided: sum((m) => m.reportsNotDecided.length),
      escalationsEnded: sum((m) => m.escalationsEnded.length),
      tasksNotDone: sum((m) => m.tasksNotDone),
      tasksNotDecided: sum((m) => m.tasksNotDecided),
    };
    let planStatus = plan.status;
    // A measure refused, or cut short (a 503 above), keeps the plan open: closing again finishes it.
    if (!totals.refused) {
      await this.plans.markClosed(organization, plan.id, {
        by: { id: actor.id, role: actor.role, unitCode: actor.unitCode ?? null },
        authority: authorityNote(oversightGrant(actor, Date.now())),
        closed: count('closed').map((m) => m.measureCode),
        alreadyCompleted: count('already-completed').map((m) => m.measureCode),
        notRunning: count('not-running').map((m) => m.measureCode),
        reportsNotDelivered: totals.reportsNotDelivered,
        reportsNotDecided: totals.reportsNotDecided,
        escalationsEnded: totals.escalationsEnded,
        tasksNotDone: totals.tasksNotDone,
        tasksNotDecided: totals.tasksNotDecided,
      });
      planStatus = 'closed';
    }
    return { organization: code, fiscalYear, planStatus, measures, totals };
  }

  /** One measure: closed now if its workflow runs; else what became of it (a refusal carries its error). */
  private async closeMeasure(
    client: Client,
    workflowId: string,
    actor: Actor,
    updateId?: string,
  ): Promise<Outcome & { error?: DomainError }> {
    const handle = client.workflow.getHandle(workflowId);
    const status = await handle.describe().then(
      (d) => d.status.name,
      (error: unknown) => {
        if (error instanceof WorkflowNotFoundError) return 'NOT_FOUND';
        throw error;
      },
    );
    if (status === 'COMPLETED') {
      const final: MeasureState = await handle.result();
      return recorded('already-completed', yearCloseSummary(final));
    }
    if (status !== 'RUNNING') {
      const reason = status === 'NOT_FOUND' ? 'never started' : `its workflow is ${status.toLowerCase()}`;
      return { outcome: 'not-running', ...NOTHING_RECORDED, reason };
    }
    try {
      return recorded('closed', await handle.executeUpdate(closeYearUpdate, { args: [{ actor }], updateId }));
    } catch (error) {
      const refusal = toRefusal(error, workflowId);
      if (!refusal) throw error;
      return { outcome: 'refused', ...NOTHING_RECORDED, reason: refusal.message, error: refusal };
    }
  }
}

type Outcome = Omit<Closing, 'measureCode' | 'workflowId'>;

function recorded(outcome: Outcome['outcome'], s: YearCloseSummary): Outcome {
  return {
    outcome,
    reason: null,
    closedAt: s.closedAt,
    closedBy: s.closedBy,
    reportsNotDelivered: s.reportsNotDelivered,
    reportsNotDecided: s.reportsNotDecided,
    escalationsEnded: s.escalationsEnded,
    tasksNotDone: s.tasksNotDone,
    tasksNotDecided: s.tasksNotDecided,
  };
}

/** A rejected closeYear (the workflow's validator: not yet over, not allowed) as the domain error it maps to. */
function toRefusal(error: unknown, workflowId: string): DomainError | null {
  const mapped = toDomainError(error, workflowId);
  return mapped instanceof DomainError &&
    [DomainErrorCode.Conflict, DomainErrorCode.Forbidden, DomainErrorCode.InvalidArgument].includes(mapped.code)
    ? mapped
    : null;
}
