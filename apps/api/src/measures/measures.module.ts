import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { MeasureActivationService } from './measure-activation.service';
import { MeasureCommandsService } from './measure-commands.service';
import { MeasureQueriesService } from './measure-queries.service';
import { EscalationsController } from './escalations.controller';
import { MeasuresController } from './measures.controller';
import { PlanActivationController } from './plan-activation.controller';
import { ReportsController } from './reports.controller';
import { TemporalClientProvider } from './temporal-client.provider';
import { YearCloseController } from './year-close.controller';
import { YearCloseService } from './year-close.service';

@Module({
  imports: [EvidenceModule],
  controllers: [
    PlanActivationController,
    YearCloseController,
    MeasuresController,
    ReportsController,
    EscalationsController,
  ],
  providers: [
    TemporalClientProvider,
    MeasureActivationService,
    MeasureCommandsService,
    MeasureQueriesService,
    YearCloseService,
  ],
  // The readiness check asks Temporal through the same bounded client; the calendar feed tells tasks by their step texts.
  exports: [TemporalClientProvider, MeasureQueriesService],
})
export class MeasuresModule {}
