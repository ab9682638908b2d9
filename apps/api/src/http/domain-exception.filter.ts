/**
 * Maps errors to HTTP answers: DomainError codes to 4xx with the problems (each naming its field),
 * Nest's own HttpExceptions as they are, anything else to a logged 500 (a bug by definition).
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import { PlanChangeNeedsConfirmation } from '../plans/plan-import.service';

/** A refusal that says when to try again (Retry-After). */
export class RetryLater extends DomainError {
  constructor(message: string, readonly retryAfterSeconds: number, path: string) {
    super(DomainErrorCode.TooManyAttempts, message, [{ path, message }]);
  }
}

const STATUS: Record<DomainErrorCode, number> = {
  [DomainErrorCode.PlanInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DomainErrorCode.PlanNotFound]: HttpStatus.NOT_FOUND,
  [DomainErrorCode.PlanChangeNotConfirmed]: HttpStatus.CONFLICT,
  [DomainErrorCode.OrganizationNotFound]: HttpStatus.NOT_FOUND,
  [DomainErrorCode.MeasureNotFound]: HttpStatus.NOT_FOUND,
  [DomainErrorCode.InvalidArgument]: HttpStatus.BAD_REQUEST,
  [DomainErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [DomainErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [DomainErrorCode.Conflict]: HttpStatus.CONFLICT,
  [DomainErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [DomainErrorCode.MeasureNotActive]: HttpStatus.NOT_FOUND,
  [DomainErrorCode.TooManyAttempts]: HttpStatus.TOO_MANY_REQUESTS,
  [DomainErrorCode.Unavailable]: HttpStatus.SERVICE_UNAVAILABLE,
};

@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    // Routes that answer files (CSV) set their headers up front; an error is JSON all the same.
    if (!response.headersSent) response.removeHeader('Content-Disposition');
    if (error instanceof DomainError) {
      if (error instanceof RetryLater) response.setHeader('Retry-After', String(error.retryAfterSeconds));
      response.status(STATUS[error.code]).json({
        statusCode: STATUS[error.code],
        code: error.code,
        message: error.message,
        problems: error.problems,
        ...(error instanceof PlanChangeNeedsConfirmation ? { preview: error.preview } : {}),
      });
      return;
    }
    if (error instanceof HttpException) {
      const body = error.getResponse();
      response.status(error.getStatus()).json(typeof body === 'string' ? { statusCode: error.getStatus(), message: body } : body);
      return;
    }
    const status = (error as { status?: unknown }).status;
    if ((error as { expose?: unknown }).expose === true && typeof status === 'number' && status >= 400 && status < 500) {
      // Errors of the body parser (too large, bad encoding): the client's fault, said as such.
      response.status(status).json({ statusCode: status, code: 'BAD_REQUEST_BODY', message: (error as Error).message, problems: [{ path: '(body)', message: (error as Error).message }] });
      return;
    }
    this.logger.error(error instanceof Error ? error.stack : String(error));
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: 500, code: 'INTERNAL', message: 'internal error' });
  }
}
