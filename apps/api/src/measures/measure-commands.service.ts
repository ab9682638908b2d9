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
import type { Amendment, Evidence, Progress } from '@ita/domain/measure/measure.types';
import { EvidenceService } from '../evidence/evidence.service';
import { TemporalClientProvider } from './temporal-client.provider';

export interface MeasureRef {
  organization: string;
  fiscalYear: number;
  measureCode: string;
}

type Body = Record<string, unknown>;

@Injectable()
export class MeasureCommandsService {
  constructor(
    private readonly temporal: TemporalClientProvider,
    private readonly evidence: EvidenceService,
  ) {}

  async submitTask(ref: MeasureRef, taskKey: string, actor: Actor, body: Body, updateId?: string) {
    // The one check the workflow cannot make (it needs the database): cited files exist here.
    await this.evidence.assertUploaded(ref.organization, body.evidence);
    return this.send(
      ref,
      submitTaskUpdate,
      {
        actor,
        taskKey,
        note: body.note as string,
        progress: body.progress as Progress,
        evidence: (body.evidence ?? []) as Evidence[],
      },
      updateId,
    );
  }

  approveTask(ref: MeasureRef, taskKey: string, actor: Actor, updateId?: string) {
    return this.send(ref, approveTaskUpdate, { actor, taskKey }, updateId);
  }

  returnTask(ref: MeasureRef, taskKey: string, actor: Actor, body: Body, updateId?: string) {
    return this.send(ref, returnTaskUpdate, { actor, taskKey, reason: body.reason as string }, updateId);
  }

  submitReport(ref: MeasureRef, reportKey: string, actor: Actor, body: Body, updateId?: string) {
    return this.send(
      ref,
      submitReportUpdate,
      { actor, reportKey, summary: body.summary as string | undefined },
      updateId,
    );
  }

  approveReport(ref: MeasureRef, reportKey: string, actor: Actor, body: Body, updateId?: string) {
    return this.send(
      ref,
      approveReportUpdate,
      { actor, reportKey, comments: body.comments as string | undefined },
      updateId,
    );
  }

  returnReport(ref: MeasureRef, reportKey: string, actor: Actor, body: Body, updateId?: string) {
    return this.send(ref, returnReportUpdate, { actor, reportKey, comments: body.comments as string }, updateId);
  }

  amend(ref: MeasureRef, actor: Actor, body: Body, updateId?: string) {
    return this.send(
      ref,
      amendMeasureUpdate,
      { actor, change: body.change as Amendment, reason: body.reason as string },
      updateId,
    );
  }

  /** Without an update id Temporal makes a fresh one: a resent command is then judged again (409 once done). */
  private send<Ret, Arg>(
    ref: MeasureRef,
    update: UpdateDefinition<Ret, [Arg]>,
    command: Arg,
    updateId?: string,
  ): Promise<Ret> {
    const workflowId = measureWorkflowId(ref.organization, ref.fiscalYear, ref.measureCode);
    return this.temporal.call(workflowId, (client) =>
      client.workflow.getHandle(workflowId).executeUpdate(update, { args: [command], updateId }),
    );
  }
}
