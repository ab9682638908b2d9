/**
 * A plan revision written in the app before it is stored: a draft is a whole plan document for
 * one organization and fiscal year, saved as often as the planner likes (valid or not: it is a
 * draft), submitted for review once the plan validator finds nothing, then approved by whoever
 * holds the Director's oversight (it becomes the stored plan revision, as an import would) or
 * returned with a comment. The lifecycle's rules live here, once; the store and the API ask.
 */
import type { FieldProblem } from '../domain-error';
import { validatePlan } from './plan.validator';
import type { ItaResultsDef, OrganizationDef, OversightDef, PlanDef, UnitDef } from './plan.types';
import { PLAN_SCHEMA_VERSION } from './plan.types';

/** As stored. `returned` is editable again, like `draft`; `approved` and `discarded` are final. */
export const PLAN_DRAFT_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'discarded'] as const;
export type PlanDraftStatus = (typeof PLAN_DRAFT_STATUSES)[number];
/**
 * As shown: an approved draft whose revision is the year's stored plan is `active` once that plan
 * is activated (activation itself is the existing path and knows nothing of drafts).
 */
export const PLAN_DRAFT_VIEW_STATUSES = [...PLAN_DRAFT_STATUSES, 'active'] as const;
export type PlanDraftViewStatus = (typeof PLAN_DRAFT_VIEW_STATUSES)[number];

/** Where a new draft's document comes from: the organization's frame with no measures, the year's stored plan, or a document given whole. */
export const PLAN_DRAFT_SOURCES = ['empty', 'stored', 'document', 'rollover'] as const;
export type PlanDraftSource = (typeof PLAN_DRAFT_SOURCES)[number];

/** The commands on a draft and the statuses each may start from. */
export const PLAN_DRAFT_TRANSITIONS = {
  update: ['draft', 'returned'],
  submit: ['draft', 'returned'],
  return: ['submitted'],
  approve: ['submitted'],
  discard: ['draft', 'submitted', 'returned'],
} as const satisfies Record<string, readonly PlanDraftStatus[]>;
export type PlanDraftCommand = keyof typeof PLAN_DRAFT_TRANSITIONS;

/** At most one draft per organization and year is open (being written or reviewed) at a time. */
export const OPEN_PLAN_DRAFT_STATUSES: readonly PlanDraftStatus[] = ['draft', 'submitted', 'returned'];

export function draftAllows(command: PlanDraftCommand, status: PlanDraftStatus): boolean {
  return (PLAN_DRAFT_TRANSITIONS[command] as readonly PlanDraftStatus[]).includes(status);
}

export function viewStatus(
  status: PlanDraftStatus,
  approvedRevision: number | null,
  stored: { revision: number; status: string } | null,
): PlanDraftViewStatus {
  return status === 'approved' && stored?.status === 'active' && stored.revision === approvedRevision
    ? 'active'
    : status;
}

export interface DraftCheck {
  /** No problems: the draft may be submitted (and, when approved, stored). */
  valid: boolean;
  /** The plan validator's problems (the same as an import's), and the draft's own: it must stay its organization's and year's. */
  problems: FieldProblem[];
  /** Not wrong, but worth a look before submitting (a measure activation would skip). */
  warnings: FieldProblem[];
}

/** Checks a draft's document as import would, and that it is still the plan of its organization and year. */
export function checkDraft(document: unknown, organization: string, fiscalYear: number): DraftCheck {
  const validation = validatePlan(document);
  const problems = validation.ok ? [] : [...validation.problems];
  const doc = (document ?? {}) as Partial<PlanDef>;
  if (typeof doc.organization?.code === 'string' && doc.organization.code !== organization)
    problems.push({
      path: 'organization.code',
      message: `is "${doc.organization.code}"; this is a draft of ${organization}`,
    });
  if (typeof doc.fiscalYear === 'number' && doc.fiscalYear !== fiscalYear)
    problems.push({
      path: 'fiscalYear',
      message: `is ${doc.fiscalYear}; this is a draft for fiscal year ${fiscalYear}`,
    });
  const warnings: FieldProblem[] = [];
  (Array.isArray(doc.measures) ? doc.measures : []).forEach((m, i) => {
    if (m?.incomplete === true)
      warnings.push({
        path: `measures[${i}].incomplete`,
        message: 'is set: activation skips this measure (clear it once the measure is complete)',
      });
  });
  return { valid: problems.length === 0, problems, warnings };
}

/** The frame a new, empty draft starts from: who the organization is, its units and oversight, the ITA results it answers. */
export interface DraftFrame {
  organization: OrganizationDef;
  units: UnitDef[];
  oversight?: OversightDef;
  ita?: ItaResultsDef;
}

/** A draft with no measures yet (invalid until one is written: a plan has at least one). */
export function emptyPlanDocument(frame: DraftFrame, fiscalYear: number): PlanDef {
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    organization: frame.organization,
    fiscalYear,
    units: frame.units,
    oversight: frame.oversight ?? { title: 'ผู้อำนวยการ' },
    ...(frame.ita ? { ita: frame.ita } : {}),
    measures: [],
  };
}
