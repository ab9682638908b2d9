import { InitialSchema1732400000000 } from './1732400000000-initial-schema';
import { MeasureReadModel1732500000000 } from './1732500000000-measure-read-model';
import { EvidenceFiles1732600000000 } from './1732600000000-evidence-files';
import { OrganizationSettings1732700000000 } from './1732700000000-organization-settings';
import { AuditChain1732800000000 } from './1732800000000-audit-chain';
import { LargeTextOnMysql1732900000000 } from './1732900000000-large-text-on-mysql';
import { Identity1733000000000 } from './1733000000000-identity';
import { IdempotencyRecords1733100000000 } from './1733100000000-idempotency-records';
import { ReportRounds1733200000000 } from './1733200000000-report-rounds';
import { StepOwners1733300000000 } from './1733300000000-step-owners';
import { OrganizationItaThresholds1733400000000 } from './1733400000000-organization-ita-thresholds';
import { YearClose1733450000000 } from './1733450000000-year-close';
import { PlanDrafts1733600000000 } from './1733600000000-plan-drafts';
import { Notifications1733700000000 } from './1733700000000-notifications';
import { WebhookRegisteredAt1733750000000 } from './1733750000000-webhook-registered-at';
import { CalendarFeed1733800000000 } from './1733800000000-calendar-feed';

/** Every migration, oldest first. Run on start; `synchronize` is never on outside tests. */
export const MIGRATIONS = [
  InitialSchema1732400000000,
  MeasureReadModel1732500000000,
  EvidenceFiles1732600000000,
  OrganizationSettings1732700000000,
  AuditChain1732800000000,
  LargeTextOnMysql1732900000000,
  Identity1733000000000,
  IdempotencyRecords1733100000000,
  ReportRounds1733200000000,
  StepOwners1733300000000,
  OrganizationItaThresholds1733400000000,
  YearClose1733450000000,
  PlanDrafts1733600000000,
  Notifications1733700000000,
  WebhookRegisteredAt1733750000000,
  CalendarFeed1733800000000,
];
