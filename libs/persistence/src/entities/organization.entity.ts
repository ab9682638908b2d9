import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Cadence, OrganizationSettings } from '@ita/domain/plan/plan.types';
import { DEFAULT_ESCALATION_POLICY } from '@ita/domain/measure/escalation';

/** One agency. A deployment serves many; every other row hangs off one of these. */
@Entity({ name: 'organization' })
@Index('uq_organization_code', ['code'], { unique: true })
export class OrganizationEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ name: 'short_name', type: 'varchar', length: 100, nullable: true })
  shortName!: string | null;

  @Column({ name: 'name_en', type: 'varchar', length: 300, nullable: true })
  nameEn!: string | null;

  /** Days after a reporting period ends before its report is due. */
  @Column({ name: 'report_grace_days', type: 'int', default: DEFAULT_ESCALATION_POLICY.reportGraceDays })
  reportGraceDays!: number;

  /** Days between repeated escalations of a missing 6-monthly report. */
  @Column({ name: 'escalation_interval_days', type: 'int', default: DEFAULT_ESCALATION_POLICY.escalationIntervalDays })
  escalationIntervalDays!: number;

  /** Days after the Deputy Director returns a report before it is due again. */
  @Column({ name: 'resubmission_days', type: 'int', default: DEFAULT_ESCALATION_POLICY.resubmissionDays })
  resubmissionDays!: number;

  /** Cadences whose late reports escalate, comma-separated (6-monthly always does). */
  @Column({
    name: 'escalate_cadences',
    type: 'varchar',
    length: 64,
    default: DEFAULT_ESCALATION_POLICY.escalateCadences.join(','),
    // `from` also sees the array itself when TypeORM merges a just-saved entity, hence the guard.
    transformer: {
      to: (v?: Cadence[]) => v?.join(','),
      from: (v: string | Cadence[] | null) =>
        Array.isArray(v)
          ? v
          : (String(v ?? '')
              .split(',')
              .filter(Boolean) as Cadence[]),
    },
  })
  escalateCadences!: Cadence[];

  /** The bands of the ITA analysis (urgent below, strength above); null: the defaults (85, 92). */
  @Column({ name: 'ita_thresholds', type: 'simple-json', nullable: true })
  itaThresholds!: NonNullable<OrganizationSettings['itaThresholds']> | null;

  /** Days before a due date the reminders go, comma-separated (e.g. "7,1"); null: the default (7 and 1). */
  @Column({
    name: 'reminder_days',
    type: 'varchar',
    length: 64,
    nullable: true,
    transformer: {
      to: (v?: number[] | null) => (v ? v.join(',') : v),
      from: (v: string | number[] | null) => (Array.isArray(v) ? v : v ? v.split(',').map(Number) : null),
    },
  })
  reminderDays!: number[] | null;

  /** The organization's own integration (chat, intranet): notifications are posted there, signed. */
  @Column({ name: 'webhook_url', type: 'varchar', length: 500, nullable: true })
  webhookUrl!: string | null;

  /** The HMAC-SHA256 key of the webhook's signatures (shown once, when the webhook is registered). */
  @Column({ name: 'webhook_secret', type: 'varchar', length: 100, nullable: true })
  webhookSecret!: string | null;

  /** When the webhook (and its secret) was registered; null with no webhook. */
  @Column({ name: 'webhook_registered_at', type: 'varchar', length: 32, nullable: true })
  webhookRegisteredAt!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
