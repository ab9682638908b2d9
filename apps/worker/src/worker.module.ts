import { Module } from '@nestjs/common';
import { ConfigModule } from '@ita/config/config.module';
import { PersistenceModule } from '@ita/persistence/persistence.module';
import { MeasureProjectionActivities } from './measure-projection.activities';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({
  imports: [ConfigModule, PersistenceModule],
  providers: [MeasureProjectionActivities, TemporalWorkerService],
})
export class WorkerModule {}
