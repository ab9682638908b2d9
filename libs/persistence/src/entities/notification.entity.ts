/**
 * Notifications, from a measure's change to a person's inbox:
 * - `notification_event`: the changes of measures that tell someone, written by the projection
 *   in the same transaction as the read model (a transactional outbox), until the organization's
 *   notifier has turned them into notifications;
 * - `notification`: what a person is told (the notification centre), one row per kind, subject
 *   and person, its id a hash of the three, so neither a retry nor a replay makes a second one;
 * - `mail_outbox`: each e-mail to send (one notification, or a day's digest), sent by an activity
 *   with retries and marked sent once, under the same kind of stable id;
 * - `webhook_delivery`: each post to the organization's webhook, likewise;
 * - `notification_preference`: what a person chose (language, digest hour, kinds by e-mail).
 */
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { NotificationKind, NotificationLanguage } from '@ita/domain/notifications/notification-kinds';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

@Entity({ name: 'notification_event' })
@Index('ix_notification_event_pending', ['organizationId', 'processedAt'])
export class NotificationEventEntity {
  /** sha256 of workflow id, batch seq and the change's index: the audit entry's own identity. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId!: number;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200 })
  workflowId!: string;

  @Column({ name: 'fiscal_year', type: 'int' })
  fiscalYear!: number;

  @Column({ name: 'measure_code', type: 'varchar', length: 32 })
  measureCode!: string;

  @Column({ type: 'varchar', length: 40 })
  action!: string;

  @Column({ type: 'varchar', length: 16 })
  entity!: string;

  @Column({ name: 'entity_key', type: 'varchar', length: 64 })
  entityKey!: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 100 })
  actorId!: string;

  /** The change's before and after, as the audit entry has them. */
  @Column({ type: 'simple-json' })
  payload!: { before: unknown; after: unknown };

  @Column({ name: 'occurred_at', type: 'varchar', length: 32 })
  occurredAt!: string;

  @Column({ name: 'processed_at', type: 'varchar', length: 32, nullable: true })
  processedAt!: string | null;
}

@Entity({ name: 'notification' })
@Index('ix_notification_inbox', ['userId', 'readAt', 'createdAt'])
@Index('ix_notification_digest', ['organizationId', 'digestAt'])
export class NotificationEntity {
  /** sha256 of kind, subject and recipient. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId!: number;

  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  @Column({ type: 'varchar', length: 32 })
  kind!: NotificationKind;

  /** What it is about: a change (its event id) or a reminder (item, due date and days before). */
  @Column({ name: 'subject_key', type: 'varchar', length: 300 })
  subjectKey!: string;

  @Column({ name: 'fiscal_year', type: 'int' })
  fiscalYear!: number;

  @Column({ name: 'measure_code', type: 'varchar', length: 32 })
  measureCode!: string;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ type: 'varchar', length: 4000 })
  body!: string;

  /** Where in the web app it leads (a hash route, e.g. #/tasks/2570/M01/Q1-S1-HR). */
  @Column({ type: 'varchar', length: 300 })
  link!: string;

  @Column({ type: 'varchar', length: 2 })
  language!: NotificationLanguage;

  /** The instant it happened, on the measure's clock. */
  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'read_at', type: 'varchar', length: 32, nullable: true })
  readAt!: string | null;

  /** A digest kind the person wants by e-mail: when that day's digest goes. */
  @Column({ name: 'digest_at', type: 'varchar', length: 32, nullable: true })
  digestAt!: string | null;

  /** The mail it went in (its own, or a digest); null: not mailed (yet, or by choice). */
  @Column({ name: 'mail_id', type: 'varchar', length: 64, nullable: true })
  mailId!: string | null;
}

@Entity({ name: 'mail_outbox' })
@Index('ix_mail_outbox_status', ['organizationId', 'status'])
export class MailOutboxEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId!: number;

  @Column({ name: 'user_id', type: 'int' })
  userId!: number;

  @Column({ name: 'to_address', type: 'varchar', length: 254 })
  toAddress!: string;

  /** The notification kind, or "digest". */
  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'varchar', length: 500 })
  subject!: string;

  @Column({ name: 'text_body', type: 'text' })
  textBody!: string;

  @Column({ name: 'html_body', type: 'text' })
  htmlBody!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'sent_at', type: 'varchar', length: 32, nullable: true })
  sentAt!: string | null;
}

@Entity({ name: 'webhook_delivery' })
@Index('ix_webhook_delivery_status', ['organizationId', 'status'])
export class WebhookDeliveryEntity {
  /** sha256 of the event: also the payload's `id`, for the receiver to drop a second delivery. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId!: number;

  @Column({ type: 'varchar', length: 32 })
  kind!: NotificationKind;

  /** The JSON body, exactly as signed and posted. */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'delivered_at', type: 'varchar', length: 32, nullable: true })
  deliveredAt!: string | null;
}

@Entity({ name: 'notification_preference' })
export class NotificationPreferenceEntity {
  @PrimaryColumn({ name: 'user_id', type: 'int' })
  userId!: number;

  @Column({ type: 'varchar', length: 2 })
  language!: NotificationLanguage;

  @Column({ name: 'digest_hour', type: 'int' })
  digestHour!: number;

  @Column({ name: 'email_kinds', type: 'simple-json' })
  emailKinds!: NotificationKind[];

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;
}
