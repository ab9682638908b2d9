/**
 * Plans in the store: the only code that reads or writes the plan tables. A plan is saved in one
 * transaction (all or nothing) and can be read back as the same PlanDef it was saved from.
 */
import { DataSource, EntityManager, In } from 'typeorm';
import type { PlanDef, UnitDef } from '../../domain/src/plan/plan.types';
import { DEFAULT_ESCALATION_POLICY } from '../../domain/src/measure/escalation';
import {
  ItaIndicatorEntity, ItaItemEntity, MeasureEntity, OrganizationEntity, PlanEntity, UnitEntity,
} from './entities';

export interface StoredPlan {
  plan: PlanEntity;
  organization: OrganizationEntity;
  definition: PlanDef;
}

export class PlanConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanConflictError';
  }
}

export class PlanRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findOrganization(code: string): Promise<OrganizationEntity | null> {
    return this.dataSource.getRepository(OrganizationEntity).findOneBy({ code });
  }

  async findOrganizationById(id: number): Promise<OrganizationEntity | null> {
    return this.dataSource.getRepository(OrganizationEntity).findOneBy({ id });
  }

  async listOrganizations(): Promise<OrganizationEntity[]> {
    return this.dataSource.getRepository(OrganizationEntity).find({ order: { code: 'ASC' } });
  }

  async listPlans(organizationId: number): Promise<PlanEntity[]> {
    return this.dataSource.getRepository(PlanEntity).find({ where: { organizationId }, order: { fiscalYear: 'DESC' } });
  }

  async findPlan(organizationCode: string, fiscalYear: number): Promise<{ plan: PlanEntity; organization: OrganizationEntity } | null> {
    const organization = await this.findOrganization(organizationCode);
    if (!organization) return null;
    const plan = await this.dataSource.getRepository(PlanEntity).findOneBy({ organizationId: organization.id, fiscalYear });
    return plan ? { plan, organization } : null;
  }

  async setStatus(planId: number, status: PlanEntity['status']): Promise<void> {
    await this.dataSource.getRepository(PlanEntity).update({ id: planId }, { status });
  }

  async listUnits(organizationId: number): Promise<UnitEntity[]> {
    return this.dataSource.getRepository(UnitEntity).find({ where: { organizationId }, order: { code: 'ASC' } });
  }

  async listMeasures(planId: number): Promise<MeasureEntity[]> {
    return this.dataSource.getRepository(MeasureEntity).find({ where: { planId }, order: { seq: 'ASC' } });
  }

  async findMeasure(planId: number, code: string): Promise<MeasureEntity | null> {
    return this.dataSource.getRepository(MeasureEntity).findOneBy({ planId, code });
  }

  async listItaIndicators(planId: number): Promise<ItaIndicatorEntity[]> {
    return this.dataSource.getRepository(ItaIndicatorEntity).find({ where: { planId }, order: { number: 'ASC' } });
  }

  async listItaItems(planId: number): Promise<ItaItemEntity[]> {
    return this.dataSource.getRepository(ItaItemEntity).find({ where: { planId }, order: { id: 'ASC' } });
  }

  /** The stored plan rebuilt as the PlanDef it was imported from (in normal form). */
  async loadPlan(organizationCode: string, fiscalYear: number): Promise<StoredPlan | null> {
    const found = await this.findPlan(organizationCode, fiscalYear);
    if (!found) return null;
    const { plan, organization } = found;
    const [units, indicators, items, measures] = await Promise.all([
      this.dataSource.getRepository(UnitEntity).findBy({ organizationId: organization.id, code: In(plan.unitCodes) }),
      this.listItaIndicators(plan.id),
      this.listItaItems(plan.id),
      this.listMeasures(plan.id),
    ]);
    const unitByCode = new Map(units.map((u) => [u.code, u]));
    const definition: PlanDef = {
      schemaVersion: 1,
      organization: {
        code: organization.code, name: organization.name, shortName: organization.shortName ?? undefined, nameEn: organization.nameEn ?? undefined,
        settings: plan.organizationSettings ?? undefined,
      },
      fiscalYear: plan.fiscalYear,
      source: plan.source ?? undefined,
      units: plan.unitCodes.map((code): UnitDef => {
        const u = unitByCode.get(code);
        return { code, name: u?.name ?? code, nameEn: u?.nameEn ?? undefined, parent: u?.parentCode ?? undefined };
      }),
      oversight: plan.oversight,
      ita: plan.assessmentYear === null ? undefined : {
        assessmentYear: plan.assessmentYear,
        overall: plan.overallScores ?? [],
        indicators: indicators.map((i) => ({ number: i.number, name: i.name, tool: i.tool, scores: i.scores })),
        items: items.map((i) => ({
          code: i.code, indicator: i.indicator, text: i.text, score: i.score ?? undefined, grade: i.grade ?? undefined, subItems: i.subItems ?? undefined,
        })),
      },
      measures: measures.map((m) => ({
        code: m.code, stakeholderGroup: m.stakeholderGroup, priority: m.priority, indicator: m.indicator, title: m.title,
        items: m.items, steps: m.steps, responsibleUnits: m.responsibleUnits, responsibleText: m.responsibleText ?? undefined,
        monitoringGuidelines: m.monitoringGuidelines, reporting: m.reporting, incomplete: m.incomplete, notes: m.notes ?? undefined,
      })),
      corrections: plan.corrections ?? undefined,
    };
    return { plan, organization, definition };
  }

  /**
   * Writes a validated, normalized plan in one transaction. `baseHash` is the content hash the
   * caller's diff was computed against (null for a new plan); if the stored plan changed since,
   * nothing is written and PlanConflictError is thrown.
   */
  async savePlan(def: PlanDef, contentHash: string, baseHash: string | null, defaults: { reportGraceDays: number; escalationIntervalDays: number }): Promise<PlanEntity> {
    return this.dataSource.transaction(async (em) => {
      const organization = await this.upsertOrganization(em, def, defaults);
      await this.upsertUnits(em, organization.id, def.units);
      const plans = em.getRepository(PlanEntity);
      let plan = await plans.findOneBy({ organizationId: organization.id, fiscalYear: def.fiscalYear });
      if ((plan?.contentHash ?? null) !== baseHash) {
        throw new PlanConflictError(`the stored plan changed while this import was prepared (expected ${baseHash ?? 'no plan'}, found ${plan?.contentHash ?? 'no plan'})`);
      }
      const fields = {
        contentHash,
        unitCodes: def.units.map((u) => u.code),
        assessmentYear: def.ita?.assessmentYear ?? null,
        overallScores: def.ita?.overall ?? null,
        oversight: def.oversight,
        organizationSettings: def.organization.settings ?? null,
        source: def.source ?? null,
        corrections: def.corrections ?? null,
      };
      if (plan) {
        const updated = await plans.update({ id: plan.id, contentHash: baseHash ?? undefined }, { ...fields, revision: plan.revision + 1 });
        if (updated.affected !== 1) throw new PlanConflictError('the stored plan changed while this import was applied');
        plan = await plans.findOneByOrFail({ id: plan.id });
      } else {
        plan = await plans.save(plans.create({ organizationId: organization.id, fiscalYear: def.fiscalYear, status: 'imported', revision: 1, ...fields }));
      }
      await this.replaceItaResults(em, plan.id, def);
      await this.replaceMeasures(em, plan.id, def);
      return plan;
    });
  }

  private async upsertOrganization(em: EntityManager, def: PlanDef, defaults: { reportGraceDays: number; escalationIntervalDays: number }): Promise<OrganizationEntity> {
    const repo = em.getRepository(OrganizationEntity);
    const existing = await repo.findOneBy({ code: def.organization.code });
    const settings = def.organization.settings ?? {};
    const fields = {
      name: def.organization.name, shortName: def.organization.shortName ?? null, nameEn: def.organization.nameEn ?? null,
      ...(settings.reportGraceDays !== undefined ? { reportGraceDays: settings.reportGraceDays } : {}),
      ...(settings.escalationIntervalDays !== undefined ? { escalationIntervalDays: settings.escalationIntervalDays } : {}),
      ...(settings.resubmissionDays !== undefined ? { resubmissionDays: settings.resubmissionDays } : {}),
      ...(settings.escalateCadences !== undefined ? { escalateCadences: settings.escalateCadences } : {}),
    };
    if (existing) {
      await repo.update({ id: existing.id }, fields);
      return { ...existing, ...fields };
    }
    return repo.save(repo.create({ code: def.organization.code, ...defaults, escalateCadences: [...DEFAULT_ESCALATION_POLICY.escalateCadences], ...fields }));
  }

  private async upsertUnits(em: EntityManager, organizationId: number, units: UnitDef[]): Promise<void> {
    const repo = em.getRepository(UnitEntity);
    const existing = new Map((await repo.findBy({ organizationId })).map((u) => [u.code, u]));
    for (const unit of units) {
      const fields = { name: unit.name, nameEn: unit.nameEn ?? null, parentCode: unit.parent ?? null };
      const found = existing.get(unit.code);
      if (!found) await repo.insert({ organizationId, code: unit.code, ...fields });
      else if (found.name !== fields.name || found.nameEn !== fields.nameEn || found.parentCode !== fields.parentCode) {
        await repo.update({ id: found.id }, fields);
      }
    }
  }

  private async replaceItaResults(em: EntityManager, planId: number, def: PlanDef): Promise<void> {
    await em.getRepository(ItaIndicatorEntity).delete({ planId });
    await em.getRepository(ItaItemEntity).delete({ planId });
    if (!def.ita) return;
    if (def.ita.indicators.length) {
      await em.getRepository(ItaIndicatorEntity).insert(def.ita.indicators.map((i) => ({ planId, number: i.number, name: i.name, tool: i.tool, scores: i.scores })));
    }
    if (def.ita.items.length) {
      await em.getRepository(ItaItemEntity).insert(def.ita.items.map((i) => ({
        planId, code: i.code, indicator: i.indicator, text: i.text, score: i.score ?? null, grade: i.grade ?? null, subItems: i.subItems ?? null,
      })));
    }
  }

  private async replaceMeasures(em: EntityManager, planId: number, def: PlanDef): Promise<void> {
    const repo = em.getRepository(MeasureEntity);
    const existing = new Map((await repo.findBy({ planId })).map((m) => [m.code, m]));
    const keep = new Set(def.measures.map((m) => m.code));
    const removed = [...existing.values()].filter((m) => !keep.has(m.code)).map((m) => m.id);
    if (removed.length) await repo.delete({ id: In(removed) });
    for (const [seq, m] of def.measures.entries()) {
      const fields = {
        planId, code: m.code, seq, title: m.title, stakeholderGroup: m.stakeholderGroup, priority: m.priority, indicator: m.indicator,
        incomplete: m.incomplete === true, items: m.items, steps: m.steps, responsibleUnits: m.responsibleUnits,
        responsibleText: m.responsibleText ?? null, monitoringGuidelines: m.monitoringGuidelines, reporting: m.reporting, notes: m.notes ?? null,
      };
      const found = existing.get(m.code);
      if (found) await repo.update({ id: found.id }, fields);
      else await repo.insert(fields);
    }
  }
}
