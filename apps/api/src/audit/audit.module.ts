import { Module } from '@nestjs/common';
import { AuditQueryService } from './audit-query.service';
import { AuditVerificationService } from './audit-verification.service';
import { AuditController } from './audit.controller';

@Module({
  controllers: [AuditController],
  providers: [AuditVerificationService, AuditQueryService],
  exports: [AuditVerificationService],
})
export class AuditModule {}
