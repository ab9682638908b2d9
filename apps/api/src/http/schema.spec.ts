import { z } from 'zod';
import '../audit/audit.schemas';
import '../auth/auth.schemas';
import '../evidence/evidence.schemas';
import '../health/health.schemas';
import '../measures/measure.schemas';
import { SubmitTaskBody } from '../measures/measure.schemas';
import '../plans/plan.schemas';
import { componentSchemas } from './schema';
import { fieldPath, problemsOf } from './validation';

/** Every value of `key` anywhere in `node`, with the object it was found in. */
function collect(node: unknown, key: string): Array<{ value: unknown; owner: Record<string, unknown> }> {
  if (Array.isArray(node)) return node.flatMap((item) => collect(item, key));
  if (node === null || typeof node !== 'object') return [];
  const owner = node as Record<string, unknown>;
  return Object.entries(owner).flatMap(([k, v]) => [...(k === key ? [{ value: v, owner }] : []), ...collect(v, key)]);
}

describe('the API contract declared with zod', () => {
  const schemas = componentSchemas();

  it('refers only to components it defines, with nothing beside a $ref', () => {
    const refs = collect(schemas, '$ref');
    expect(refs.length).toBeGreaterThan(50);
    const dangling = refs
      .map(({ value }) => String(value))
      .filter((v) => !v.startsWith('#/components/schemas/') || !(v.split('/').pop()! in schemas));
    expect(dangling).toEqual([]);
    expect(refs.filter(({ owner }) => Object.keys(owner).length !== 1)).toEqual([]);
  });

  it('requires only properties it defines, and pages every list the same way', () => {
    const wrong = collect(schemas, 'required')
      .filter(({ value }) => Array.isArray(value))
      .flatMap(({ value, owner }) =>
        (value as string[]).filter((k) => !(k in ((owner.properties as object | undefined) ?? {}))),
      );
    expect(wrong).toEqual([]);
    for (const name of ['TaskPage', 'ReportPage', 'EscalationPage', 'AuditEntryPage']) {
      const page = schemas[name] as { required: string[]; properties: { items: unknown } };
      expect(page.required).toEqual(['items', 'total', 'page', 'pageSize']);
      expect(page.properties.items).toEqual({
        type: 'array',
        items: { $ref: `#/components/schemas/${name.replace(/Page$/, '')}` },
      });
    }
  });

  it('takes its lists from the domain', () => {
    expect(schemas.TaskStatus).toEqual({
      type: 'string',
      enum: ['open', 'submitted', 'returned', 'approved', 'withdrawn', 'not-done', 'not-decided'],
    });
    expect(schemas.Cadence).toEqual({ type: 'string', enum: ['semiannual', 'yearly', 'monthly'] });
    expect((schemas.AuditAction as { enum: string[] }).enum).toContain('plan.activated');
  });

  it('reports every problem of a body at once, each with its path', () => {
    const result = SubmitTaskBody.safeParse({ note: 5, progress: 123, evidence: [{ kind: 'x' }] });
    expect(result.success).toBe(false);
    expect(problemsOf(result.error!).map((p) => p.path)).toEqual([
      'note',
      'progress',
      'evidence[0].kind',
      'evidence[0].url',
      'evidence[0].name',
      'evidence[0].guidelines',
    ]);
    expect(fieldPath([])).toBe('(body)');
    expect(fieldPath(['measures', 3, 'steps', 1, 'quarters', 0])).toBe('measures[3].steps[1].quarters[0]');
    expect(z.object({ a: z.string() }).safeParse({}).error?.issues[0].path).toEqual(['a']);
  });
});
