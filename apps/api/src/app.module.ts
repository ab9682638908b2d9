import { Module } from '@nestjs/common';
import { ConfigModule } from '../../../libs/config/src/config.module';
import { PersistenceModule } from '../../../libs/persistence/src/persistence.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { EvidenceModule } from './evidence/evidence.module';
import { HealthController } from './health.controller';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { MeasuresModule } from './measures/measures.module';
import { PlansModule } from './plans/plans.module';

@Module({
  imports: [ConfigModule, PersistenceModule, IdempotencyModule, AuthModule, PlansModule, EvidenceModule, MeasuresModule, AuditModule],
  controllers: [HealthController],
})
export class AppModule {}
