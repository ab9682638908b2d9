import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditVerificationService } from './audit-verification.service';

@ApiTags('audit')
@Controller('organizations/:organization/audit')
export class AuditController {
  constructor(private readonly verification: AuditVerificationService) {}

  @Get('verify')
  @ApiOperation({ summary: "Verify the organization's hash-chained audit trail; names the first altered, deleted or reordered entry" })
  verify(@Param('organization') organization: string) {
    return this.verification.verify(organization);
  }
}
