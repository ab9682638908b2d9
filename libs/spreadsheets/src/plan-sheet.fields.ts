/**
 * Every field of a plan that the workbook has a cell for. The writer refuses a plan with any other
 * field (a newer plan type, or a stray key in an imported file) instead of dropping it without a
 * word, since the content hash would then change on the way back.
 */
import type { PlanDef } from '@ita/domain/plan/plan.types';

type Shape = true | { readonly [key: string]: Shape } | readonly [Shape];

const YEAR_SCORE = { year: true, score: true, grade: true } as const;

const PLAN_SHAPE: Shape = {
  schemaVersion: true,
  organization: {
    code: true,
    name: true,
    shortName: true,
    nameEn: true,
    settings: {
      reportGraceDays: true,
      escalationIntervalDays: true,
      resubmissionDays: true,
      escalateCadences: true,
      itaThresholds: { urgentBelow: true, strengthAbove: true },
    },
  },
  fiscalYear: true,
  source: { document: true, notes: true },
  units: [{ code: true, name: true, nameEn: true, parent: true }],
  oversight: { title: true, titleEn: true, delegatedBy: true },
  ita: {
    assessmentYear: true,
    overall: [YEAR_SCORE],
    indicators: [{ number: true, name: true, tool: true, scores: [YEAR_SCORE] }],
    items: [
      {
        code: true,
        indicator: true,
        text: true,
        score: true,
        grade: true,
        subItems: [{ text: true, score: true, grade: true }],
      },
    ],
  },
  measures: [
    {
      code: true,
      stakeholderGroup: true,
      priority: true,
      indicator: true,
      title: true,
      items: [{ code: true, score: true, grade: true }],
      steps: [{ number: true, text: true, quarters: true, owners: true, scheduleAssumed: true }],
      responsibleUnits: true,
      responsibleText: true,
      leadUnit: true,
      monitoringGuidelines: [{ number: true, text: true, steps: true }],
      reporting: [{ cadence: true, recipient: true, text: true, from: true }],
      incomplete: true,
      notes: true,
    },
  ],
  corrections: [{ path: true, original: true, corrected: true, reason: true }],
};

/** Paths of the plan's fields that have no cell, or a value its cell cannot give back. */
export function unmappedFields(plan: PlanDef): string[] {
  const out: string[] = [];
  walk(plan, PLAN_SHAPE, '', out);
  plan.measures.forEach((m, mi) =>
    m.steps.forEach((s, si) => {
      // The assumed-schedule cell is a mark: it holds true or nothing.
      const assumed = (s as { scheduleAssumed?: unknown }).scheduleAssumed;
      if (assumed !== undefined && assumed !== true) out.push(`measures[${mi}].steps[${si}].scheduleAssumed`);
    }),
  );
  return out;
}

function walk(value: unknown, shape: Shape, path: string, out: string[]): void {
  if (shape === true || value === null || typeof value !== 'object') return;
  if (Array.isArray(shape)) {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, shape[0], `${path}[${i}]`, out));
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    const at = path ? `${path}.${key}` : key;
    const sub = (shape as Record<string, Shape>)[key];
    if (sub === undefined) out.push(at);
    else walk(v, sub, at, out);
  }
}
