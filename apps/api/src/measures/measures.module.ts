import { Module } from '@nestjs/common';
import { MeasureActivationService } from './measure-activation.service';
import { MeasureCommandsService } from './measure-commands.service';
import { MeasureQueriesService } from './measure-queries.service';
import { MeasuresController } from './measures.controller';
import { TemporalClientProvider } from './temporal-client.provider';

@Module({
  controllers: [MeasuresController],
  providers: [TemporalClientProvider, MeasureActivationService, MeasureCommandsService, MeasureQueriesService],
})
export class MeasuresModule {}
