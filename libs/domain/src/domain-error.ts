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
