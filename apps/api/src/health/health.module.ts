import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { MeasuresModule } from '../measures/measures.module';
import { HealthController } from './health.controller';
import { ReadinessService } from './readiness.service';
import { TemporalHealthIndicator } from './temporal-health.indicator';

@Module({
  // terminus' own logger writes to the console directly; the readiness service logs through Nest's.
  imports: [TerminusModule.forRoot({ logger: false }), MeasuresModule],
  controllers: [HealthController],
  providers: [ReadinessService, TemporalHealthIndicator],
})
export class HealthModule {}
