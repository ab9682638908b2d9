/**
 * Maps errors to HTTP answers: DomainError codes to 4xx with the problems (each naming its field),
 * Nest's own HttpExceptions as they are, an unreachable database or Temporal to 503 with
 * Retry-After, anything else to a logged 500 (a bug by definition). The idempotency interceptor
 * stores the same answer (errorAnswer) so a repeated request gets it again.
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { isDatabaseUnavailable } from '@ita/persistence/database-errors';
import { ZodSerializationException } from 'nestjs-zod';
import { PlanChangeNeedsConfirmation } from '../plans/plan-import.service';
import type { HttpErrorCode } from './common.schemas';

/** A refusal that says when to try again (Retry-After): too many sign-ins, or a service that is down. */
export class RetryLater extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    path?: string,
    code = DomainErrorCode.TooManyAttempts,
  ) {
    super(code, message, path ? [{ path, message }] : []);
  }
}

/** A refusal stored under an Idempotency-Key, answered again as it was first answered. */
export class ReplayedRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super('a stored refusal, replayed');
  }
}

/** How long a client is told to wait when a service it needs is down (Temporal, the database). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
export const DATABASE_UNAVAILABLE_MESSAGE =
  'ฐานข้อมูลไม่พร้อมใช้งานชั่วคราว กรุณาลองใหม่อีกครั้ง / The database is unavailable right now; try again shortly';

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
  [DomainErrorCode.IdempotencyKeyReused]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DomainErrorCode.IdempotencyKeyInProgress]: HttpStatus.CONFLICT,
};

/** An error as the HTTP answer it becomes; `bug` when it is a 500 to log. */
export interface ErrorAnswer {
  status: number;
  body: Record<string, unknown>;
  retryAfterSeconds?: number;
  bug?: boolean;
}

export function errorAnswer(error: unknown): ErrorAnswer {
  if (error instanceof ReplayedRefusal) return { status: error.status, body: error.body as Record<string, unknown> };
  if (error instanceof DomainError) {
    const status = STATUS[error.code];
    return {
      status,
      body: {
        statusCode: status,
        code: error.code,
        message: error.message,
        problems: error.problems,
        ...(error instanceof PlanChangeNeedsConfirmation ? { preview: error.preview } : {}),
      },
      retryAfterSeconds:
        error instanceof RetryLater
          ? error.retryAfterSeconds
          : error.code === DomainErrorCode.Unavailable
            ? UNAVAILABLE_RETRY_AFTER_SECONDS
            : undefined,
    };
  }
  // An answer that does not fit its own schema: our bug, never the client's.
  if (error instanceof ZodSerializationException) return internalError();
  if (error instanceof HttpException) return httpExceptionAnswer(error);
  const status = (error as { status?: unknown } | undefined)?.status;
  if (
    (error as { expose?: unknown } | undefined)?.expose === true &&
    typeof status === 'number' &&
    status >= 400 &&
    status < 500
  ) {
    // Errors of the body parser (too large, bad encoding): the client's fault, said as such.
    const message = (error as Error).message;
    return {
      status,
      body: { statusCode: status, code: 'BAD_REQUEST_BODY', message, problems: [{ path: '(body)', message }] },
    };
  }
  if (isDatabaseUnavailable(error)) {
    // The store is down or restarting, not a bug: nothing was decided, so the client may retry.
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
      body: {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        code: DomainErrorCode.Unavailable,
        message: DATABASE_UNAVAILABLE_MESSAGE,
        problems: [],
      },
    };
  }
  return internalError();
}

function internalError(): ErrorAnswer {
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { statusCode: 500, code: 'INTERNAL' satisfies HttpErrorCode, message: 'internal error', problems: [] },
    bug: true,
  };
}

/**
 * Nest's own refusals in the project's envelope: an unknown route or method (404, path
 * "(route)"), a body its JSON parser could not read (400, path "(body)"), and any other.
 */
function httpExceptionAnswer(error: HttpException): ErrorAnswer {
  const status = error.getStatus();
  const raw = error.getResponse();
  const said = typeof raw === 'string' ? raw : String((raw as { message?: unknown }).message ?? error.message);
  const route = /^Cannot (\w+) (.*)$/.exec(said);
  if (status === HttpStatus.NOT_FOUND && route) {
    const message = `there is no ${route[1]} ${route[2]}: see /api/docs for the routes and their methods`;
    return {
      status,
      body: {
        statusCode: status,
        code: 'NO_SUCH_ROUTE',
        message,
        problems: [{ path: '(route)', message: `no ${route[1]} route here` }],
      },
    };
  }
  if (status === HttpStatus.BAD_REQUEST) {
    const message = `the body is not valid JSON: ${said}`;
    return {
      status,
      body: { statusCode: status, code: 'BAD_REQUEST_BODY', message, problems: [{ path: '(body)', message }] },
    };
  }
  return {
    status,
    body: {
      statusCode: status,
      code: 'HTTP_ERROR' satisfies HttpErrorCode,
      message: said,
      problems: [{ path: '(request)', message: said }],
    },
  };
}

@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    // Routes that answer files (CSV) set their headers up front; an error is JSON all the same.
    if (!response.headersSent) response.removeHeader('Content-Disposition');
    const answer = errorAnswer(error);
    if (error instanceof ZodSerializationException)
      this.logger.error(`an answer does not fit its schema: ${JSON.stringify(error.getZodError())}`);
    else if (answer.bug) this.logger.error(error instanceof Error ? error.stack : String(error));
    else if (answer.status === HttpStatus.SERVICE_UNAVAILABLE)
      this.logger.warn(`503: ${error instanceof Error ? error.message : String(error)}`);
    if (answer.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(answer.retryAfterSeconds));
    response.status(answer.status).json(answer.body);
  }
}
