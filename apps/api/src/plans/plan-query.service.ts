/** Read side of plans for the API: organizations, plans, measures and ITA results, from SQL. */
import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { resolveItaThresholds } from '@ita/domain/ita/ita-classes';
import { ALL_UNITS, ALL_UNITS_LABEL, CADENCE_LABELS, RECIPIENT_LABELS } from '@ita/domain/plan/plan.types';
import type { MeasureEntity, OrganizationEntity, UnitEntity } from '@ita/persistence/entities';
import { requireOrganization } from '../http/params';
import { MeasureReadRepository } from '@ita/persistence/measure-read.repository';
import { PlanRepository } from '@ita/persistence/plan.repository';

@Injectable()
export class PlanQueryService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly readModel: MeasureReadRepository,
  ) {}

  async listOrganizations(only: string) {
    const organizations = [await this.plans.findOrganization(only)].filter((o) => o !== null);
    return Promise.all(
      organizations.map(async (o) => ({
        code: o.code,
        name: o.name,
        shortName: o.shortName,
        nameEn: o.nameEn,
        reportGraceDays: o.reportGraceDays,
        escalationIntervalDays: o.escalationIntervalDays,
        resubmissionDays: o.resubmissionDays,
        escalateCadences: o.escalateCadences,
        ...itaThresholdsOf(o),
        plans: (await this.plans.listPlans(o.id)).map((p) => ({
          fiscalYear: p.fiscalYear,
          status: p.status,
          revision: p.revision,
        })),
      })),
    );
  }

  async getPlan(organizationCode: string, fiscalYear: number) {
    const { plan, organization } = await this.requirePlan(organizationCode, fiscalYear);
    const [units, measures] = await Promise.all([
      this.plans.listUnits(organization.id),
      this.plans.listMeasures(plan.id),
    ]);
    return {
      organization: { code: organization.code, name: organization.name, shortName: organization.shortName },
      fiscalYear: plan.fiscalYear,
      status: plan.status,
      revision: plan.revision,
      contentHash: plan.contentHash,
      oversight: plan.oversight,
      units: units
        .filter((u) => plan.unitCodes.includes(u.code))
        .map((u) => ({ code: u.code, name: u.name, nameEn: u.nameEn, parent: u.parentCode })),
      measureCount: measures.length,
      incompleteMeasures: measures.filter((m) => m.incomplete).map((m) => m.code),
      corrections: plan.corrections ?? [],
      source: plan.source,
    };
  }

  /** The plan's measures; once activated, each with its run: status, current quarter and per-quarter status. */
  async listMeasures(organizationCode: string, fiscalYear: number) {
    const { plan, organization } = await this.requirePlan(organizationCode, fiscalYear);
    const [units, measures, runs] = await Promise.all([
      this.plans.listUnits(organization.id),
      this.plans.listMeasures(plan.id),
      this.readModel.listRuns(organization.id, fiscalYear),
    ]);
    const runByCode = new Map(runs.map((r) => [r.measureCode, r]));
    return measures.map((m) => {
      const run = runByCode.get(m.code);
      return {
        ...summarizeMeasure(m, units),
        run: run
          ? {
              status: run.status,
              currentQuarter: run.currentQuarter,
              quarterStatuses: run.quarterStatuses,
              workflowId: run.workflowId,
            }
          : null,
      };
    });
  }

  async getMeasure(organizationCode: string, fiscalYear: number, code: string) {
    const { plan, organization } = await this.requirePlan(organizationCode, fiscalYear);
    const measure = await this.plans.findMeasure(plan.id, code);
    if (!measure) {
      throw new DomainError(
        DomainErrorCode.MeasureNotFound,
        `no measure "${code}" in plan ${organizationCode}/${fiscalYear}`,
        [{ path: 'code', message: `"${code}" not found` }],
      );
    }
    const units = await this.plans.listUnits(organization.id);
    return {
      ...summarizeMeasure(measure, units),
      responsibleText: measure.responsibleText,
      steps: measure.steps,
      monitoringGuidelines: measure.monitoringGuidelines,
      reporting: measure.reporting.map((r) => ({
        ...r,
        label: CADENCE_LABELS[r.cadence],
        recipientLabel: RECIPIENT_LABELS[r.recipient],
      })),
      notes: measure.notes ?? [],
    };
  }

  async getItaResults(organizationCode: string, fiscalYear: number) {
    const { plan } = await this.requirePlan(organizationCode, fiscalYear);
    const [indicators, items] = await Promise.all([
      this.plans.listItaIndicators(plan.id),
      this.plans.listItaItems(plan.id),
    ]);
    return {
      assessmentYear: plan.assessmentYear,
      overall: plan.overallScores ?? [],
      indicators: indicators.map((i) => ({ number: i.number, name: i.name, tool: i.tool, scores: i.scores })),
      items: items.map((i) => ({
        code: i.code,
        indicator: i.indicator,
        text: i.text,
        score: i.score,
        grade: i.grade,
        subItems: i.subItems ?? [],
      })),
    };
  }

  private async requirePlan(organizationCode: string, fiscalYear: number) {
    const found = await this.plans.findPlan(organizationCode, fiscalYear);
    if (found) return found;
    await requireOrganization(this.plans, organizationCode);
    throw new DomainError(
      DomainErrorCode.PlanNotFound,
      `organization ${organizationCode} has no plan for fiscal year ${fiscalYear}`,
      [{ path: 'fiscalYear', message: `no plan for ${fiscalYear}` }],
    );
  }
}

function summarizeMeasure(m: MeasureEntity, units: UnitEntity[]) {
  const byCode = new Map(units.map((u) => [u.code, u]));
  return {
    code: m.code,
    title: m.title,
    stakeholderGroup: m.stakeholderGroup,
    priority: m.priority,
    indicator: m.indicator,
    incomplete: m.incomplete,
    items: m.items,
    stepCount: m.steps.length,
    quarters: [...new Set(m.steps.flatMap((s) => s.quarters))].sort(),
    /** Some step's quarters are an assumption (the source's schedule was lost). */
    scheduleAssumed: m.steps.some((s) => s.scheduleAssumed === true),
    responsibleUnits: m.responsibleUnits.map((code) =>
      code === ALL_UNITS
        ? { code, name: ALL_UNITS_LABEL.th, nameEn: ALL_UNITS_LABEL.en }
        : { code, name: byCode.get(code)?.name ?? code, nameEn: byCode.get(code)?.nameEn ?? null },
    ),
    leadUnit: m.leadUnit,
    cadences: m.reporting.map((r) => ({
      cadence: r.cadence,
      label: CADENCE_LABELS[r.cadence].th,
      labelEn: CADENCE_LABELS[r.cadence].en,
      recipient: r.recipient,
      from: r.from ?? null,
    })),
  };
}

/** The ITA bands in force for the organization: its own, or the domain's defaults. */
function itaThresholdsOf(o: OrganizationEntity) {
  const { thresholds, source } = resolveItaThresholds(o.itaThresholds ? { itaThresholds: o.itaThresholds } : undefined);
  return { itaThresholds: thresholds, itaThresholdsSource: source };
}
