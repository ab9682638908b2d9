import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@ita/config/app-config';
import { APP_CONFIG } from '@ita/config/config.module';
import { openDatabase } from './data-source';
import { AuditRepository } from './audit.repository';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { IdempotencyRepository } from './idempotency.repository';
import { IdentityRepository } from './identity.repository';
import { MeasureProjectionRepository } from './measure-projection.repository';
import { MeasureReadRepository } from './measure-read.repository';
import { NotificationRepository } from './notification.repository';
import { PlanRepository } from './plan.repository';
import { PlanDraftRepository } from './plan-draft.repository';
import { buildRepositories, Repositories } from './repositories';

const REPOSITORIES = Symbol('repositories');

/** Opens the store (running migrations) and provides the repositories built on it. */
@Global()
@Module({
  providers: [
    { provide: DataSource, inject: [APP_CONFIG], useFactory: (config: AppConfig) => openDatabase(config.database) },
    { provide: REPOSITORIES, inject: [DataSource], useFactory: buildRepositories },
    ...(
      [
        [PlanRepository, 'plans'],
        [PlanDraftRepository, 'drafts'],
        [MeasureReadRepository, 'readModel'],
        [MeasureProjectionRepository, 'projection'],
        [AuditRepository, 'audit'],
        [IdentityRepository, 'identity'],
        [IdempotencyRepository, 'idempotency'],
        [NotificationRepository, 'notifications'],
        [CalendarFeedRepository, 'calendarFeeds'],
      ] as const
    ).map(([provide, name]) => ({ provide, inject: [REPOSITORIES], useFactory: (r: Repositories) => r[name] })),
  ],
  exports: [
    DataSource,
    PlanRepository,
    PlanDraftRepository,
    MeasureReadRepository,
    MeasureProjectionRepository,
    AuditRepository,
    IdentityRepository,
    IdempotencyRepository,
    NotificationRepository,
    CalendarFeedRepository,
  ],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
