/**
 * The ITA analysis of a stored plan: its results classed by the organization's thresholds (the
 * values in force, on the organization), set against its measures, with last year's scores taken
 * from the plan of the fiscal year before when one is stored.
 */
import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { analyseIta } from '@ita/domain/ita/ita-analysis';
import { ITA_CLASS_LABELS, ITA_CLASSES } from '@ita/domain/ita/ita-analysis.types';
import type { PlanDef } from '@ita/domain/plan/plan.types';
import { PlanRepository, StoredPlan } from '@ita/persistence/plan.repository';
import { requireStoredPlan } from '../http/params';

@Injectable()
export class ItaAnalysisService {
  constructor(private readonly plans: PlanRepository) {}

  async analyse(organizationCode: string, fiscalYear: number) {
    const stored = await this.requireStoredPlan(organizationCode, fiscalYear);
    if (!stored.definition.ita)
      throw new DomainError(
        DomainErrorCode.NotFound,
        `plan ${organizationCode}/${fiscalYear} has no ITA results: import them first (POST …/plans/${fiscalYear}/ita)`,
        [{ path: 'ita', message: 'is absent' }],
      );
    const previous = await this.plans.loadPlan(organizationCode, fiscalYear - 1);
    const previousIta = previous?.definition.ita;
    const analysis = analyseIta(withOrganizationThresholds(stored), { previous: previousIta });
    return {
      organization: stored.organization.code,
      fiscalYear,
      previousResults: previousIta ? { fiscalYear: fiscalYear - 1, assessmentYear: previousIta.assessmentYear } : null,
      classes: ITA_CLASSES.map((c) => ({ class: c, label: ITA_CLASS_LABELS[c] })),
      ...analysis,
    };
  }

  /** The stored plan, or a 404 naming the organization or the fiscal year. */
  requireStoredPlan(organizationCode: string, fiscalYear: number): Promise<StoredPlan> {
    return requireStoredPlan(this.plans, organizationCode, fiscalYear);
  }
}

/** The plan as analysed: with the thresholds the organization has in force, where it has its own. */
function withOrganizationThresholds({ definition, organization }: StoredPlan): PlanDef {
  if (!organization.itaThresholds) return definition;
  return {
    ...definition,
    organization: {
      ...definition.organization,
      settings: { ...definition.organization.settings, itaThresholds: organization.itaThresholds },
    },
  };
}
