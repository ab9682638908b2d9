/** Temporal client errors as domain errors: rejected updates keep their code and field; the rest say what happened. */
import { ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';

const BY_FAILURE_TYPE: Record<string, DomainErrorCode> = {
  FORBIDDEN: DomainErrorCode.Forbidden,
  CONFLICT: DomainErrorCode.Conflict,
  NOT_FOUND: DomainErrorCode.NotFound,
  INVALID: DomainErrorCode.InvalidArgument,
};

export function toDomainError(error: unknown, workflowId: string): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const code = BY_FAILURE_TYPE[error.cause.type ?? ''];
    if (code) {
      const path = String(error.cause.details?.[0] ?? '(body)');
      return new DomainError(code, error.cause.message, [{ path, message: error.cause.message }]);
    }
  }
  if (error instanceof WorkflowNotFoundError || (error instanceof ServiceError && /not found|already completed/i.test(error.message))) {
    return new DomainError(DomainErrorCode.MeasureNotActive, `measure workflow ${workflowId} is not running (activate the plan first, or the measure has completed)`,
      [{ path: 'code', message: 'has no running workflow' }]);
  }
  if (error instanceof ServiceError || (error instanceof Error && /connect|unavailable|ECONNREFUSED|deadline/i.test(error.message))) {
    return new DomainError(DomainErrorCode.Unavailable, `the workflow service is unavailable: ${error.message}`, []);
  }
  return error;
}
