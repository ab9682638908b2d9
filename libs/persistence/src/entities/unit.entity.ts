import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A responsible unit (ส่วนงาน / ฝ่าย) of an organization. */
@Entity({ name: 'unit' })
@Index('uq_unit_org_code', ['organizationId', 'code'], { unique: true })
export class UnitEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId!: number;

  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ name: 'name_en', type: 'varchar', length: 300, nullable: true })
  nameEn!: string | null;

  @Column({ name: 'parent_code', type: 'varchar', length: 32, nullable: true })
  parentCode!: string | null;
}
