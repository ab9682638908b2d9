/** @Idempotent(): a command route that takes an Idempotency-Key, with the interceptor and its documentation in one. */
import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiErrorResponse } from '../http/common.schemas';
import { IDEMPOTENCY_KEY_HEADER, MAX_IDEMPOTENCY_KEY_LENGTH } from './idempotency-key';
import { IdempotencyInterceptor } from './idempotency.interceptor';

export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        `A fresh random value (e.g. a UUID) per command, at most ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters; ` +
        'resend it with a retry. The same key with the same request gets the first answer again (status and body, header ' +
        'Idempotency-Replayed: true), even after a restart, and the command is done once; the same key with a different request is a 422; ' +
        'while the first request is still being answered, a 409 with Retry-After. A 503 is not kept: retrying with the same key is safe. ' +
        'Keys belong to the signed-in user and are kept for 7 days. Without a key, a repeated command is judged again (409 once done).',
      schema: { type: 'string', maxLength: MAX_IDEMPOTENCY_KEY_LENGTH },
    }),
    ApiErrorResponse(422, 'the Idempotency-Key was already used for a different request'),
  );
