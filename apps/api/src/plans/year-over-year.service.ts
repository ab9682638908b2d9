/** The year over year of ITA items, from two stored plans and the earlier year's tasks (read model). */
import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { itaYearOverYear } from '@ita/domain/ita/ita-year-over-year';
import { measureProgress } from '@ita/domain/plan/plan.progress';
import { MeasureReadRepository } from '@ita/persistence/measure-read.repository';
import { PlanRepository } from '@ita/persistence/plan.repository';
import { requireOrganization, requireStoredPlan } from '../http/params';

@Injectable()
export class YearOverYearService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly readModel: MeasureReadRepository,
  ) {}

  /** `fiscalYear`'s measures and results against `laterYear`'s results (default: the next year). */
  async view(organizationCode: string, fiscalYear: number, laterYear = fiscalYear + 1) {
    const organization = await requireOrganization(this.plans, organizationCode);
    if (laterYear <= fiscalYear) {
      throw new DomainError(DomainErrorCode.InvalidArgument, `compare with a year after ${fiscalYear}`, [
        { path: 'compareWith', message: `${laterYear} is not after ${fiscalYear}` },
      ]);
    }
    const last = await requireStoredPlan(this.plans, organizationCode, fiscalYear);
    const later = await this.plans.loadPlan(organizationCode, laterYear);
    const counts = await this.readModel.stepTaskCounts(organization.id, fiscalYear);
    const progress = Object.fromEntries(
      last.definition.measures.map((m) => [
        m.code,
        measureProgress(
          m,
          counts.filter((c) => c.measureCode === m.code),
        ),
      ]),
    );
    return itaYearOverYear(last.definition, progress, later?.definition);
  }
}
