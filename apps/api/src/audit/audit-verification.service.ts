/** Verifies an organization's audit chain (used by the API and the audit-verify command). */
import { Injectable } from '@nestjs/common';
import type { ChainVerdict } from '@ita/persistence/audit-chain';
import { AuditRepository } from '@ita/persistence/audit.repository';
import { PlanRepository } from '@ita/persistence/plan.repository';
import { requireOrganization } from '../http/params';

@Injectable()
export class AuditVerificationService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly audit: AuditRepository,
  ) {}

  async verify(organizationCode: string): Promise<ChainVerdict & { organization: string; verifiedAt: string }> {
    const org = await requireOrganization(this.plans, organizationCode);
    return {
      organization: organizationCode,
      verifiedAt: new Date().toISOString(),
      ...(await this.audit.verify(org.id)),
    };
  }
}
