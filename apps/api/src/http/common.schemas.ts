/**
 * The pieces every contract shares: the enumerations (declared in the domain, named here for the
 * document) and the one error envelope every 4xx and 5xx answer has.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { ROLES } from '@ita/domain/access/actor';
import { DomainErrorCode } from '@ita/domain/domain-error';
import { QUARTERS, type Quarter as QuarterNumber } from '@ita/domain/fiscal-calendar';
import { PROGRESS, REPORT_STATUSES, TASK_STATUSES } from '@ita/domain/measure/measure.types';
import { CADENCES, GRADES, RECIPIENTS } from '@ita/domain/plan/plan.types';
import { component, ref, text } from './schema';

// --- enumerations ---------------------------------------------------------------------------------

export const Role = component('Role', z.enum(ROLES));
export const Quarter = component(
  'Quarter',
  z.literal(QUARTERS as QuarterNumber[]),
  'fiscal quarter: 1 is Oct–Dec … 4 is Jul–Sep',
);
export const TaskStatus = component('TaskStatus', z.enum(TASK_STATUSES));
export const ReportStatus = component('ReportStatus', z.enum(REPORT_STATUSES));
export const Progress = component('Progress', z.enum(PROGRESS));
export const Cadence = component('Cadence', z.enum(CADENCES));
export const Grade = component('Grade', z.enum(GRADES));
export const Recipient = component('Recipient', z.enum(RECIPIENTS), 'who a report goes to');

// --- errors ---------------------------------------------------------------------------------------

/** The codes of refusals made by the HTTP layer itself, beside the domain's. */
export const HTTP_ERROR_CODES = [
  'BAD_REQUEST_BODY',
  'NO_SUCH_ROUTE',
  'UNSUPPORTED_MEDIA_TYPE',
  'HTTP_ERROR',
  'INTERNAL',
] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

export const FieldProblem = component(
  'FieldProblem',
  z.object({
    path: text('the field, e.g. measures[3].steps[1].quarters[0], or (body)'),
    message: z.string(),
  }),
);

const errorShape = {
  statusCode: z.number().int().describe('the HTTP status'),
  code: z.enum([...Object.values(DomainErrorCode), ...HTTP_ERROR_CODES]),
  message: text('in English, for people'),
  problems: z.array(FieldProblem).describe('each problem, naming the field it is about'),
};
export const ErrorBody = component('ErrorBody', z.object(errorShape), 'every 4xx and 5xx answer');
export const errorShapeWith = <T extends z.ZodRawShape>(more: T) => z.object({ ...errorShape, ...more });

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'an argument is invalid: each problem names its field',
  401: 'not signed in, or the access token is invalid or expired',
  403: 'not allowed for your role, unit or organization',
  404: 'not found (the problem names which parameter)',
  409: 'conflicts with the current state',
  413: 'the body is too large',
  415: 'the body is not JSON (Content-Type application/json, UTF-8)',
  422: 'the plan file is invalid: every problem with its path',
  429: 'too many failed sign-ins: wait for Retry-After seconds',
  503: 'a service it depends on is unavailable; try again later',
};

/** One error answer with the common error body; the description defaults to what the status means here. */
export const ApiErrorResponse = (status: number, description = ERROR_DESCRIPTIONS[status] ?? '') =>
  ApiResponse({ status, description, schema: ref(ErrorBody) });

/** The error answers a controller's routes share (class-level). */
export const ApiErrorResponses = (...statuses: number[]) =>
  applyDecorators(...statuses.map((status) => ApiErrorResponse(status)));
