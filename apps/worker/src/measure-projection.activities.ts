/**
 * Activities of measure workflows: writing each state change to the read model and audit trail.
 * Idempotent (version-guarded upserts, audit rows keyed by workflow, seq and index), so Temporal
 * may retry them freely; an unknown organization is a domain error and is not retried. A change
 * that tells someone (written to the notification outbox in the same transaction) then wakes the
 * organization's notifier, starting it if it is not running (signalWithStart).
 */
import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import type { MeasureActivities, ProjectionBatch } from '@ita/contracts/measure.contracts';
import { MeasureProjectionRepository, UnknownOrganizationError } from '@ita/persistence/measure-projection.repository';

/** Wakes (or starts) an organization's notifier; absent where no notifier runs (workflow tests). */
export type NotifierWaker = (organizationCode: string) => Promise<void>;

@Injectable()
export class MeasureProjectionActivities implements MeasureActivities {
  constructor(
    private readonly projection: MeasureProjectionRepository,
    private readonly wakeNotifier?: NotifierWaker,
  ) {}

  async projectMeasure(batch: ProjectionBatch): Promise<void> {
    let told: number;
    try {
      told = await this.projection.applyProjection(batch);
    } catch (error) {
      if (error instanceof UnknownOrganizationError)
        throw ApplicationFailure.nonRetryable(error.message, 'UnknownOrganization');
      throw error;
    }
    if (told > 0) await this.wakeNotifier?.(batch.organizationCode);
  }

  /** The functions the worker registers, bound to this instance. */
  asActivities(): MeasureActivities {
    return { projectMeasure: (batch) => this.projectMeasure(batch) };
  }
}
