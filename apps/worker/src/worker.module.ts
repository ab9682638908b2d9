import { Module } from '@nestjs/common';
import type { AppConfig } from '@ita/config/app-config';
import { APP_CONFIG, ConfigModule } from '@ita/config/config.module';
import { MeasureProjectionRepository } from '@ita/persistence/measure-projection.repository';
import { PersistenceModule } from '@ita/persistence/persistence.module';
import { MeasureProjectionActivities } from './measure-projection.activities';
import { NotificationActivities } from './notification.activities';
import { notifierWaker } from './notifier-waker';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({
  imports: [ConfigModule, PersistenceModule],
  providers: [
    {
      provide: MeasureProjectionActivities,
      inject: [MeasureProjectionRepository, APP_CONFIG],
      useFactory: (projection: MeasureProjectionRepository, config: AppConfig) =>
        new MeasureProjectionActivities(projection, notifierWaker(config.temporal.taskQueue)),
    },
    NotificationActivities,
    TemporalWorkerService,
  ],
})
export class WorkerModule {}
