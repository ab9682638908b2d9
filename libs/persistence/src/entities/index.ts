import { CalendarFeedTokenEntity } from './calendar-feed.entity';
import { EvidenceFileEntity } from './evidence-file.entity';
import { IdempotencyRecordEntity } from './idempotency-record.entity';
import { DelegationEntity, LoginThrottleEntity, RefreshTokenEntity, UserAccountEntity } from './identity.entity';
import { ItaIndicatorEntity, ItaItemEntity } from './ita-result.entity';
import { MeasureEntity } from './measure.entity';
import {
  MailOutboxEntity,
  NotificationEntity,
  NotificationEventEntity,
  NotificationPreferenceEntity,
  WebhookDeliveryEntity,
} from './notification.entity';
import { OrganizationEntity } from './organization.entity';
import { PlanEntity } from './plan.entity';
import { PlanDraftEntity } from './plan-draft.entity';
import {
  AuditChainHeadEntity,
  AuditEntryEntity,
  EscalationEntity,
  MeasureRunEntity,
  ReportEntity,
  TaskEntity,
} from './read-model.entity';
import { UnitEntity } from './unit.entity';

export { EvidenceFileEntity, IdempotencyRecordEntity };
export type { IdempotencyState } from './idempotency-record.entity';
export { DelegationEntity, LoginThrottleEntity, RefreshTokenEntity, UserAccountEntity };
export { AuditChainHeadEntity, AuditEntryEntity, EscalationEntity, MeasureRunEntity, ReportEntity, TaskEntity };
export { ItaIndicatorEntity, ItaItemEntity, MeasureEntity, OrganizationEntity, PlanEntity, UnitEntity };
export { PlanDraftEntity };
export {
  MailOutboxEntity,
  NotificationEntity,
  NotificationEventEntity,
  NotificationPreferenceEntity,
  WebhookDeliveryEntity,
};
export type { OutboxStatus } from './notification.entity';
export { CalendarFeedTokenEntity };

export const ENTITIES = [
  OrganizationEntity,
  UnitEntity,
  PlanEntity,
  ItaIndicatorEntity,
  ItaItemEntity,
  MeasureEntity,
  MeasureRunEntity,
  TaskEntity,
  ReportEntity,
  EscalationEntity,
  AuditEntryEntity,
  EvidenceFileEntity,
  AuditChainHeadEntity,
  UserAccountEntity,
  DelegationEntity,
  RefreshTokenEntity,
  LoginThrottleEntity,
  IdempotencyRecordEntity,
  PlanDraftEntity,
  NotificationEventEntity,
  NotificationEntity,
  MailOutboxEntity,
  WebhookDeliveryEntity,
  NotificationPreferenceEntity,
  CalendarFeedTokenEntity,
];
