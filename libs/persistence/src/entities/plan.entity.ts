import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CorrectionDef, OrganizationSettings, OversightDef, YearScore } from '@ita/domain/plan/plan.types';

/** imported → active (its measures started) → closed (its fiscal year closed: every measure completed). */
export const PLAN_STATUSES = ['imported', 'active', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** An organization's measures plan for one fiscal year; one row per (organization, year). */
@Entity({ name: 'plan' })
@Index('uq_plan_org_year', ['organizationId', 'fiscalYear'], { unique: true })
export class PlanEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId!: number;

  /** Buddhist-era fiscal year, e.g. 2565. */
  @Column({ name: 'fiscal_year', type: 'int' })
  fiscalYear!: number;

  @Column({ type: 'varchar', length: 16, default: 'imported' })
  status!: PlanStatus;

  /** SHA-256 of the plan's canonical JSON: equal hashes mean an identical plan. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ type: 'int', default: 1 })
  revision!: number;

  @Column({ name: 'assessment_year', type: 'int', nullable: true })
  assessmentYear!: number | null;

  @Column({ name: 'overall_scores', type: 'simple-json', nullable: true })
  overallScores!: YearScore[] | null;

  /** Codes of the units the plan declares, in the plan's order (names live in `unit`). */
  @Column({ name: 'unit_codes', type: 'simple-json' })
  unitCodes!: string[];

  @Column({ type: 'simple-json' })
  oversight!: OversightDef;

  /** organization.settings as the plan file gave them (the organization row holds the values in force). */
  @Column({ name: 'organization_settings', type: 'simple-json', nullable: true })
  organizationSettings!: OrganizationSettings | null;

  @Column({ type: 'simple-json', nullable: true })
  source!: { document?: string; notes?: string[] } | null;

  @Column({ type: 'simple-json', nullable: true })
  corrections!: CorrectionDef[] | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
