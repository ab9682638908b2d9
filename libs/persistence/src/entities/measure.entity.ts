import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type {
  MeasureItemRef,
  MonitoringGuidelineDef,
  Priority,
  ReportingDef,
  StakeholderGroup,
  StepDef,
} from '@ita/domain/plan/plan.types';

/**
 * A measure (มาตรการ) of a plan. Steps (with their owners), guidelines and reporting lines are
 * kept as JSON documents of the measure: they are read and written with the measure, never
 * queried on their own.
 */
@Entity({ name: 'measure' })
@Index('uq_measure_plan_code', ['planId', 'code'], { unique: true })
export class MeasureEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'plan_id', type: 'int' })
  planId!: number;

  @Column({ type: 'varchar', length: 32 })
  code!: string;

  /** Position in the plan file, so lists keep the plan's order. */
  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 1000 })
  title!: string;

  @Column({ name: 'stakeholder_group', type: 'varchar', length: 16 })
  stakeholderGroup!: StakeholderGroup;

  @Column({ type: 'varchar', length: 16 })
  priority!: Priority;

  @Column({ type: 'int' })
  indicator!: number;

  // width 1: MySQL stores boolean as tinyint(1) and TypeORM compares the width.
  @Column({ type: 'boolean', width: 1, default: false })
  incomplete!: boolean;

  @Column({ type: 'simple-json' })
  items!: MeasureItemRef[];

  @Column({ type: 'simple-json' })
  steps!: StepDef[];

  @Column({ name: 'responsible_units', type: 'simple-json' })
  responsibleUnits!: string[];

  /** The unit that leads the measure (plan `leadUnit`); null: none named. */
  @Column({ name: 'lead_unit', type: 'varchar', length: 32, nullable: true })
  leadUnit!: string | null;

  @Column({ name: 'responsible_text', type: 'varchar', length: 1000, nullable: true })
  responsibleText!: string | null;

  @Column({ name: 'monitoring_guidelines', type: 'simple-json' })
  monitoringGuidelines!: MonitoringGuidelineDef[];

  @Column({ type: 'simple-json' })
  reporting!: ReportingDef[];

  @Column({ type: 'simple-json', nullable: true })
  notes!: string[] | null;
}
