import { Module } from '@nestjs/common';
import { AuditVerificationService } from './audit-verification.service';
import { AuditController } from './audit.controller';

@Module({ controllers: [AuditController], providers: [AuditVerificationService], exports: [AuditVerificationService] })
export class AuditModule {}
