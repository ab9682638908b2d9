import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/src/app-config';
import { APP_CONFIG } from '../../config/src/config.module';
import { openDatabase } from './data-source';
import { AuditRepository } from './audit.repository';
import { IdempotencyRepository } from './idempotency.repository';
import { IdentityRepository } from './identity.repository';
import { MeasureReadRepository } from './measure-read.repository';
import { PlanRepository } from './plan.repository';

/** Opens the store (running migrations) and provides the repositories built on it. */
@Global()
@Module({
  providers: [
    { provide: DataSource, inject: [APP_CONFIG], useFactory: (config: AppConfig) => openDatabase(config.database) },
    { provide: AuditRepository, inject: [DataSource], useFactory: (ds: DataSource) => new AuditRepository(ds) },
    { provide: PlanRepository, inject: [DataSource, AuditRepository], useFactory: (ds: DataSource, audit: AuditRepository) => new PlanRepository(ds, audit) },
    { provide: MeasureReadRepository, inject: [DataSource], useFactory: (ds: DataSource) => new MeasureReadRepository(ds) },
    { provide: IdentityRepository, inject: [DataSource], useFactory: (ds: DataSource) => new IdentityRepository(ds) },
    { provide: IdempotencyRepository, inject: [DataSource], useFactory: (ds: DataSource) => new IdempotencyRepository(ds) },
  ],
  exports: [DataSource, PlanRepository, MeasureReadRepository, AuditRepository, IdentityRepository, IdempotencyRepository],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
