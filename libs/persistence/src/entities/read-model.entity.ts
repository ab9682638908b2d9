/**
 * The read model of running measures, written only by the worker's projection activity from
 * workflow state. Every row carries `version` (the workflow's change sequence): a projection
 * never overwrites a newer version, so retried or reordered activities write nothing twice.
 * Indexes serve the lists people open: a unit's inbox, reports due, the escalation queue.
 */
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Quarter } from '@ita/domain/fiscal-calendar';
import type { QuarterStatus } from '@ita/domain/measure/tasks';
import type {
  MeasureState,
  ReportDraftLine,
  ReportStatus,
  TaskStatus,
  TaskSubmission,
} from '@ita/domain/measure/measure.types';
import type { Cadence, Recipient } from '@ita/domain/plan/plan.types';

/** Columns every read-model row has: its id, its workflow and the measure it belongs to. */
abstract class MeasureRow {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200 })
  workflowId!: string;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId!: number;

  @Column({ name: 'fiscal_year', type: 'int' })
  fiscalYear!: number;

  @Column({ name: 'measure_code', type: 'varchar', length: 32 })
  measureCode!: string;
}

/** A task or report: submitted by a unit, decided (approved or returned) by whoever may. */
abstract class ReviewedRow<S extends string> extends MeasureRow {
  @Column({ type: 'varchar', length: 16 })
  status!: S;

  @Column({ type: 'boolean', width: 1, default: false })
  overdue!: boolean;

  @Column({ name: 'due_at', type: 'varchar', length: 32 })
  dueAt!: string;

  @Column({ name: 'submitted_at', type: 'varchar', length: 32, nullable: true })
  submittedAt!: string | null;

  @Column({ name: 'submitted_by', type: 'varchar', length: 100, nullable: true })
  submittedBy!: string | null;

  @Column({ name: 'decided_at', type: 'varchar', length: 32, nullable: true })
  decidedAt!: string | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 100, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'return_count', type: 'int', default: 0 })
  returnCount!: number;

  @Column({ type: 'int' })
  version!: number;
}

@Entity({ name: 'measure_run' })
@Index('uq_measure_run_workflow', ['workflowId'], { unique: true })
@Index('ix_measure_run_org_year', ['organizationId', 'fiscalYear', 'measureCode'])
export class MeasureRunEntity extends MeasureRow {
  @Column({ name: 'run_id', type: 'varchar', length: 64 })
  runId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: MeasureState['status'];

  @Column({ name: 'current_quarter', type: 'int', nullable: true })
  currentQuarter!: Quarter | null;

  @Column({ name: 'quarter_statuses', type: 'simple-json' })
  quarterStatuses!: Record<Quarter, QuarterStatus>;

  @Column({ name: 'plan_revision', type: 'int' })
  planRevision!: number;

  /** Length of a day on the measure's calendar (compressed calendars have shorter days). */
  @Column({
    name: 'day_ms',
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
  })
  dayMs!: number;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;
}

@Entity({ name: 'task' })
@Index('uq_task_workflow_key', ['workflowId', 'taskKey'], { unique: true })
@Index('ix_task_inbox', ['organizationId', 'unitCode', 'status'])
@Index('ix_task_measure', ['organizationId', 'fiscalYear', 'measureCode'])
export class TaskEntity extends ReviewedRow<TaskStatus> {
  @Column({ name: 'task_key', type: 'varchar', length: 64 })
  taskKey!: string;

  @Column({ type: 'int' })
  quarter!: Quarter;

  @Column({ name: 'step_number', type: 'int' })
  stepNumber!: number;

  @Column({ name: 'unit_code', type: 'varchar', length: 32 })
  unitCode!: string;

  @Column({ name: 'opened_at', type: 'varchar', length: 32 })
  openedAt!: string;

  @Column({ type: 'simple-json', nullable: true })
  submission!: TaskSubmission | null;

  @Column({ name: 'return_reason', type: 'varchar', length: 4000, nullable: true })
  returnReason!: string | null;
}

@Entity({ name: 'report' })
@Index('uq_report_workflow_key', ['workflowId', 'reportKey'], { unique: true })
@Index('ix_report_org_status', ['organizationId', 'status', 'dueAt'])
export class ReportEntity extends ReviewedRow<ReportStatus> {
  @Column({ name: 'report_key', type: 'varchar', length: 32 })
  reportKey!: string;

  @Column({ type: 'varchar', length: 16 })
  cadence!: Cadence;

  /** To whom the report goes (plan `reporting[].recipient`); null: the Director or his delegate. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  recipient!: Recipient | null;

  @Column({ name: 'period_label', type: 'varchar', length: 200 })
  periodLabel!: string;

  @Column({ name: 'period_start', type: 'varchar', length: 32 })
  periodStart!: string;

  @Column({ name: 'period_end', type: 'varchar', length: 32 })
  periodEnd!: string;

  @Column({ type: 'simple-json' })
  units!: string[];

  @Column({ type: 'simple-json' })
  draft!: ReportDraftLine[];

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  comments!: string | null;
}

@Entity({ name: 'escalation' })
@Index('uq_escalation_workflow_report_round', ['workflowId', 'reportKey', 'round'], { unique: true })
@Index('ix_escalation_queue', ['organizationId', 'resolvedAt', 'level'])
export class EscalationEntity extends MeasureRow {
  @Column({ name: 'report_key', type: 'varchar', length: 32 })
  reportKey!: string;

  @Column({ type: 'varchar', length: 16 })
  cadence!: Cadence;

  @Column({ type: 'simple-json' })
  units!: string[];

  /** The report's delivery round: a returned report late again escalates in round 2, and so on. */
  @Column({ type: 'int', default: 1 })
  round!: number;

  @Column({ type: 'int' })
  level!: number;

  /** Who the escalation goes to: the holder of the Director's oversight on its date, else the Director. */
  @Column({ name: 'assignee', type: 'varchar', length: 100, nullable: true })
  assignee!: string | null;

  @Column({ name: 'due_at', type: 'varchar', length: 32 })
  dueAt!: string;

  @Column({ name: 'first_at', type: 'varchar', length: 32 })
  firstAt!: string;

  @Column({ name: 'last_at', type: 'varchar', length: 32 })
  lastAt!: string;

  @Column({ name: 'next_at', type: 'varchar', length: 32 })
  nextAt!: string;

  /**
   * When the report came (or, with `endReason`, when the escalation ended without it). Empty
   * string while open, so the queue index covers "open escalations" on both databases.
   */
  @Column({ name: 'resolved_at', type: 'varchar', length: 32, default: '' })
  resolvedAt!: string;

  /** Why it ended without the report ("year closed"); null while open or once the report came. */
  @Column({ name: 'end_reason', type: 'varchar', length: 64, nullable: true })
  endReason!: string | null;

  @Column({ type: 'int' })
  version!: number;
}

@Entity({ name: 'audit_entry' })
@Index('uq_audit_workflow_seq', ['workflowId', 'seq', 'idx'], { unique: true })
@Index('ix_audit_org_at', ['organizationId', 'at'])
@Index('ix_audit_measure', ['organizationId', 'fiscalYear', 'measureCode', 'at'])
@Index('uq_audit_chain', ['organizationId', 'chainSeq'], { unique: true })
export class AuditEntryEntity extends MeasureRow {
  @Column({ name: 'run_id', type: 'varchar', length: 64 })
  runId!: string;

  /** Position in the organization's hash chain (1, 2, …). */
  @Column({ name: 'chain_seq', type: 'int', nullable: true })
  chainSeq!: number | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64, nullable: true })
  prevHash!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  hash!: string | null;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'int' })
  idx!: number;

  @Column({ name: 'event_id', type: 'int' })
  eventId!: number;

  @Column({ type: 'varchar', length: 32 })
  at!: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 100 })
  actorId!: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 32 })
  actorRole!: string;

  @Column({ name: 'actor_unit', type: 'varchar', length: 32, nullable: true })
  actorUnit!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 16 })
  entity!: string;

  @Column({ name: 'entity_key', type: 'varchar', length: 64 })
  entityKey!: string;

  @Column({ type: 'simple-json', nullable: true })
  before!: unknown;

  @Column({ type: 'simple-json', nullable: true })
  after!: unknown;

  /** The delegation the actor acted under, if any. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  authority!: string | null;
}

/** The end of an organization's audit chain; its row is locked while entries are appended. */
@Entity({ name: 'audit_chain_head' })
export class AuditChainHeadEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'int' })
  organizationId!: number;

  @Column({ name: 'last_seq', type: 'int' })
  lastSeq!: number;

  @Column({ name: 'last_hash', type: 'varchar', length: 64 })
  lastHash!: string;
}
