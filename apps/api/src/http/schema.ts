/**
 * How the API declares a contract: once, as a zod schema. A schema named with `component()`
 * becomes a component of the OpenAPI document (and so a type of the web app's generated client);
 * `@ApiAnswer(schema)` on a handler documents the answer, checks at compile time that the handler
 * returns that shape, and strips at run time whatever the schema does not declare; a request body
 * is a `BodyOf(schema)` class that the validation pipe checks, reporting every problem with its path.
 * The lists inside (statuses, cadences, roles, actions) come from the domain, where they are declared.
 */
import { applyDecorators, HttpCode } from '@nestjs/common';
import { ApiBody, ApiParam, ApiResponse } from '@nestjs/swagger';
import { ZodSerializerDto } from 'nestjs-zod';
import { z } from 'zod';
import type { DomainError } from '@ita/domain/domain-error';
import { parseDate } from './params';

/** The API's named schemas: each becomes #/components/schemas/{id} in the document. */
export const apiComponents = z.registry<{ id: string; description?: string }>();
const ids = new Set<string>();

/** A schema registered under a name: the document refers to it as #/components/schemas/{id}. */
export function component<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  if (ids.has(id) || apiComponents.has(schema)) throw new Error(`schema ${id} is declared twice`);
  ids.add(id);
  apiComponents.add(schema, description ? { id, description } : { id });
  return schema;
}

/** The document's components, made by zod from the registry (OpenAPI 3.0 dialect). */
export function componentSchemas(): Record<string, object> {
  const { schemas } = z.toJSONSchema(apiComponents, {
    target: 'openapi-3.0',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return JSON.parse(JSON.stringify(schemas), tidy) as Record<string, object>;
}

/** Leaves out what OpenAPI 3.0 has no use for: a schema's $id, and an integer's safe-integer bounds. */
function tidy(this: Record<string, unknown>, key: string, value: unknown): unknown {
  if (key === '$id') return undefined;
  if ((key === 'minimum' || key === 'maximum') && Math.abs(value as number) === Number.MAX_SAFE_INTEGER)
    return undefined;
  return value;
}

/** A reference to a named schema, a list of one (`[Task]`) or one of several (z.union), as the document writes it. */
export function ref(schema: z.ZodType | [z.ZodType]): object {
  if (Array.isArray(schema)) return { type: 'array', items: ref(schema[0]) };
  if (schema instanceof z.ZodUnion && !apiComponents.has(schema))
    return { oneOf: schema.options.map((o) => ref(o as z.ZodType)) };
  const id = apiComponents.get(schema)?.id;
  if (!id) throw new Error('only a component() schema can be referred to');
  return { $ref: `#/components/schemas/${id}` };
}

// --- pieces every contract uses -------------------------------------------------------------------

/** An instant, as the API writes it (ISO 8601 in UTC). */
export const instant = (description?: string) => withDescription(z.string().meta({ format: 'date-time' }), description);
/** A calendar day YYYY-MM-DD (Bangkok). */
export const day = (description?: string) => withDescription(z.string().meta({ format: 'date' }), description);
export const int = (description?: string) => withDescription(z.number().int(), description);
export const text = (description?: string) => withDescription(z.string(), description);
/** Any JSON value (a recorded before/after state). */
export const anyJson = (description?: string) => withDescription(z.unknown(), description);

function withDescription<T extends z.ZodType>(schema: T, description?: string): T {
  return description ? (schema.describe(description) as T) : schema;
}

/** A page of a list: the items, how many match in all, and which page this is. */
export function pageOf<T extends z.ZodType>(id: string, item: T) {
  return component(
    `${id}Page`,
    z.object({
      items: z.array(item),
      total: int('items matching the filter, on all pages'),
      page: int('1-based'),
      pageSize: int(),
    }),
  );
}

// --- answers and bodies --------------------------------------------------------------------------

type Answer = z.ZodType | [z.ZodType];
type Shape<A extends Answer> = A extends [infer T extends z.ZodType] ? Array<z.input<T>> : z.input<A & z.ZodType>;
/** A handler whose answer has this shape (possibly returned as a promise). */
type Answering<A extends Answer> = Pick<
  TypedPropertyDescriptor<(...args: never[]) => Shape<A> | Promise<Shape<A>>>,
  'value'
>;

/**
 * The handler answers `schema` (a component, or `[component]` for a list) with 200 or `status`:
 * documented, checked at compile time against what the handler returns, and serialized through
 * the schema (what it does not declare is not sent; an answer that does not fit is our bug, a 500).
 */
export function ApiAnswer<A extends Answer>(schema: A, options: { status?: number; description?: string } = {}) {
  const status = options.status ?? 200;
  const decorators = [
    ZodSerializerDto(Array.isArray(schema) ? z.array(schema[0]) : schema),
    ApiResponse({ status, description: options.description ?? '', schema: ref(schema) }),
    ...(options.status ? [HttpCode(options.status)] : []),
  ];
  return (target: object, key: string | symbol, descriptor: Answering<A>) => {
    applyDecorators(...decorators)(target, key, descriptor as PropertyDescriptor);
  };
}

/** The handler answers 204 No Content: done, and nothing to say (the handler returns nothing). */
export const ApiNoContent = (description: string) =>
  applyDecorators(HttpCode(204), ApiResponse({ status: 204, description }));

/** A further documented answer of the route (another status), not serialized. */
export const ApiAlsoAnswers = (status: number, schema: Answer, description = '') =>
  ApiResponse({ status, description, schema: ref(schema) });

/** The request body's schema, documented (the handler's @Body(valid(schema)) checks it). */
export const ApiBodyOf = (schema: z.ZodType, options: { required?: boolean; description?: string } = {}) =>
  ApiBody({ required: options.required ?? true, description: options.description, schema: ref(schema) });

// --- path parameters ------------------------------------------------------------------------------

const PATH_PARAMS = {
  organization: 'organization code, e.g. TCEB',
  fiscalYear: 'Buddhist-era fiscal year, e.g. 2565',
  code: 'measure code',
  taskKey: 'task key',
  reportKey: 'report key',
} as const;

/** Path parameters of a route that takes them all at once (@Param() p), which Nest cannot see. */
export const ApiPathParams = (...names: Array<keyof typeof PATH_PARAMS>) =>
  applyDecorators(...names.map((name) => ApiParam({ name, type: String, description: PATH_PARAMS[name] })));

/** A response body that is a file, in any of these media types. */
export const binaryContent = (types: string[]): Record<string, { schema: { type: 'string'; format: 'binary' } }> =>
  Object.fromEntries(types.map((type) => [type, { schema: { type: 'string', format: 'binary' } as const }]));

/**
 * A calendar day YYYY-MM-DD in a body, checked by the same rule as a day in a query (a
 * Buddhist-era year is named as the mistake it is).
 */
export const calendarDay = (description?: string) =>
  day(description).superRefine((raw, ctx) => {
    try {
      parseDate('', raw);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as DomainError).problems[0]?.message ?? String(error) });
    }
  });
