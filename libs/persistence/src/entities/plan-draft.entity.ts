import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PlanChange } from '@ita/domain/plan/plan.diff';
import type { PlanDef } from '@ita/domain/plan/plan.types';
import type { PlanDraftSource, PlanDraftStatus } from '@ita/domain/plan/plan-draft';

/**
 * A plan revision being written in the app (docs/plan-drafts.md): the whole plan document as JSON,
 * its lifecycle status and edit revision, who moved it on and when, and the stored plan revision
 * it was made from. The document is read and written whole, never queried inside.
 */
@Entity({ name: 'plan_draft' })
@Index('ix_plan_draft_org_year', ['organizationId', 'fiscalYear', 'status'])
export class PlanDraftEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId!: number;

  @Column({ name: 'fiscal_year', type: 'int' })
  fiscalYear!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: PlanDraftStatus;

  /** 1 when created, +1 on every saved change: a save names the revision it changes. */
  @Column({ type: 'int' })
  revision!: number;

  /**
   * The plan document: a plan file's shape, not yet necessarily a valid plan (checkDraft says what
   * is wrong). MEDIUMTEXT on MySQL (the seed's plan alone is 105 KB).
   */
  @Column({ type: 'simple-json' })
  document!: PlanDef;

  /** SHA-256 of the document's canonical JSON (as a plan's content hash), recorded in the audit trail. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ type: 'varchar', length: 16 })
  source!: PlanDraftSource;

  /** The stored plan revision (and its hash) the draft was made from; null when the year had no plan. */
  @Column({ name: 'base_revision', type: 'int', nullable: true })
  baseRevision!: number | null;

  @Column({ name: 'base_hash', type: 'varchar', length: 64, nullable: true })
  baseHash!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'updated_by', type: 'varchar', length: 100 })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;

  @Column({ name: 'submitted_by', type: 'varchar', length: 100, nullable: true })
  submittedBy!: string | null;

  @Column({ name: 'submitted_at', type: 'varchar', length: 32, nullable: true })
  submittedAt!: string | null;

  /** The latest return (the audit trail keeps every one). */
  @Column({ name: 'returned_by', type: 'varchar', length: 100, nullable: true })
  returnedBy!: string | null;

  @Column({ name: 'returned_at', type: 'varchar', length: 32, nullable: true })
  returnedAt!: string | null;

  @Column({ name: 'return_comment', type: 'varchar', length: 4000, nullable: true })
  returnComment!: string | null;

  @Column({ name: 'approved_by', type: 'varchar', length: 100, nullable: true })
  approvedBy!: string | null;

  @Column({ name: 'approved_at', type: 'varchar', length: 32, nullable: true })
  approvedAt!: string | null;

  /** The delegation the approver acted under (the Deputy Director's), if any. */
  @Column({ name: 'approved_authority', type: 'varchar', length: 300, nullable: true })
  approvedAuthority!: string | null;

  @Column({ name: 'approval_comment', type: 'varchar', length: 4000, nullable: true })
  approvalComment!: string | null;

  /** The stored plan revision the approved draft became. */
  @Column({ name: 'approved_revision', type: 'int', nullable: true })
  approvedRevision!: number | null;

  /** What the approval changed in the stored plan (the diff shown before it), kept for the planner before activation. MEDIUMTEXT on MySQL. */
  @Column({ name: 'approved_changes', type: 'simple-json', nullable: true })
  approvedChanges!: PlanChange[] | null;

  @Column({ name: 'discarded_by', type: 'varchar', length: 100, nullable: true })
  discardedBy!: string | null;

  @Column({ name: 'discarded_at', type: 'varchar', length: 32, nullable: true })
  discardedAt!: string | null;
}
