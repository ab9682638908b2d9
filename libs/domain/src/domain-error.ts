/**
 * One exception type for the domain, with a code enum. The API maps codes to HTTP statuses;
 * workflows turn them into non-retryable failures. Every problem names the field it is about.
 */

export enum DomainErrorCode {
  PlanInvalid = 'PLAN_INVALID',
  PlanNotFound = 'PLAN_NOT_FOUND',
  PlanChangeNotConfirmed = 'PLAN_CHANGE_NOT_CONFIRMED',
  OrganizationNotFound = 'ORGANIZATION_NOT_FOUND',
  MeasureNotFound = 'MEASURE_NOT_FOUND',
  InvalidArgument = 'INVALID_ARGUMENT',
  /** The caller did not say who they are (or said it badly). */
  Unauthenticated = 'UNAUTHENTICATED',
  /** The caller may not do this (wrong role, unit or organization). */
  Forbidden = 'FORBIDDEN',
  /** The thing is not in a state that allows this (e.g. approving an unsubmitted task). */
  Conflict = 'CONFLICT',
  NotFound = 'NOT_FOUND',
  /** The measure has no running workflow (plan not activated). */
  MeasureNotActive = 'MEASURE_NOT_ACTIVE',
  /** Too many failed sign-ins: wait, then try again. */
  TooManyAttempts = 'TOO_MANY_ATTEMPTS',
  /** Temporal (or the database) could not be reached in time: try again later (Retry-After). */
  Unavailable = 'UNAVAILABLE',
  /** An Idempotency-Key already used for a different request (another route or body). */
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  /** The first request with this Idempotency-Key is still being answered. */
  IdempotencyKeyInProgress = 'IDEMPOTENCY_KEY_IN_PROGRESS',
}

export interface FieldProblem {
  /** JSON path of the offending field, e.g. `measures[3].steps[1].quarters[0]`. */
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
