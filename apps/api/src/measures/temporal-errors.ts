/**
 * Temporal client errors as domain errors: rejected updates keep their code and field; a server
 * or worker that does not answer in time is a 503 with Retry-After (said in Thai and English,
 * since unit staff read it); the rest say what happened.
 */
import {
  isGrpcCancelledError,
  isGrpcDeadlineError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { RetryLater, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../http/domain-exception.filter';

const BY_FAILURE_TYPE: Record<string, DomainErrorCode> = {
  FORBIDDEN: DomainErrorCode.Forbidden,
  CONFLICT: DomainErrorCode.Conflict,
  NOT_FOUND: DomainErrorCode.NotFound,
  INVALID: DomainErrorCode.InvalidArgument,
};

export const WORKFLOW_SERVICE_UNAVAILABLE =
  'ระบบงานชั่วคราวไม่พร้อมใช้งาน กรุณาลองใหม่อีกครั้ง / The workflow service is unavailable right now; try again shortly';

/**
 * The 503 of a Temporal call that did not finish in time. An update may still take effect once
 * the worker is back: the client looks (GET the task) or retries with the same Idempotency-Key.
 */
export function workflowServiceUnavailable(detail: string): RetryLater {
  return new RetryLater(
    `${WORKFLOW_SERVICE_UNAVAILABLE} (${detail}; a command may still take effect: check it, or retry with the same Idempotency-Key)`,
    UNAVAILABLE_RETRY_AFTER_SECONDS,
    undefined,
    DomainErrorCode.Unavailable,
  );
}

export function toDomainError(error: unknown, workflowId: string): unknown {
  if (error instanceof DomainError) return error;
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const code = BY_FAILURE_TYPE[error.cause.type ?? ''];
    if (code) {
      const path = String(error.cause.details?.[0] ?? '(body)');
      return new DomainError(code, error.cause.message, [{ path, message: error.cause.message }]);
    }
  }
  if (
    error instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
    isGrpcDeadlineError(error) ||
    isGrpcCancelledError(error)
  ) {
    return workflowServiceUnavailable(`no answer from ${workflowId} in time`);
  }
  if (
    error instanceof WorkflowNotFoundError ||
    (error instanceof ServiceError && /not found|already completed/i.test(error.message))
  ) {
    return new DomainError(
      DomainErrorCode.MeasureNotActive,
      `measure workflow ${workflowId} is not running (activate the plan first, or the measure has completed)`,
      [{ path: 'code', message: 'has no running workflow' }],
    );
  }
  if (
    error instanceof ServiceError ||
    (error instanceof Error && /connect|unavailable|ECONNREFUSED|deadline/i.test(error.message))
  ) {
    return workflowServiceUnavailable(error.message);
  }
  return error;
}
