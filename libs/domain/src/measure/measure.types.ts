/**
 * The running state of one measure through its fiscal year: tasks per quarter, step and unit;
 * reports per cadence and period; escalations of late reports; amendments. Plain data, so it can
 * live in a workflow, be queried, and be projected to the database as it is.
 */
import type { AuditAction } from '../audit-actions';
import type { Actor } from '../access/actor';
import type { FiscalCalendar, Quarter } from '../fiscal-calendar';
import type { Cadence, MeasureDef, Recipient, StepDef } from '../plan/plan.types';

export interface UnitRef {
  code: string;
  name: string;
}

export interface MeasurePolicy {
  /** Days after a reporting period ends before its report is due. */
  reportGraceDays: number;
  /** Days between repeated escalations of a missing report. */
  escalationIntervalDays: number;
  /** Cadences whose late reports escalate (6-monthly always does). */
  escalateCadences: Cadence[];
  /**
   * Days after the Deputy Director returns a report before it is due again. Absent in the input of
   * measures started before it existed: DEFAULT_RESUBMISSION_DAYS then.
   */
  resubmissionDays?: number;
}

export const DEFAULT_RESUBMISSION_DAYS = 7;

/**
 * `not-done` and `not-decided` are final: the year was closed while the task was still open or
 * returned (not done), or submitted and not yet decided by the unit head (not decided).
 */
export const TASK_STATUSES = [
  'open',
  'submitted',
  'returned',
  'approved',
  'withdrawn',
  'not-done',
  'not-decided',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const PROGRESS = ['done', 'partly-done', 'not-done'] as const;
export type Progress = (typeof PROGRESS)[number];

export interface Evidence {
  kind: 'link' | 'file';
  /** A link (http/https), or for files the API path of the uploaded file. */
  url: string;
  name: string;
  /** Monitoring guideline numbers this evidence answers. */
  guidelines: number[];
}

export interface TaskSubmission {
  note: string;
  progress: Progress;
  evidence: Evidence[];
}

export interface TaskState {
  key: string;
  quarter: Quarter;
  stepNumber: number;
  unitCode: string;
  status: TaskStatus;
  overdue: boolean;
  openedAt: string;
  dueAt: string;
  submission?: TaskSubmission;
  submittedAt?: string;
  submittedBy?: string;
  decidedAt?: string;
  decidedBy?: string;
  returnReason?: string;
  returnCount: number;
}

/**
 * `not-delivered` and `not-decided` are final: the year was closed while the report was still
 * open or returned (never delivered), or submitted and not yet decided (not decided).
 */
export const REPORT_STATUSES = ['open', 'submitted', 'returned', 'approved', 'not-delivered', 'not-decided'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface Escalation {
  /** The delivery round it belongs to (absent: 1): a returned report that is late again escalates in a new round. */
  round?: number;
  level: number;
  firstAt: string;
  lastAt: string;
  nextAt: string;
  /** The report was delivered (submitted) for this round. */
  resolvedAt?: string;
  /** The escalation ended without the report: the year was closed (absent before v5, and while it is open). */
  endedAt?: string;
  /** Why it ended without the report ("year closed"). */
  endReason?: string;
}

export interface ReportDraftLine {
  stepNumber: number;
  quarter: Quarter;
  unitCode: string;
  status: TaskStatus;
  progress?: Progress;
  note?: string;
  evidenceCount: number;
}

export interface ReportState {
  key: string;
  cadence: Cadence;
  /** Which reporting line of its cadence (absent: the first); a later line's key is numbered (reportKey). */
  line?: number;
  /** To whom it goes (absent: the Director or his delegate). */
  recipient?: Recipient;
  periodIndex: number;
  periodLabel: string;
  periodStart: string;
  periodEnd: string;
  dueAt: string;
  status: ReportStatus;
  overdue: boolean;
  units: string[];
  draft: ReportDraftLine[];
  summary?: string;
  comments?: string;
  submittedAt?: string;
  submittedBy?: string;
  decidedAt?: string;
  decidedBy?: string;
  returnCount: number;
  /**
   * The delivery round (absent: 1). A report returned under the rule that returned reports fall
   * due again starts round returnCount + 1, with its own due date; one returned before that rule
   * has no round and never falls due again.
   */
  round?: number;
  /** The escalation of the current round. */
  escalation?: Escalation;
  /** Escalations of earlier rounds, oldest first. */
  earlierEscalations?: Escalation[];
}

export interface CadenceInForce {
  cadence: Cadence;
  since?: string;
  /** The line of this cadence (absent: the first). */
  line?: number;
}

export interface QuarterProgress {
  quarter: Quarter;
  opened: boolean;
  closed: boolean;
}

export type Amendment =
  | { kind: 'add-step'; text: string; quarters: Quarter[] }
  | { kind: 'remove-step'; stepNumber: number }
  | { kind: 'set-step-quarters'; stepNumber: number; quarters: Quarter[] }
  | { kind: 'set-units'; units: UnitRef[] }
  | { kind: 'set-cadences'; cadences: Cadence[] };

export interface AmendmentRecord {
  change: Amendment;
  reason: string;
  at: string;
  by: string;
}

export interface MeasureState {
  measureCode: string;
  status: 'not-started' | 'running' | 'completed';
  currentQuarter: Quarter | null;
  steps: StepDef[];
  units: UnitRef[];
  /**
   * Reporting lines in force; `since` is set for one added by an amendment (earlier periods are not
   * reported), `line` for the second and later lines of one cadence (the plan's reporting entries
   * of that cadence, in order).
   */
  cadences: CadenceInForce[];
  quarters: QuarterProgress[];
  tasks: TaskState[];
  reports: ReportState[];
  amendments: AmendmentRecord[];
  /**
   * Set when the Director (or his delegate) closed the fiscal year: the measure then completed
   * with whatever was left undone recorded as such (absent: not closed).
   */
  closed?: YearClosing;
  /** Bumped on every change; the projection's version. */
  seq: number;
}

export interface YearClosing {
  at: string;
  by: string;
  /** The delegation the closer acted under, if any. */
  authority?: string;
}

/** One audited change: what the projection writes, row by row. */
export interface Change {
  action: AuditAction;
  actor: Actor;
  entity: 'task' | 'report' | 'escalation' | 'measure';
  key: string;
  before?: unknown;
  after?: unknown;
  at: string;
  /** The delegation the actor acted under, if any. */
  authority?: string | null;
}

export interface MeasureContext {
  organizationCode: string;
  measure: MeasureDef;
  calendar: FiscalCalendar;
  policy: MeasurePolicy;
  /** How rules that changed while measures ran apply to this one (absent: today's rules). */
  rules?: MeasureRules;
}

/**
 * Choices the workflow makes by its versioning (docs/workflow-versioning.md): a measure recorded
 * before a rule existed replays without it. Each is asked only where the old and the new rule
 * would differ, so a measure the rule does not touch never records it.
 */
export interface MeasureRules {
  /**
   * Step owners, the lead unit and a reporting line's `from` narrow who gets a step's tasks and
   * who makes a report (v4). False: every unit of the measure gets every task and every report,
   * as measures recorded before v4 did.
   */
  stepOwners?: () => boolean;
}
