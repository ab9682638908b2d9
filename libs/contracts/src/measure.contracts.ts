/**
 * The one contracts module for measure workflows: input, state, the query, the updates (each
 * with its command type) and the projection the worker writes. The API, the worker and the
 * workflow code all import these, and nothing else, to talk to each other. Importable from
 * workflow code (no Node or framework imports).
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { FiscalCalendar, Quarter } from '../../domain/src/fiscal-calendar';
import type {
  AmendCommand,
  CloseYearCommand,
  DecideReportCommand,
  DecideTaskCommand,
  QuarterStatus,
  SubmitReportCommand,
  SubmitTaskCommand,
  YearCloseSummary,
} from '../../domain/src/measure/measure-machine';
import type {
  MeasurePolicy,
  MeasureState,
  ReportState,
  TaskState,
  UnitRef,
} from '../../domain/src/measure/measure.types';
import type { MeasureDef } from '../../domain/src/plan/plan.types';

export type {
  AmendCommand,
  CloseYearCommand,
  DecideReportCommand,
  DecideTaskCommand,
  SubmitReportCommand,
  SubmitTaskCommand,
  YearCloseSummary,
};
export type { MeasureState, ReportState, TaskState, UnitRef };

export const MEASURE_WORKFLOW_TYPE = 'measureWorkflow';

/** Deterministic: one workflow per organization, fiscal year and measure. */
export function measureWorkflowId(organizationCode: string, fiscalYear: number, measureCode: string): string {
  return `measure/${organizationCode}/${fiscalYear}/${measureCode}`;
}

/** The single input object of measureWorkflow; new fields must be optional so running workflows keep working. */
export interface MeasureWorkflowInput {
  organizationCode: string;
  fiscalYear: number;
  planRevision: number;
  measure: MeasureDef;
  /** Responsible units with "ALL" already expanded to the organization's units. */
  units: UnitRef[];
  /** The fiscal calendar to run on; demonstrations and tests pass a compressed one. */
  calendar: FiscalCalendar;
  policy: MeasurePolicy;
  /**
   * Set by the workflow when it continues as new: the state the previous run ended with, and the
   * update ids of the latest commands it applied (so a retry of one is not applied again).
   */
  carried?: { state: MeasureState; handledUpdateIds?: string[] };
}

export const measureStateQuery = defineQuery<MeasureState>('measureStateQuery');

export const submitTaskUpdate = defineUpdate<TaskState, [SubmitTaskCommand]>('submitTaskUpdate');
export const approveTaskUpdate = defineUpdate<TaskState, [DecideTaskCommand]>('approveTaskUpdate');
export const returnTaskUpdate = defineUpdate<TaskState, [DecideTaskCommand]>('returnTaskUpdate');
export const submitReportUpdate = defineUpdate<ReportState, [SubmitReportCommand]>('submitReportUpdate');
export const approveReportUpdate = defineUpdate<ReportState, [DecideReportCommand]>('approveReportUpdate');
export const returnReportUpdate = defineUpdate<ReportState, [DecideReportCommand]>('returnReportUpdate');
export const amendMeasureUpdate = defineUpdate<MeasureState, [AmendCommand]>('amendMeasureUpdate');
/**
 * Closes the measure's fiscal year (after its end; the Director or his delegate): what is undone
 * is recorded as such, and the workflow completes. Answers what the closing recorded.
 */
export const closeYearUpdate = defineUpdate<YearCloseSummary, [CloseYearCommand]>('closeYearUpdate');

/** Failure types of rejected updates (ApplicationFailure.type), mapped to HTTP statuses by the API. */
export const COMMAND_FAILURE_TYPES = ['FORBIDDEN', 'CONFLICT', 'NOT_FOUND', 'INVALID'] as const;

export interface AuditRecord {
  action: string;
  actorId: string;
  actorRole: string;
  actorUnit: string | null;
  entity: string;
  key: string;
  before: unknown;
  after: unknown;
  at: string;
  /** The delegation the actor acted under, if any. */
  authority?: string | null;
}

/**
 * One state change of a measure, as the worker writes it to the read model: the changed rows in
 * full, the measure's summary, and the audit entries. `seq` is the version every row carries,
 * so a retried or late batch never overwrites newer data.
 */
export interface ProjectionBatch {
  workflowId: string;
  runId: string;
  /** Length of the workflow history when the change was made (its workflow task's event id). */
  eventId: number;
  organizationCode: string;
  fiscalYear: number;
  measureCode: string;
  seq: number;
  at: string;
  measure: {
    status: MeasureState['status'];
    currentQuarter: Quarter | null;
    quarterStatuses: Record<Quarter, QuarterStatus>;
    planRevision: number;
    dayMs: number;
  };
  tasks: TaskState[];
  reports: ReportState[];
  audit: AuditRecord[];
}

/** Activities the measure workflow calls; implemented in apps/worker. */
export interface MeasureActivities {
  projectMeasure(batch: ProjectionBatch): Promise<void>;
}
