import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { MeasureActivationService } from './measure-activation.service';
import { MeasureCommandsService } from './measure-commands.service';
import { MeasureQueriesService } from './measure-queries.service';
import { MeasuresController } from './measures.controller';
import { TemporalClientProvider } from './temporal-client.provider';

@Module({
  imports: [EvidenceModule],
  controllers: [MeasuresController],
  providers: [TemporalClientProvider, MeasureActivationService, MeasureCommandsService, MeasureQueriesService],
  // The readiness check asks Temporal through the same bounded client.
  exports: [TemporalClientProvider],
})
export class MeasuresModule {}
