import type { OpenAPIObject } from '@nestjs/swagger';
import { addApiSchemas, API_SCHEMAS, pageRef, ref } from './api-schemas';

interface Found {
  path: string;
  value: unknown;
  /** The object the key was found in. */
  owner: Record<string, unknown>;
}

/** Every occurrence of `key` anywhere in `node`, with where it was found. */
function collect(node: unknown, key: string, path = '#'): Found[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => collect(item, key, `${path}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  const owner = node as Record<string, unknown>;
  return Object.entries(owner).flatMap(([k, v]) => [
    ...(k === key ? [{ path, value: v, owner }] : []),
    ...collect(v, key, `${path}/${k}`),
  ]);
}

const PREFIX = '#/components/schemas/';

describe('API component schemas', () => {
  it('reference only components that are defined', () => {
    const refs = collect(API_SCHEMAS, '$ref');
    expect(refs.length).toBeGreaterThan(50);
    const dangling = refs.filter(
      ({ value }) =>
        typeof value !== 'string' || !value.startsWith(PREFIX) || !(value.slice(PREFIX.length) in API_SCHEMAS),
    );
    expect(dangling.map(({ path, value }) => `${path}: ${String(value)}`)).toEqual([]);
  });

  it('put nothing beside a $ref (OpenAPI 3.0 ignores it; a nullable reference goes through allOf)', () => {
    const crowded = collect(API_SCHEMAS, '$ref').filter(({ owner }) => Object.keys(owner).length !== 1);
    expect(crowded.map(({ path }) => path)).toEqual([]);
  });

  it('require only properties they define', () => {
    const wrong = collect(API_SCHEMAS, 'required')
      .filter(({ value }) => Array.isArray(value))
      .flatMap(({ path, value, owner }) =>
        (value as string[])
          .filter((k) => !(k in ((owner.properties as object | undefined) ?? {})))
          .map((k) => `${path}: ${k}`),
      );
    expect(wrong).toEqual([]);
  });

  it('wrap every page with its items, total, page and pageSize', () => {
    for (const name of ['TaskPage', 'ReportPage', 'EscalationPage', 'AuditEntryPage'] as const) {
      expect(API_SCHEMAS[name].required).toEqual(['items', 'total', 'page', 'pageSize']);
      expect(API_SCHEMAS[name].properties?.items).toEqual({
        type: 'array',
        items: { $ref: `${PREFIX}${name.replace(/Page$/, '')}` },
      });
    }
    expect(pageRef('Task')).toEqual({ $ref: `${PREFIX}TaskPage` });
    expect(ref('ErrorBody')).toEqual({ $ref: `${PREFIX}ErrorBody` });
  });

  it('are added to a document beside the schemas Nest made, leaving the input as it was', () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {},
      components: { schemas: { Own: { type: 'object' } } },
    } as OpenAPIObject;
    const merged = addApiSchemas(document);
    expect(Object.keys(merged.components?.schemas ?? {}).sort()).toEqual(['Own', ...Object.keys(API_SCHEMAS)].sort());
    expect(Object.keys(document.components?.schemas ?? {})).toEqual(['Own']);
    expect(addApiSchemas({ ...document, components: undefined }).components?.schemas).toEqual(API_SCHEMAS);
  });
});
