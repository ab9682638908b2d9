/**
 * A plan's normal form: defaults filled in, empty optionals dropped, keys in a fixed order.
 * Two plans mean the same exactly when their canonical JSON is equal, whichever way they were
 * written or stored, so the content hash and the diff both start from here.
 */
import type { MeasureDef, PlanDef } from './plan.types';

export function normalizePlan(plan: PlanDef): PlanDef {
  return canonicalize({
    ...plan,
    units: plan.units.map((u) => ({ ...u, parent: u.parent ?? undefined })),
    measures: plan.measures.map(normalizeMeasure),
    corrections: plan.corrections?.length ? plan.corrections : undefined,
  }) as PlanDef;
}

function normalizeMeasure(m: MeasureDef): MeasureDef {
  return {
    ...m,
    incomplete: m.incomplete === true,
    notes: m.notes?.length ? m.notes : undefined,
  };
}

/** Stable JSON: object keys sorted, undefined and null members dropped, arrays kept in order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value));
}

function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined && v !== null) out[key] = canonicalize(v);
    }
    return out;
  }
  return value;
}
