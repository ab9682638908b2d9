/**
 * What re-importing a plan would change, entry by entry, so a planner sees the diff before it is
 * applied. Both sides are compared in canonical form: formatting and key order never show up.
 */
import { canonicalJson } from './plan.canonical';
import type { PlanDef } from './plan.types';

export interface PlanChange {
  kind: 'added' | 'removed' | 'changed';
  /** e.g. `measures[M05-I8-I12].steps`, `units[HR]`, `ita.items[I7].score`. */
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface PlanDiff {
  identical: boolean;
  changes: PlanChange[];
}

export function diffPlans(before: PlanDef, after: PlanDef): PlanDiff {
  const changes: PlanChange[] = [];
  compareFields('organization', before.organization, after.organization, changes);
  compareFields('oversight', before.oversight, after.oversight, changes);
  compareKeyed('units', before.units, after.units, (u) => u.code, changes);
  compareKeyed('measures', before.measures, after.measures, (m) => m.code, changes);
  const order = (plan: PlanDef) =>
    plan.measures
      .map((m) => m.code)
      .filter((c) => before.measures.some((b) => b.code === c) && after.measures.some((a) => a.code === c));
  if (canonicalJson(order(before)) !== canonicalJson(order(after))) {
    changes.push({ kind: 'changed', path: 'measures(order)', before: order(before), after: order(after) });
  }
  compareFields(
    'ita',
    { ...before.ita, indicators: undefined, items: undefined },
    { ...after.ita, indicators: undefined, items: undefined },
    changes,
  );
  compareKeyed(
    'ita.indicators',
    before.ita?.indicators ?? [],
    after.ita?.indicators ?? [],
    (i) => String(i.number),
    changes,
  );
  compareKeyed('ita.items', before.ita?.items ?? [], after.ita?.items ?? [], (i) => i.code, changes);
  compareValue('source', before.source, after.source, changes);
  compareValue('corrections', before.corrections, after.corrections, changes);
  return { identical: changes.length === 0, changes };
}

function compareKeyed<T extends object>(
  path: string,
  before: T[],
  after: T[],
  key: (t: T) => string,
  changes: PlanChange[],
): void {
  const old = new Map(before.map((b) => [key(b), b]));
  const now = new Map(after.map((a) => [key(a), a]));
  for (const [k, b] of old) {
    const a = now.get(k);
    if (!a) changes.push({ kind: 'removed', path: `${path}[${k}]`, before: b });
    else compareFields(`${path}[${k}]`, b, a, changes);
  }
  for (const [k, a] of now) if (!old.has(k)) changes.push({ kind: 'added', path: `${path}[${k}]`, after: a });
}

function compareFields(
  path: string,
  before: object | undefined,
  after: object | undefined,
  changes: PlanChange[],
): void {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  for (const field of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
    compareValue(`${path}.${field}`, b[field], a[field], changes);
  }
}

function compareValue(path: string, before: unknown, after: unknown, changes: PlanChange[]): void {
  if (canonicalJson(before ?? null) === canonicalJson(after ?? null)) return;
  if (before === undefined || before === null) changes.push({ kind: 'added', path, after });
  else if (after === undefined || after === null) changes.push({ kind: 'removed', path, before });
  else changes.push({ kind: 'changed', path, before, after });
}
