/**
 * Activities of measure workflows: writing each state change to the read model and audit trail.
 * Idempotent (version-guarded upserts, audit rows keyed by workflow, seq and index), so Temporal
 * may retry them freely; an unknown organization is a domain error and is not retried.
 */
import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import type { MeasureActivities, ProjectionBatch } from '@ita/contracts/measure.contracts';
import { MeasureProjectionRepository, UnknownOrganizationError } from '@ita/persistence/measure-projection.repository';

@Injectable()
export class MeasureProjectionActivities implements MeasureActivities {
  constructor(private readonly projection: MeasureProjectionRepository) {}

  async projectMeasure(batch: ProjectionBatch): Promise<void> {
    try {
      await this.projection.applyProjection(batch);
    } catch (error) {
      if (error instanceof UnknownOrganizationError)
        throw ApplicationFailure.nonRetryable(error.message, 'UnknownOrganization');
      throw error;
    }
  }

  /** The functions the worker registers, bound to this instance. */
  asActivities(): MeasureActivities {
    return { projectMeasure: (batch) => this.projectMeasure(batch) };
  }
}
