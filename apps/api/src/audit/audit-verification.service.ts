/** Verifies an organization's audit chain (used by the API and the audit-verify command). */
import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import type { ChainVerdict } from '../../../../libs/persistence/src/audit-chain';
import { AuditRepository } from '../../../../libs/persistence/src/audit.repository';
import { PlanRepository } from '../../../../libs/persistence/src/plan.repository';

@Injectable()
export class AuditVerificationService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly audit: AuditRepository,
  ) {}

  async verify(organizationCode: string): Promise<ChainVerdict & { organization: string; verifiedAt: string }> {
    const org = await this.plans.findOrganization(organizationCode);
    if (!org) throw new DomainError(DomainErrorCode.OrganizationNotFound, `no organization "${organizationCode}"`, [{ path: 'organization', message: 'not found' }]);
    return { organization: organizationCode, verifiedAt: new Date().toISOString(), ...(await this.audit.verify(org.id)) };
  }
}
