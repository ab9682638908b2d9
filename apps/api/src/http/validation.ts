/**
 * A request body checked against its schema by nestjs-zod's pipe: a 400 in the project's envelope
 * with every problem at once, each naming its field as the plan validator does (evidence[0].url).
 */
import { createZodValidationPipe } from 'nestjs-zod';
import { z } from 'zod';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';

/** A zod issue's path as the project writes field paths: `measures[3].steps[1]`, or `(body)`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  const text = path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`)).join('');
  return text || '(body)';
}

/** Every problem of a failed parse, in order, each with its path. */
export function problemsOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: fieldPath(issue.path), message: issue.message }));
}

const ZodBodyPipe = createZodValidationPipe({
  createValidationException: (error) => {
    const problems = problemsOf(error as z.ZodError);
    const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    return new DomainError(DomainErrorCode.InvalidArgument, `the request body is invalid: ${summary}`, problems);
  },
});

/** @Body(valid(Schema)): the body, parsed; an absent body is checked as `{}`. */
export const valid = (schema: z.ZodType) => new ZodBodyPipe(z.preprocess((body) => body ?? {}, schema));
