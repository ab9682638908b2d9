/**
 * The one place the repositories are wired to each other (the projection writes audit entries and
 * asks who holds the oversight; identity changes are audited): the Nest module provides these,
 * and scripts and tests that run without Nest build the same set.
 */
import type { DataSource } from 'typeorm';
import { AuditRepository } from './audit.repository';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { IdempotencyRepository } from './idempotency.repository';
import { IdentityRepository } from './identity.repository';
import { MeasureProjectionRepository } from './measure-projection.repository';
import { MeasureReadRepository } from './measure-read.repository';
import { NotificationRepository } from './notification.repository';
import { PlanRepository } from './plan.repository';
import { PlanDraftRepository } from './plan-draft.repository';

export function buildRepositories(dataSource: DataSource) {
  const audit = new AuditRepository(dataSource);
  const identity = new IdentityRepository(dataSource, audit);
  const notifications = new NotificationRepository(dataSource, audit);
  return {
    audit,
    identity,
    plans: new PlanRepository(dataSource, audit),
    drafts: new PlanDraftRepository(dataSource, audit),
    readModel: new MeasureReadRepository(dataSource),
    projection: new MeasureProjectionRepository(dataSource, audit, identity, notifications),
    notifications,
    idempotency: new IdempotencyRepository(dataSource),
    calendarFeeds: new CalendarFeedRepository(dataSource, audit),
  };
}

export type Repositories = ReturnType<typeof buildRepositories>;
