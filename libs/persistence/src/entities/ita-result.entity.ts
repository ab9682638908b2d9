import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AssessmentTool, Grade, SubItemDef, YearScore } from '@ita/domain/plan/plan.types';
import { decimalToNumber } from './column-types';

/** One ITA indicator (ตัวชี้วัด 1–10) of the assessment a plan answers. */
@Entity({ name: 'ita_indicator' })
@Index('uq_ita_indicator_plan_number', ['planId', 'number'], { unique: true })
export class ItaIndicatorEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'plan_id', type: 'int' })
  planId!: number;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ type: 'varchar', length: 8 })
  tool!: AssessmentTool;

  @Column({ type: 'simple-json' })
  scores!: YearScore[];
}

/** One IIT/EIT item (I1–I30, E1–E15) with its score, grade and sub-items. */
@Entity({ name: 'ita_item' })
@Index('uq_ita_item_plan_code', ['planId', 'code'], { unique: true })
export class ItaItemEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'plan_id', type: 'int' })
  planId!: number;

  @Column({ type: 'varchar', length: 8 })
  code!: string;

  @Column({ type: 'int' })
  indicator!: number;

  @Column({ type: 'varchar', length: 1000 })
  text!: string;

  @Column({ type: 'decimal', precision: 5, scale: 2, nullable: true, transformer: decimalToNumber })
  score!: number | null;

  @Column({ type: 'varchar', length: 4, nullable: true })
  grade!: Grade | null;

  @Column({ name: 'sub_items', type: 'simple-json', nullable: true })
  subItems!: SubItemDef[] | null;
}
