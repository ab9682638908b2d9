import { Module } from '@nestjs/common';
import { ConfigModule } from '../../../libs/config/src/config.module';
import { PersistenceModule } from '../../../libs/persistence/src/persistence.module';
import { MeasureProjectionActivities } from './measure-projection.activities';
import { TemporalWorkerService } from './temporal-worker.service';

@Module({
  imports: [ConfigModule, PersistenceModule],
  providers: [MeasureProjectionActivities, TemporalWorkerService],
})
export class WorkerModule {}
