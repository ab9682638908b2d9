/**
 * Runs a command route idempotently when the request carries an Idempotency-Key (see
 * IdempotencyService): replays a stored answer, or runs the handler under a claim and stores
 * what it answered. Without the header the route runs as it always did. Guards run before
 * interceptors, so a caller refused by authorization never touches a key.
 */
import { CallHandler, createParamDecorator, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, concatMap, from, Observable, of, switchMap, throwError } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/access';
import { ReplayedRefusal } from '../http/domain-exception.filter';
import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey } from './idempotency-key';
import { ActiveClaim, IdempotencyClaim, IdempotencyService } from './idempotency.service';

interface IdempotentRequest extends AuthenticatedRequest {
  idempotency?: ActiveClaim;
}

/** Said on a replayed answer, so a client (and a test) can tell it was not run again. */
export const REPLAYED_HEADER = 'Idempotency-Replayed';

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly idempotency: IdempotencyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<IdempotentRequest>();
    const response = http.getResponse<Response>();
    return from(
      (async () => {
        const key = parseIdempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()]);
        if (key === undefined || !request.principal) return next.handle();
        const begun = await this.idempotency.begin(
          request.principal,
          key,
          {
            method: request.method,
            route: (request.route as { path?: string } | undefined)?.path ?? request.path,
            params: request.params as Record<string, string>,
            body: request.body,
          },
          response.statusCode,
        );
        if ('replay' in begun) {
          response.setHeader(REPLAYED_HEADER, 'true');
          // A stored refusal is answered as a refusal (by the exception filter), so nothing that
          // shapes successful answers, such as the answer's schema, is applied to it.
          if (begun.replay.status >= 400)
            return throwError(() => new ReplayedRefusal(begun.replay.status, begun.replay.body));
          response.status(begun.replay.status);
          return of(begun.replay.body);
        }
        const claim = begun.claim;
        request.idempotency = claim;
        return next.handle().pipe(
          concatMap(async (body) => {
            await this.idempotency.finish(claim, response.statusCode, body);
            return body;
          }),
          catchError((error) =>
            from(this.idempotency.fail(claim, error)).pipe(concatMap(() => throwError(() => error))),
          ),
        );
      })(),
    ).pipe(switchMap((answer) => answer));
  }
}

/** The claim of the request's Idempotency-Key, for the handler to pass on; undefined without a key. */
export const CommandClaim = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): IdempotencyClaim | undefined =>
    ctx.switchToHttp().getRequest<IdempotentRequest>().idempotency,
);
