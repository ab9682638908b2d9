/**
 * The contracts of running measures: the read model's lists (tasks, reports, escalations), the
 * workflow's own state, the state as of a date, the timeline, and the commands' bodies. The
 * commands' limits are the domain's (the workflow checks them again: it trusts no caller).
 */
import { z } from 'zod';
import { ROLES } from '@ita/domain/access/actor';
import { MAX_EVIDENCE, MAX_NOTE, MAX_SUMMARY } from '@ita/domain/measure/command-guards';
import { AUDIT_ACTIONS } from '@ita/domain/audit-actions';
import { PLAN_STATUSES } from '@ita/persistence/entities/plan.entity';
import { QUARTER_STATUSES } from '@ita/domain/measure/tasks';
import { Cadence, Progress, Quarter, Recipient, ReportStatus, TaskStatus } from '../http/common.schemas';
import { anyJson, component, instant, int, pageOf, text } from '../http/schema';

// --- shared pieces --------------------------------------------------------------------------------

const UnitRef = z.object({ code: z.string(), name: z.string() });
const CadenceInForce = z.object({
  cadence: Cadence,
  line: int('the second or later reporting line of this cadence').optional(),
  since: instant('set for a cadence added by an amendment: earlier periods are not reported').optional(),
});
const reviewed = {
  submittedAt: instant(),
  submittedBy: text('username'),
  decidedAt: instant('approved or returned at'),
  decidedBy: text('username'),
};
const nullableReviewed = {
  submittedAt: reviewed.submittedAt.nullable(),
  submittedBy: reviewed.submittedBy.nullable(),
  decidedAt: reviewed.decidedAt.nullable(),
  decidedBy: reviewed.decidedBy.nullable(),
};
const optionalReviewed = {
  submittedAt: reviewed.submittedAt.optional(),
  submittedBy: reviewed.submittedBy.optional(),
  decidedAt: reviewed.decidedAt.optional(),
  decidedBy: reviewed.decidedBy.optional(),
};
export const actorOf = (roles: readonly string[], id: string) =>
  z.object({ id: text(id), role: text(`one of ${roles.join(', ')}`), unit: z.string().nullable() });
const escalationStateShape = {
  round: int('the delivery round (absent: 1); a returned report late again escalates in a new round').optional(),
  level: int('1 on the first escalation, +1 on each repeat'),
  firstAt: instant(),
  lastAt: instant(),
  nextAt: instant(),
  resolvedAt: instant('the report came').optional(),
  endedAt: instant('the escalation ended without the report (the year closed)').optional(),
  endReason: text('why it ended without the report: "year closed"').optional(),
};

// --- commands' bodies -----------------------------------------------------------------------------

/** Text a person writes: a string, not blank, no control characters, at most `max` characters. */
export const writtenText = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
    .refine((value) => value.trim() !== '', 'is required')
    .refine((value) => value.length <= max, { message: `is longer than ${max} characters` })
    // eslint-disable-next-line no-control-regex
    .refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value), 'contains control characters');

export const Evidence = component(
  'Evidence',
  z.object({
    kind: z.enum(['link', 'file']),
    url: text('a http(s) link, or /api/evidence/{id} for an uploaded file'),
    name: z.string(),
    guidelines: z.array(z.number().int()).describe('monitoring guideline numbers it answers'),
  }),
);

export const TaskSubmission = component(
  'TaskSubmission',
  z.object({
    note: writtenText(MAX_NOTE),
    progress: Progress,
    evidence: z.array(Evidence).max(MAX_EVIDENCE),
  }),
);
export const SubmitTaskBody = component(
  'SubmitTaskBody',
  TaskSubmission.extend({ evidence: TaskSubmission.shape.evidence.optional() }),
  'a unit member reports the work done; evidence is matched to the monitoring guidelines',
);
export const ReturnTaskBody = component('ReturnTaskBody', z.object({ reason: writtenText(MAX_NOTE) }));
export const SubmitReportBody = component(
  'SubmitReportBody',
  z.object({ summary: writtenText(MAX_SUMMARY).optional() }),
  "without a summary, the report is the period's pre-filled draft",
);
export const ApproveReportBody = component(
  'ApproveReportBody',
  z.object({ comments: writtenText(MAX_NOTE).optional() }),
);
export const ReturnReportBody = component('ReturnReportBody', z.object({ comments: writtenText(MAX_NOTE) }));

const quarterList = z.array(Quarter).min(1);
export const Amendment = component(
  'Amendment',
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('add-step'), text: writtenText(MAX_NOTE), quarters: quarterList }),
    z.object({ kind: z.literal('remove-step'), stepNumber: z.number().int().positive() }),
    z.object({ kind: z.literal('set-step-quarters'), stepNumber: z.number().int().positive(), quarters: quarterList }),
    z.object({ kind: z.literal('set-units'), units: z.array(UnitRef).min(1) }),
    z.object({ kind: z.literal('set-cadences'), cadences: z.array(Cadence) }),
  ]),
);
export const AmendBody = component(
  'AmendBody',
  z.object({ change: Amendment, reason: writtenText(MAX_NOTE) }),
  'the change and why (recorded in the audit trail)',
);

// --- the read model (lists) -----------------------------------------------------------------------

export const Task = component(
  'Task',
  z.object({
    measureCode: z.string(),
    fiscalYear: int(),
    taskKey: z.string(),
    quarter: Quarter,
    stepNumber: int(),
    stepText: text("the step's text, as the plan (or the measure's latest amendment) words it").nullable(),
    unitCode: z.string(),
    status: TaskStatus,
    overdue: z.boolean(),
    returned: z.boolean().describe('returned and not yet resubmitted'),
    returnReason: z.string().nullable(),
    returnCount: int(),
    openedAt: instant(),
    dueAt: instant(),
    dueAtThai: text('Thai date, Buddhist era'),
    submission: TaskSubmission.nullable(),
    ...nullableReviewed,
  }),
);

export const ReportDraftLine = component(
  'ReportDraftLine',
  z.object({
    stepNumber: int(),
    quarter: Quarter,
    unitCode: z.string(),
    status: TaskStatus,
    progress: Progress.optional(),
    note: z.string().optional(),
    evidenceCount: int(),
  }),
);

export const Report = component(
  'Report',
  z.object({
    measureCode: z.string(),
    fiscalYear: int(),
    reportKey: z.string(),
    cadence: Cadence,
    recipient: Recipient,
    periodLabel: z.string(),
    periodStart: instant(),
    periodEnd: instant(),
    dueAt: instant(),
    dueAtThai: text('Thai date, Buddhist era'),
    status: ReportStatus,
    overdue: z.boolean(),
    units: z.array(z.string()).describe('unit codes'),
    draft: z.array(ReportDraftLine).describe("pre-filled from the period's tasks"),
    summary: z.string().nullable(),
    comments: text("the approver's comments").nullable(),
    ...nullableReviewed,
    returnCount: int(),
  }),
);

export const Escalation = component(
  'Escalation',
  z.object({
    measureCode: z.string(),
    fiscalYear: int(),
    reportKey: z.string(),
    cadence: Cadence,
    units: z.array(z.string()).describe('unit codes'),
    round: int('the delivery round: 2 and up for a returned report late again'),
    level: int(),
    dueAt: instant('when the report was due'),
    dueAtThai: z.string(),
    daysLate: int('days late (up to its resolution)'),
    firstEscalatedAt: instant(),
    lastEscalatedAt: instant(),
    nextEscalationAt: instant('null once resolved').nullable(),
    resolvedAt: instant('when the report came, or (with endReason) when the escalation ended without it').nullable(),
    endReason: text(
      'why it ended without the report ("year closed"); null while open or once the report came',
    ).nullable(),
    assignee: text("whoever held the Director's oversight when it was last raised").nullable(),
  }),
);

export const TaskPage = pageOf('Task', Task);
export const ReportPage = pageOf('Report', Report);
export const EscalationPage = pageOf('Escalation', Escalation);

// --- the workflow's own state ---------------------------------------------------------------------

export const Step = component('Step', z.object({ number: int(), text: z.string(), quarters: z.array(Quarter) }));

export const TaskState = component(
  'TaskState',
  z.object({
    key: z.string(),
    quarter: Quarter,
    stepNumber: int(),
    unitCode: z.string(),
    status: TaskStatus,
    overdue: z.boolean(),
    openedAt: instant(),
    dueAt: instant(),
    submission: TaskSubmission.optional(),
    ...optionalReviewed,
    returnReason: z.string().optional(),
    returnCount: int(),
  }),
);

export const EscalationState = component('EscalationState', z.object(escalationStateShape));

export const ReportState = component(
  'ReportState',
  z.object({
    key: z.string(),
    cadence: Cadence,
    line: int('which reporting line of its cadence (absent: the first)').optional(),
    recipient: Recipient.optional(),
    periodIndex: int(),
    periodLabel: z.string(),
    periodStart: instant(),
    periodEnd: instant(),
    dueAt: instant(),
    status: ReportStatus,
    overdue: z.boolean(),
    units: z.array(z.string()).describe('unit codes'),
    draft: z.array(ReportDraftLine),
    summary: z.string().optional(),
    comments: z.string().optional(),
    ...optionalReviewed,
    returnCount: int(),
    round: int('the delivery round (absent: 1): a returned report starts a new one, with its own due date').optional(),
    escalation: EscalationState.optional(),
    earlierEscalations: z.array(EscalationState).describe('escalations of earlier rounds').optional(),
  }),
);

export const MeasureState = component(
  'MeasureState',
  z.object({
    measureCode: z.string(),
    status: z.enum(['not-started', 'running', 'completed']),
    currentQuarter: Quarter.nullable(),
    steps: z.array(Step),
    units: z.array(UnitRef),
    cadences: z.array(CadenceInForce),
    quarters: z.array(z.object({ quarter: Quarter, opened: z.boolean(), closed: z.boolean() })),
    tasks: z.array(TaskState),
    reports: z.array(ReportState),
    amendments: z.array(z.object({ change: Amendment, reason: z.string(), at: instant(), by: text('username') })),
    closed: z
      .object({ at: instant(), by: text('username'), authority: text('the delegation acted under').optional() })
      .describe('set once the fiscal year was closed (the measure then completed)')
      .optional(),
    seq: int('bumped on every change'),
  }),
  "the measure workflow's live state",
);

export const StateAsOf = component(
  'StateAsOf',
  z.object({
    organization: z.string(),
    fiscalYear: int(),
    measureCode: z.string(),
    asOf: instant(),
    asOfThai: z.string(),
    lastChange: z
      .object({ at: instant(), action: z.string(), seq: int(), eventId: int(), runId: z.string() })
      .describe('the last change up to asOf'),
    tasks: z.array(TaskState),
    reports: z.array(ReportState),
    escalations: z.array(
      z.object({
        ...escalationStateShape,
        reportKey: z.string(),
        cadence: Cadence,
        units: z.array(z.string()),
        daysLate: int(),
      }),
    ),
    amendments: z.array(
      z.object({
        at: instant(),
        by: text('username'),
        change: z
          .object({
            steps: z.array(Step),
            units: z.array(UnitRef),
            cadences: z.array(CadenceInForce),
            reason: z.string(),
          })
          .describe('the measure as the amendment left it'),
      }),
    ),
  }),
  'the measure as it stood at asOf, rebuilt from its audit trail',
);

export const QuarterStatus = component('QuarterStatus', z.enum(QUARTER_STATUSES));

export const AuditAction = component('AuditAction', z.enum(AUDIT_ACTIONS), 'what an audit entry records');

export const TimelineEntry = component(
  'TimelineEntry',
  z.object({
    at: instant(),
    atThai: z.string(),
    action: text('an AuditAction, e.g. task.submitted'),
    entity: text('task, report, escalation or measure'),
    key: text('the task or report key'),
    actor: actorOf([...ROLES, 'system'], 'username, or "system"'),
    authority: text('the delegation acted under').nullable(),
    before: anyJson(),
    after: anyJson(),
    workflowId: z.string(),
    runId: z.string(),
    eventId: int('the workflow history event'),
    seq: int(),
  }),
);

// --- closing the fiscal year ----------------------------------------------------------------------

export const MeasureClosing = component(
  'MeasureClosing',
  z.object({
    measureCode: z.string(),
    workflowId: z.string(),
    outcome: z
      .enum(['closed', 'already-completed', 'not-running', 'refused'])
      .describe(
        'closed now; already completed (everything approved, or closed before); no running workflow; or refused by the measure (see reason)',
      ),
    reason: text('why it was not running, or was refused').nullable(),
    closedAt: instant('when its year was closed (now, or by an earlier closing)').nullable(),
    closedBy: text('username').nullable(),
    reportsNotDelivered: z.array(z.string()).describe('report keys recorded not delivered'),
    reportsNotDecided: z.array(z.string()).describe('report keys submitted and recorded not decided'),
    escalationsEnded: z.array(z.string()).describe('report keys whose open escalation ended'),
    tasksNotDone: int('tasks recorded not done'),
    tasksNotDecided: int('tasks submitted and recorded not decided'),
  }),
);

export const YearCloseResult = component(
  'YearCloseResult',
  z.object({
    organization: z.string(),
    fiscalYear: int(),
    planStatus: z.enum(PLAN_STATUSES).describe('closed once no measure of the year is left running'),
    measures: z.array(MeasureClosing),
    totals: z.object({
      closed: int(),
      alreadyCompleted: int(),
      notRunning: int(),
      refused: int(),
      reportsNotDelivered: int(),
      reportsNotDecided: int(),
      escalationsEnded: int(),
      tasksNotDone: int(),
      tasksNotDecided: int(),
    }),
  }),
  'what closing the fiscal year did to each measure',
);
