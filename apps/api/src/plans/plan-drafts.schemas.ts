/**
 * The contracts of plan drafts (docs/plan-drafts.md): the plan document a draft holds, the
 * draft with its lifecycle and validation, its diff against the stored revision, the ITA
 * coverage of its measures, and the bodies of its commands.
 *
 * The document is a plan file's *shape* (types and lists), not its rules: a draft may be saved
 * invalid, and the plan validator, the same as import's, lists what is wrong with its paths. The
 * shape follows the plan types, both ways (compile-time checks below): every plan fits it, and it
 * has every field of the plan types, so a field added to the plan and not here fails to compile
 * rather than being silently dropped from drafts.
 */
import { z } from 'zod';
import { PLAN_DRAFT_SOURCES, PLAN_DRAFT_VIEW_STATUSES } from '@ita/domain/plan/plan-draft';
import { CARRY_OVER_DECISIONS } from '@ita/domain/plan/plan.carry-over';
import type { PlanDef } from '@ita/domain/plan/plan.types';
import {
  ASSESSMENT_TOOLS,
  CADENCES,
  GRADES,
  PRIORITIES,
  RECIPIENTS,
  STAKEHOLDER_GROUPS,
} from '@ita/domain/plan/plan.types';
import { ITA_CLASSES } from '@ita/domain/ita/ita-analysis.types';
import { PLAN_STATUSES } from '@ita/persistence/entities/plan.entity';
import { FieldProblem, Quarter } from '../http/common.schemas';
import { anyJson, component, instant, int, text } from '../http/schema';
import { writtenText } from '../measures/measure.schemas';

// --- the plan document ------------------------------------------------------------------------------

const grade = z.enum(GRADES);
const yearScore = z.object({ year: z.number(), score: z.number(), grade: grade.optional() });

const DocumentStep = z.object({
  number: z.number(),
  text: z.string(),
  quarters: z.array(z.number()).describe('1–4, ascending'),
  owners: z.array(z.string()).describe('unit codes, or ["ALL"]; absent: every responsible unit').optional(),
  scheduleAssumed: z.boolean().describe('true when the quarters are an assumption; otherwise left out').optional(),
});

const DocumentMeasure = z.object({
  code: z.string(),
  stakeholderGroup: z.enum(STAKEHOLDER_GROUPS),
  priority: z.enum(PRIORITIES),
  indicator: z.number(),
  title: z.string(),
  items: z.array(z.object({ code: z.string(), score: z.number().optional(), grade: grade.optional() })),
  steps: z.array(DocumentStep),
  responsibleUnits: z.array(z.string()).describe('unit codes, or ALL'),
  leadUnit: z.string().optional(),
  responsibleText: z.string().optional(),
  monitoringGuidelines: z.array(
    z.object({
      number: z.number(),
      text: z.string(),
      steps: z.array(z.number()).describe('the steps it evidences; absent: every step').optional(),
    }),
  ),
  reporting: z.array(
    z.object({
      cadence: z.enum(CADENCES),
      recipient: z.enum(RECIPIENTS),
      from: text('the reporting unit; absent: the lead unit, else the responsible units').optional(),
      text: z.string().optional(),
    }),
  ),
  incomplete: z.boolean().optional(),
  notes: z.array(z.string()).optional(),
});

export const PlanDocument = component(
  'PlanDocument',
  z.object({
    schemaVersion: z.number(),
    organization: z.object({
      code: z.string(),
      name: z.string(),
      shortName: z.string().optional(),
      nameEn: z.string().optional(),
      settings: z
        .object({
          reportGraceDays: z.number().optional(),
          escalationIntervalDays: z.number().optional(),
          resubmissionDays: z.number().optional(),
          escalateCadences: z.array(z.enum(CADENCES)).optional(),
          itaThresholds: z.object({ urgentBelow: z.number(), strengthAbove: z.number() }).optional(),
        })
        .optional(),
    }),
    fiscalYear: z.number(),
    source: z.object({ document: z.string().optional(), notes: z.array(z.string()).optional() }).optional(),
    units: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        nameEn: z.string().optional(),
        parent: z.string().nullable().optional(),
      }),
    ),
    oversight: z.object({ title: z.string(), titleEn: z.string().optional(), delegatedBy: z.string().optional() }),
    ita: z
      .object({
        assessmentYear: z.number(),
        overall: z.array(yearScore),
        indicators: z.array(
          z.object({
            number: z.number(),
            name: z.string(),
            tool: z.enum(ASSESSMENT_TOOLS),
            scores: z.array(yearScore),
          }),
        ),
        items: z.array(
          z.object({
            code: z.string(),
            indicator: z.number(),
            text: z.string(),
            score: z.number().optional(),
            grade: grade.optional(),
            subItems: z
              .array(z.object({ text: z.string(), score: z.number().optional(), grade: grade.optional() }))
              .optional(),
          }),
        ),
      })
      .optional(),
    measures: z.array(DocumentMeasure),
    corrections: z
      .array(z.object({ path: z.string(), original: z.string(), corrected: z.string(), reason: z.string() }))
      .optional(),
  }),
  'a plan file (docs/plan-file-format.md) as a draft holds it: its shape is checked, its rules are reported by the plan validator',
);

/** Every plan is a document: a plan type the shape does not admit fails here. */
type Admits<T extends z.input<typeof PlanDocument>> = T;
export type PlanIsADocument = Admits<PlanDef>;
/** The keys of T (at any depth) that U lacks: `never` when U has every field of T. */
type MissingKeys<T, U> = T extends readonly (infer A)[]
  ? U extends readonly (infer B)[]
    ? MissingKeys<A, B>
    : never
  : T extends object
    ? { [K in keyof T]-?: K extends keyof U ? MissingKeys<NonNullable<T[K]>, NonNullable<U[K]>> : K }[keyof T]
    : never;
type NoneMissing<T extends never> = T;
/** The document has every field of the plan types (a compile error names the one it lacks). */
export type DocumentHasEveryPlanField = NoneMissing<MissingKeys<PlanDef, z.output<typeof PlanDocument>>>;

// --- the draft ----------------------------------------------------------------------------------------

export const PlanDraftStatus = component('PlanDraftStatus', z.enum(PLAN_DRAFT_VIEW_STATUSES));

export const DraftValidation = component(
  'DraftValidation',
  z.object({
    valid: z.boolean().describe('no problems: it may be submitted'),
    problems: z.array(FieldProblem).describe("the plan validator's (as an import's), each with its path"),
    warnings: z.array(FieldProblem).describe('not wrong, but worth a look (a measure activation would skip)'),
  }),
);

const byAt = z.object({ by: text('username'), at: instant() });
const storedRef = z.object({ revision: int(), status: z.enum(PLAN_STATUSES), contentHash: z.string() });

const draftShape = {
  id: int(),
  organization: z.string(),
  fiscalYear: int(),
  status: PlanDraftStatus,
  revision: int('of the draft: +1 on every saved change; a save names the revision it changes'),
  contentHash: text("SHA-256 of the document's canonical JSON"),
  source: z.enum(PLAN_DRAFT_SOURCES),
  base: z
    .object({ revision: int(), contentHash: z.string() })
    .nullable()
    .describe('the stored plan revision the draft was made from (null: the year had none)'),
  stored: storedRef.nullable().describe("the year's stored plan now (null: none)"),
  baseChanged: z.boolean().describe('the stored plan is no longer the one the draft was made from'),
  measureCount: int(),
  created: byAt,
  updated: byAt,
  submitted: byAt.nullable(),
  returned: byAt.extend({ comment: z.string().nullable() }).nullable().describe('the latest return'),
  approved: byAt
    .extend({
      authority: text('the delegation the approver acted under').nullable(),
      comment: z.string().nullable(),
      revision: int('the stored plan revision it became'),
    })
    .nullable(),
  discarded: byAt.nullable(),
  validation: DraftValidation,
};

export const PlanDraftSummary = component('PlanDraftSummary', z.object(draftShape));
export const PlanDraft = component('PlanDraft', z.object({ ...draftShape, plan: PlanDocument }));

export const PlanDraftDiff = component(
  'PlanDraftDiff',
  z.object({
    draftId: int(),
    draftRevision: int(),
    against: storedRef.nullable().describe('the stored revision compared with (null: the year has no plan yet)'),
    baseHash: text('send as `confirm` to approve: the stored plan the diff was computed against').nullable(),
    kept: z.boolean().describe('an approved draft: the diff as it was when approved, against the revision it replaced'),
    identical: z.boolean(),
    changes: z.array(
      z.object({
        kind: z.enum(['added', 'removed', 'changed']),
        path: text('e.g. measures[M13-E6], measures[M05].steps, units[HR]'),
        before: anyJson().optional(),
        after: anyJson().optional(),
      }),
    ),
  }),
);

const itaClass = z.enum(ITA_CLASSES);
export const PlanDraftCoverage = component(
  'PlanDraftCoverage',
  z.object({
    assessmentYear: int(),
    thresholds: z.object({ urgentBelow: z.number(), strengthAbove: z.number() }),
    items: z.array(
      z.object({
        code: z.string(),
        indicator: int(),
        tool: z.enum(ASSESSMENT_TOOLS),
        text: z.string(),
        score: z.number().nullable(),
        grade: grade.nullable(),
        class: itaClass.nullable().describe('from its own score'),
        worstClass: itaClass.nullable().describe('with its flagged sub-items: what a measure must answer'),
        needsMeasure: z.boolean(),
        subItems: z.array(
          z.object({
            number: int(),
            text: z.string(),
            score: z.number().nullable(),
            class: itaClass.nullable(),
            flagged: z.boolean(),
          }),
        ),
        measures: z.array(z.string()).describe("codes of the draft's measures that address it"),
      }),
    ),
    uncovered: z
      .array(z.object({ code: z.string(), class: itaClass, score: z.number().nullable() }))
      .describe('items that need a measure and have none in the draft, urgent first'),
  }),
);

// --- bodies -------------------------------------------------------------------------------------------

export const CreatePlanDraftBody = component(
  'CreatePlanDraftBody',
  z
    .object({
      source: z
        .enum(PLAN_DRAFT_SOURCES)
        .describe(
          "empty: the organization, units, oversight and ITA results with no measures; stored: a copy of the year's stored plan; document: the plan given; rollover: an earlier year's plan carried over (its measures, steps, owners, guidelines and reporting lines)",
        ),
      plan: PlanDocument.optional().describe('with source "document" only'),
      from: z
        .number()
        .int()
        .min(2500)
        .max(2700)
        .optional()
        .describe('with source "rollover": the fiscal year rolled over (default: the year before)'),
    })
    .superRefine((body, ctx) => {
      if (body.source !== 'rollover' && body.from !== undefined)
        ctx.addIssue({ code: 'custom', path: ['from'], message: `is not taken with source "${body.source}"` });
      if (body.source === 'document' && !body.plan)
        ctx.addIssue({ code: 'custom', path: ['plan'], message: 'is required with source "document"' });
      if (body.source !== 'document' && body.plan)
        ctx.addIssue({ code: 'custom', path: ['plan'], message: `is not taken with source "${body.source}"` });
    }),
);

export const SavePlanDraftBody = component(
  'SavePlanDraftBody',
  z.object({
    revision: int('the revision this changes (the one read)'),
    plan: PlanDocument,
  }),
  'the whole document; saved even when invalid (the answer lists its problems)',
);

export const ValidatePlanDraftBody = component('ValidatePlanDraftBody', z.object({ plan: PlanDocument }));

export const DraftMeasureBody = component(
  'DraftMeasureBody',
  z.object({
    items: z.array(z.string()).describe('ITA item codes, e.g. ["E6"]'),
    code: text('the new measure code; default the next Mnn-<items>').optional(),
    revision: int('the revision this changes; absent: the current one').optional(),
  }),
);

export const ApprovePlanDraftBody = component(
  'ApprovePlanDraftBody',
  z.object({
    confirm: text("the diff's baseHash: required when the year has a stored plan, as for an import")
      .nullable()
      .optional(),
    comment: writtenText(4000).optional(),
  }),
);

export const ReturnPlanDraftBody = component('ReturnPlanDraftBody', z.object({ comment: writtenText(4000) }));

export const UnfinishedStep = component(
  'UnfinishedStep',
  z.object({
    measureCode: z.string(),
    measureTitle: z.string(),
    stepNumber: int(),
    text: z.string(),
    owners: z.array(z.string()).optional(),
    quarters: z.array(Quarter),
    tasks: int('its tasks of that year (withdrawn ones aside)'),
    approved: int('of which approved'),
  }),
  "a step of an earlier year's measure that was not done (some task not approved, or none opened)",
);

export const UnfinishedWork = component(
  'UnfinishedWork',
  z.object({ fromFiscalYear: int(), steps: z.array(UnfinishedStep) }),
);

export const CarryOverBody = component(
  'CarryOverBody',
  z.object({
    from: z.number().int().min(2500).max(2700).describe('the fiscal year whose unfinished work is decided'),
    revision: int('the draft revision the planner decided on').optional(),
    decisions: z
      .array(
        z.object({
          measureCode: z.string().min(1),
          stepNumber: z.number().int().positive(),
          decision: z.enum(CARRY_OVER_DECISIONS),
          quarters: z.array(Quarter).min(1).optional().describe('for carry-over: when it runs (default Q1)'),
          reason: z.string().trim().min(1, 'is required').max(1000),
        }),
      )
      .min(1),
  }),
  'what the planner decides for each unfinished step: carry it over as a step of the draft, or drop it, and why',
);
