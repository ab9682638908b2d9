/** The contracts of organizations, plans, their measures and ITA results, import and activation. */
import { z } from 'zod';
import { ASSESSMENT_TOOLS, PRIORITIES, STAKEHOLDER_GROUPS } from '@ita/domain/plan/plan.types';
import { Cadence, errorShapeWith, Grade, Quarter, Recipient } from '../http/common.schemas';
import { anyJson, component, instant, int, text } from '../http/schema';
import { QuarterStatus, Step } from '../measures/measure.schemas';
import { PLAN_STATUSES } from '@ita/persistence/entities/plan.entity';

export const Organization = component(
  'Organization',
  z.object({
    code: z.string(),
    name: z.string(),
    shortName: z.string().nullable(),
    nameEn: z.string().nullable(),
    reportGraceDays: int('days after a period ends before its report is due'),
    escalationIntervalDays: int('days between repeated escalations'),
    resubmissionDays: int('days after a report is returned before it is due again'),
    escalateCadences: z.array(Cadence),
    itaThresholds: z
      .object({
        urgentBelow: z.number().describe('an ITA score below this is urgent'),
        strengthAbove: z.number().describe('an ITA score above this is a strength; between the two, improve'),
      })
      .describe("the ITA analysis bands in force: the organization's own, or the defaults (85, 92)"),
    itaThresholdsSource: z.enum(['organization', 'default']),
    plans: z.array(z.object({ fiscalYear: int(), status: z.enum(PLAN_STATUSES), revision: int() })),
  }),
);

export const PlanSummary = component(
  'PlanSummary',
  z.object({
    organization: z.object({ code: z.string(), name: z.string(), shortName: z.string().nullable() }),
    fiscalYear: int('Buddhist era, e.g. 2565'),
    status: z.enum(PLAN_STATUSES),
    revision: int(),
    contentHash: z.string(),
    oversight: z.object({ title: z.string(), titleEn: z.string().optional(), delegatedBy: z.string().optional() }),
    units: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        nameEn: z.string().nullable(),
        parent: text('parent unit code').nullable(),
      }),
    ),
    measureCount: int(),
    incompleteMeasures: z.array(z.string()).describe('codes'),
    corrections: z
      .array(z.object({ path: z.string(), original: z.string(), corrected: z.string(), reason: z.string() }))
      .describe('corrections made to the source document'),
    source: z.object({ document: z.string().optional(), notes: z.array(z.string()).optional() }).nullable(),
  }),
);

const measureBase = {
  code: z.string(),
  title: z.string(),
  stakeholderGroup: z.enum(STAKEHOLDER_GROUPS),
  priority: z.enum(PRIORITIES),
  indicator: int('ITA indicator number (1–10)'),
  incomplete: z.boolean().describe('incomplete in the plan: it cannot run'),
  items: z.array(z.object({ code: text('ITA item, e.g. I7'), score: z.number().optional(), grade: Grade.optional() })),
  stepCount: int(),
  quarters: z.array(Quarter).describe('the quarters any step runs in, ascending'),
  responsibleUnits: z.array(
    z.object({ code: text('a unit code, or ALL'), name: z.string(), nameEn: z.string().nullable() }),
  ),
  cadences: z.array(
    z.object({
      cadence: Cadence,
      label: text('Thai'),
      labelEn: z.string(),
      recipient: Recipient,
      from: text('the unit that makes these reports; null: the lead or the responsible units').nullable(),
    }),
  ),
  leadUnit: text('the unit that leads the measure and makes its reports').nullable().optional(),
  scheduleAssumed: z.boolean().describe("some step's quarters are an assumption (the source's schedule was lost)"),
};

export const MeasureSummary = component(
  'MeasureSummary',
  z.object({
    ...measureBase,
    run: z
      .object({
        status: z.enum(['not-started', 'running', 'completed']),
        currentQuarter: Quarter.nullable(),
        quarterStatuses: z.object({ 1: QuarterStatus, 2: QuarterStatus, 3: QuarterStatus, 4: QuarterStatus }),
        workflowId: z.string(),
      })
      .nullable()
      .describe('the running measure; null until the plan is activated'),
  }),
);

export const MeasureDetail = component(
  'MeasureDetail',
  z.object({
    ...measureBase,
    responsibleText: text('responsibility as the plan words it').nullable(),
    steps: z.array(
      Step.extend({
        owners: z
          .array(z.string())
          .describe("the units that carry it out (ALL: every unit); absent: the measure's units")
          .optional(),
        scheduleAssumed: z.literal(true).describe('its quarters are an assumption').optional(),
      }),
    ),
    monitoringGuidelines: z.array(
      z.object({
        number: int(),
        text: z.string(),
        steps: z.array(z.number().int()).describe('the steps it evidences; absent: every step').optional(),
      }),
    ),
    reporting: z.array(
      z.object({
        cadence: Cadence,
        recipient: Recipient,
        from: text('the unit that makes these reports').optional(),
        text: z.string().optional(),
        label: z.object({ th: z.string(), en: z.string() }),
        recipientLabel: z.object({ th: z.string(), en: z.string() }),
      }),
    ),
    notes: z.array(z.string()),
  }),
);

export const YearScore = component('YearScore', z.object({ year: int(), score: z.number(), grade: Grade.optional() }));

export const ItaResults = component(
  'ItaResults',
  z.object({
    assessmentYear: int().nullable(),
    overall: z.array(YearScore),
    indicators: z.array(
      z.object({ number: int(), name: z.string(), tool: z.enum(ASSESSMENT_TOOLS), scores: z.array(YearScore) }),
    ),
    items: z.array(
      z.object({
        code: text('e.g. I7, E3'),
        indicator: int(),
        text: z.string(),
        score: z.number().nullable(),
        grade: Grade.nullable(),
        subItems: z.array(z.object({ text: z.string(), score: z.number().optional(), grade: Grade.optional() })),
      }),
    ),
  }),
);

export const ImportResult = component(
  'ImportResult',
  z.object({
    status: z.enum(['created', 'updated', 'unchanged', 'would-create', 'would-update']),
    organization: text('organization code'),
    fiscalYear: int(),
    contentHash: text("SHA-256 of the imported file's plan"),
    baseHash: text('SHA-256 of the stored plan the diff was computed against; null: there was none').nullable(),
    revision: int().nullable(),
    summary: z.object({ units: int(), measures: int(), steps: int(), itaItems: int(), corrections: int() }),
    changes: z.array(
      z.object({
        kind: z.enum(['added', 'removed', 'changed']),
        path: text('e.g. measures[M05].steps, units[HR]'),
        before: anyJson().optional(),
        after: anyJson().optional(),
      }),
    ),
  }),
);

export const ImportConflict = component(
  'ImportConflict',
  errorShapeWith({ preview: ImportResult.optional() }),
  'a 409 of plan import; preview (the diff to confirm) is there when the plan changed and the change was not confirmed',
);

const WorkflowRef = z.object({ measureCode: z.string(), workflowId: z.string() });
export const ActivationResult = component(
  'ActivationResult',
  z.object({
    organization: z.string(),
    fiscalYear: int(),
    calendar: z.object({
      start: instant(),
      end: instant(),
      compressed: z.boolean().describe('a compressed demonstration calendar'),
    }),
    started: z.array(WorkflowRef),
    alreadyStarted: z.array(WorkflowRef),
    skipped: z.array(z.object({ measureCode: z.string(), reason: z.string() })),
  }),
);

export const ActivateBody = component(
  'ActivateBody',
  z.object({
    calendar: z
      .object({
        quarterSeconds: z.number().describe('seconds per quarter of a compressed demonstration year'),
        startsAt: instant('when the compressed year starts (default: now)').optional(),
      })
      .optional()
      .describe('absent: the real Thai fiscal calendar'),
  }),
);
