/**
 * Commands on running measures, sent to their workflows as Temporal Updates. The workflow's
 * validators decide (a workflow trusts no caller); a rejection comes back as a 4xx naming the
 * field and leaves the workflow and the read model as they were. A command sent with an
 * Idempotency-Key carries an update id made from it, so Temporal itself runs it once however
 * often it is resent (an answer lost to a timeout or a crash is fetched again, not redone).
 */
import type { Actor } from '@ita/domain/access/actor';
import { Injectable } from '@nestjs/common';
import type { UpdateDefinition } from '@temporalio/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { MeasureState } from '@ita/domain/measure/measure.types';
import {
  amendMeasureUpdate,
  approveReportUpdate,
  approveTaskUpdate,
  measureWorkflowId,
  returnReportUpdate,
  returnTaskUpdate,
  submitReportUpdate,
  submitTaskUpdate,
} from '@ita/contracts/measure.contracts';
import type { z } from 'zod';
import { EvidenceService } from '../evidence/evidence.service';
import { TemporalClientProvider } from './temporal-client.provider';
import type {
  AmendBody,
  ApproveReportBody,
  ReturnReportBody,
  ReturnTaskBody,
  SubmitReportBody,
  SubmitTaskBody,
} from './measure.schemas';

export interface MeasureRef {
  organization: string;
  fiscalYear: number;
  measureCode: string;
}

@Injectable()
export class MeasureCommandsService {
  constructor(
    private readonly temporal: TemporalClientProvider,
    private readonly evidence: EvidenceService,
  ) {}

  async submitTask(
    ref: MeasureRef,
    taskKey: string,
    actor: Actor,
    body: z.output<typeof SubmitTaskBody>,
    updateId?: string,
  ) {
    // The one check the workflow cannot make (it needs the database): cited files exist here.
    await this.evidence.assertUploaded(ref.organization, body.evidence);
    return this.send(
      ref,
      submitTaskUpdate,
      {
        actor,
        taskKey,
        note: body.note,
        progress: body.progress,
        evidence: body.evidence ?? [],
      },
      updateId,
    );
  }

  approveTask(ref: MeasureRef, taskKey: string, actor: Actor, updateId?: string) {
    return this.send(ref, approveTaskUpdate, { actor, taskKey }, updateId, (state) =>
      decidedBy(
        state.tasks.find((t) => t.key === taskKey),
        'approved',
        actor,
      ),
    );
  }

  returnTask(ref: MeasureRef, taskKey: string, actor: Actor, body: z.output<typeof ReturnTaskBody>, updateId?: string) {
    return this.send(ref, returnTaskUpdate, { actor, taskKey, reason: body.reason }, updateId);
  }

  submitReport(
    ref: MeasureRef,
    reportKey: string,
    actor: Actor,
    body: z.output<typeof SubmitReportBody>,
    updateId?: string,
  ) {
    return this.send(ref, submitReportUpdate, { actor, reportKey, summary: body.summary }, updateId);
  }

  approveReport(
    ref: MeasureRef,
    reportKey: string,
    actor: Actor,
    body: z.output<typeof ApproveReportBody>,
    updateId?: string,
  ) {
    return this.send(ref, approveReportUpdate, { actor, reportKey, comments: body.comments }, updateId, (state) =>
      decidedBy(
        state.reports.find((r) => r.key === reportKey),
        'approved',
        actor,
      ),
    );
  }

  returnReport(
    ref: MeasureRef,
    reportKey: string,
    actor: Actor,
    body: z.output<typeof ReturnReportBody>,
    updateId?: string,
  ) {
    return this.send(ref, returnReportUpdate, { actor, reportKey, comments: body.comments }, updateId);
  }

  amend(ref: MeasureRef, actor: Actor, body: z.output<typeof AmendBody>, updateId?: string) {
    return this.send(ref, amendMeasureUpdate, { actor, change: body.change, reason: body.reason }, updateId);
  }

  /**
   * Without an update id Temporal makes a fresh one: a resent command is then judged again (409 once
   * done). With one, a command resent after its answer was lost is answered as it was, even when it
   * was the command that completed the measure (the last approval): Temporal keeps the outcome of an
   * update of a closed workflow; where it has lost it (a restarted server), `settled` reads the
   * measure's final state, and a command whose effect is there, made by the same person, is answered
   * with it rather than with "not running".
   */
  private send<Ret, Arg>(
    ref: MeasureRef,
    update: UpdateDefinition<Ret, [Arg]>,
    command: Arg,
    updateId?: string,
    settled?: (finalState: MeasureState) => Ret | undefined,
  ): Promise<Ret> {
    const workflowId = measureWorkflowId(ref.organization, ref.fiscalYear, ref.measureCode);
    return this.temporal.call(workflowId, async (client) => {
      const handle = client.workflow.getHandle(workflowId);
      try {
        return await handle.executeUpdate(update, { args: [command], updateId });
      } catch (error) {
        if (!updateId || !(error instanceof WorkflowNotFoundError)) throw error;
        const outcome = await handle
          .getUpdateHandle<Ret>(updateId)
          .result()
          .catch(() => undefined);
        if (outcome !== undefined) return outcome;
        const finalState = settled && (await handle.result().catch(() => undefined));
        const answer = finalState ? settled(finalState as MeasureState) : undefined;
        if (answer === undefined) throw error;
        return answer;
      }
    });
  }
}

/** The task or report if `actor` decided it so (what a lost answer to his command would have said). */
function decidedBy<T extends { status: string; decidedBy?: string }>(
  entity: T | undefined,
  status: string,
  actor: Actor,
): T | undefined {
  return entity?.status === status && entity.decidedBy === actor.id ? entity : undefined;
}
