/**
 * Plans in the store: the only code that reads or writes the plan tables. A plan is saved in one
 * transaction (all or nothing) and can be read back as the same PlanDef it was saved from. Every
 * import, activation and closing of a year, and every change an import makes to its organization (settings, units),
 * is an entry in the organization's audit chain, written in the same transaction as the change.
 */
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuditRecord } from '@ita/contracts/measure.contracts';
import type { PlanDef, UnitDef } from '@ita/domain/plan/plan.types';
import { DEFAULT_ESCALATION_POLICY } from '@ita/domain/measure/escalation';
import { AuditRepository } from './audit.repository';
import {
  ItaIndicatorEntity,
  ItaItemEntity,
  MeasureEntity,
  OrganizationEntity,
  PlanEntity,
  UnitEntity,
} from './entities';
import type { AuditActor } from './identity.repository';

export interface StoredPlan {
  plan: PlanEntity;
  organization: OrganizationEntity;
  definition: PlanDef;
}

/** An import as the audit trail records it: who, and what the importer made of the file. */
export interface PlanImportAudit {
  by: AuditActor;
  /** Recorded with the revision and hashes, e.g. the size of the diff and its paths. */
  details: Record<string, unknown>;
  /**
   * Written in the same transaction after the plan (an approved draft marks its approval), so the
   * two are stored together or not at all; it runs under the organization's chain-head lock.
   */
  alsoInTransaction?: (em: EntityManager, plan: PlanEntity) => Promise<void>;
}

/** An activation as the audit trail records it: who, on which calendar, and what it started. */
export interface PlanActivationAudit {
  by: AuditActor;
  calendar: { compressed: boolean; start: string; end: string; quarterSeconds?: number };
  started: string[];
  alreadyStarted: string[];
  skipped: string[];
}

/** A year's closing as the audit trail records it: who, and what became of each measure. */
export interface PlanClosingAudit {
  by: AuditActor;
  /** The delegation the closer acted under, if any. */
  authority: string | null;
  /** Measures closed now, and those that had completed before (on their own, or closed by an earlier call). */
  closed: string[];
  alreadyCompleted: string[];
  /** Measures without a running workflow (never started, terminated). */
  notRunning: string[];
  reportsNotDelivered: number;
  reportsNotDecided: number;
  escalationsEnded: number;
  tasksNotDone: number;
  tasksNotDecided: number;
}

/** The organization's fields an import sets, as recorded before and after. */
const ORGANIZATION_FIELDS = [
  'name',
  'shortName',
  'nameEn',
  'reportGraceDays',
  'escalationIntervalDays',
  'resubmissionDays',
  'escalateCadences',
  'itaThresholds',
] as const;
const UNIT_FIELDS = ['name', 'nameEn', 'parentCode'] as const;

export class PlanConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanConflictError';
  }
}

export class PlanRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
  ) {}

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

  async findPlan(
    organizationCode: string,
    fiscalYear: number,
  ): Promise<{ plan: PlanEntity; organization: OrganizationEntity } | null> {
    const organization = await this.findOrganization(organizationCode);
    if (!organization) return null;
    const plan = await this.dataSource
      .getRepository(PlanEntity)
      .findOneBy({ organizationId: organization.id, fiscalYear });
    return plan ? { plan, organization } : null;
  }

  /**
   * Marks a plan active once its measures were started, with a `plan.activated` entry in the
   * same transaction, if the activation changed anything: it started a measure, or the plan
   * becomes active now. Activating again with nothing left to start records nothing (the
   * workflows' ids make it a no-op, and retries would otherwise fill the trail). False if
   * nothing was recorded.
   */
  async markActive(
    organization: OrganizationEntity,
    planId: number,
    activation: PlanActivationAudit,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      await this.audit.lockHead(em, organization.id);
      const plans = em.getRepository(PlanEntity);
      const plan = await plans.findOneByOrFail({ id: planId });
      if (plan.status === 'active' && !activation.started.length) return false;
      if (plan.status !== 'active') await plans.update({ id: planId }, { status: 'active' });
      const { by, calendar, started, alreadyStarted, skipped } = activation;
      await this.audit.appendAdministrative(
        em,
        organization.id,
        organization.code,
        {
          ...actor(by),
          action: 'plan.activated',
          entity: 'plan',
          key: String(plan.fiscalYear),
          at: new Date().toISOString(),
          before: { status: plan.status },
          after: {
            status: 'active',
            fiscalYear: plan.fiscalYear,
            revision: plan.revision,
            contentHash: plan.contentHash,
            calendar,
            started: started.length,
            alreadyStarted: alreadyStarted.length,
            skipped: skipped.length,
            startedMeasures: started,
            skippedMeasures: skipped,
          },
        },
        plan.fiscalYear,
      );
      return true;
    });
  }

  /**
   * Marks a plan closed once every measure of its year has completed, with a `plan.closed` entry
   * (which year, who, what became of its measures) in the same transaction, if the closing
   * changed anything: it closed a measure, or the plan becomes closed now. Closing again with
   * nothing left to close records nothing. False if nothing was recorded.
   */
  async markClosed(organization: OrganizationEntity, planId: number, closing: PlanClosingAudit): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      await this.audit.lockHead(em, organization.id);
      const plans = em.getRepository(PlanEntity);
      const plan = await plans.findOneByOrFail({ id: planId });
      if (plan.status === 'closed' && !closing.closed.length) return false;
      if (plan.status !== 'closed') await plans.update({ id: planId }, { status: 'closed' });
      const { by, authority, ...what } = closing;
      await this.audit.appendAdministrative(
        em,
        organization.id,
        organization.code,
        {
          ...actor(by),
          action: 'plan.closed',
          entity: 'plan',
          key: String(plan.fiscalYear),
          at: new Date().toISOString(),
          authority,
          before: { status: plan.status },
          after: { status: 'closed', fiscalYear: plan.fiscalYear, revision: plan.revision, ...what },
        },
        plan.fiscalYear,
      );
      return true;
    });
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
        code: organization.code,
        name: organization.name,
        shortName: organization.shortName ?? undefined,
        nameEn: organization.nameEn ?? undefined,
        settings: plan.organizationSettings ?? undefined,
      },
      fiscalYear: plan.fiscalYear,
      source: plan.source ?? undefined,
      units: plan.unitCodes.map((code): UnitDef => {
        const u = unitByCode.get(code);
        return { code, name: u?.name ?? code, nameEn: u?.nameEn ?? undefined, parent: u?.parentCode ?? undefined };
      }),
      oversight: plan.oversight,
      ita:
        plan.assessmentYear === null
          ? undefined
          : {
              assessmentYear: plan.assessmentYear,
              overall: plan.overallScores ?? [],
              indicators: indicators.map((i) => ({ number: i.number, name: i.name, tool: i.tool, scores: i.scores })),
              items: items.map((i) => ({
                code: i.code,
                indicator: i.indicator,
                text: i.text,
                score: i.score ?? undefined,
                grade: i.grade ?? undefined,
                subItems: i.subItems ?? undefined,
              })),
            },
      measures: measures.map((m) => ({
        code: m.code,
        stakeholderGroup: m.stakeholderGroup,
        priority: m.priority,
        indicator: m.indicator,
        title: m.title,
        items: m.items,
        steps: m.steps,
        responsibleUnits: m.responsibleUnits,
        leadUnit: m.leadUnit ?? undefined,
        responsibleText: m.responsibleText ?? undefined,
        monitoringGuidelines: m.monitoringGuidelines,
        reporting: m.reporting,
        incomplete: m.incomplete,
        notes: m.notes ?? undefined,
      })),
      corrections: plan.corrections ?? undefined,
    };
    return { plan, organization, definition };
  }

  /**
   * Writes a validated, normalized plan in one transaction, with its audit entries: the
   * organization created or its settings changed, each unit added or changed, and the
   * `plan.imported` entry itself. `baseHash` is the content hash the caller's diff was computed
   * against (null for a new plan); if the stored plan changed since, nothing is written and
   * PlanConflictError is thrown. The entries carry the plan's fiscal year, so an auditor finds
   * them with the year's other history.
   */
  async savePlan(
    def: PlanDef,
    contentHash: string,
    baseHash: string | null,
    defaults: { reportGraceDays: number; escalationIntervalDays: number },
    audit: PlanImportAudit,
  ): Promise<PlanEntity> {
    // An organization's id never changes, so it is looked up first, outside the transaction, and
    // the transaction starts by locking that organization's chain head (see AuditRepository.lockHead).
    const known = await this.findOrganization(def.organization.code);
    return this.dataSource.transaction(async (em) => {
      if (known) await this.audit.lockHead(em, known.id);
      const { organization, before } = await this.upsertOrganization(em, def, defaults, known);
      const at = new Date().toISOString();
      const record = (r: Omit<AuditRecord, 'actorId' | 'actorRole' | 'actorUnit' | 'at'>) =>
        this.audit.appendAdministrative(
          em,
          organization.id,
          organization.code,
          { ...actor(audit.by), ...r, at },
          def.fiscalYear,
        );
      const after = pick(organization, ORGANIZATION_FIELDS);
      if (!before)
        await record({
          action: 'organization.created',
          entity: 'organization',
          key: organization.code,
          before: null,
          after,
        });
      else {
        const was = pick(before, ORGANIZATION_FIELDS);
        const changed = changedFields(was, after);
        if (changed.length) {
          await record({
            action: 'organization.updated',
            entity: 'organization',
            key: organization.code,
            before: pickOnly(was, changed),
            after: pickOnly(after, changed),
          });
        }
      }
      for (const u of await this.upsertUnits(em, organization.id, def.units)) {
        if (!u.before)
          await record({ action: 'unit.added', entity: 'unit', key: u.code, before: null, after: u.after });
        else {
          const changed = changedFields(u.before, u.after);
          await record({
            action: 'unit.updated',
            entity: 'unit',
            key: u.code,
            before: pickOnly(u.before, changed),
            after: pickOnly(u.after, changed),
          });
        }
      }

      const plans = em.getRepository(PlanEntity);
      let plan = await plans.findOneBy({ organizationId: organization.id, fiscalYear: def.fiscalYear });
      if ((plan?.contentHash ?? null) !== baseHash) {
        throw new PlanConflictError(
          `the stored plan changed while this import was prepared (expected ${baseHash ?? 'no plan'}, found ${plan?.contentHash ?? 'no plan'})`,
        );
      }
      const previous = plan ? { revision: plan.revision, contentHash: plan.contentHash, status: plan.status } : null;
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
        const updated = await plans.update(
          { id: plan.id, contentHash: baseHash ?? undefined },
          { ...fields, revision: plan.revision + 1 },
        );
        if (updated.affected !== 1)
          throw new PlanConflictError('the stored plan changed while this import was applied');
        plan = await plans.findOneByOrFail({ id: plan.id });
      } else {
        plan = await plans.save(
          plans.create({
            organizationId: organization.id,
            fiscalYear: def.fiscalYear,
            status: 'imported',
            revision: 1,
            ...fields,
          }),
        );
      }
      await this.replaceItaResults(em, plan.id, def);
      await this.replaceMeasures(em, plan.id, def);
      await record({
        action: 'plan.imported',
        entity: 'plan',
        key: String(def.fiscalYear),
        before: previous,
        after: {
          fiscalYear: def.fiscalYear,
          revision: plan.revision,
          contentHash,
          baseHash,
          status: plan.status,
          ...audit.details,
        },
      });
      await audit.alsoInTransaction?.(em, plan);
      return plan;
    });
  }

  /**
   * Creates the organization, or updates the one found before the transaction (re-read here,
   * under the chain head's lock, for the values the audit entry records as before). A new one is
   * inserted without reading first: on SQLite a transaction's first statement must write.
   */
  private async upsertOrganization(
    em: EntityManager,
    def: PlanDef,
    defaults: { reportGraceDays: number; escalationIntervalDays: number },
    known: OrganizationEntity | null,
  ): Promise<{ organization: OrganizationEntity; before: OrganizationEntity | null }> {
    const repo = em.getRepository(OrganizationEntity);
    const settings = def.organization.settings ?? {};
    const fields = {
      name: def.organization.name,
      shortName: def.organization.shortName ?? null,
      nameEn: def.organization.nameEn ?? null,
      ...(settings.reportGraceDays !== undefined ? { reportGraceDays: settings.reportGraceDays } : {}),
      ...(settings.escalationIntervalDays !== undefined
        ? { escalationIntervalDays: settings.escalationIntervalDays }
        : {}),
      ...(settings.resubmissionDays !== undefined ? { resubmissionDays: settings.resubmissionDays } : {}),
      ...(settings.escalateCadences !== undefined ? { escalateCadences: settings.escalateCadences } : {}),
      ...(settings.itaThresholds !== undefined
        ? {
            itaThresholds: {
              urgentBelow: settings.itaThresholds.urgentBelow,
              strengthAbove: settings.itaThresholds.strengthAbove,
            },
          }
        : {}),
    };
    if (known) {
      const before = await repo.findOneByOrFail({ id: known.id });
      await repo.update({ id: known.id }, fields);
      return { organization: { ...before, ...fields }, before };
    }
    const { identifiers } = await repo.insert({
      code: def.organization.code,
      ...defaults,
      escalateCadences: [...DEFAULT_ESCALATION_POLICY.escalateCadences],
      ...fields,
    });
    return { organization: await repo.findOneByOrFail({ id: Number(identifiers[0].id) }), before: null };
  }

  /** Adds the plan's new units and updates changed ones; what it changed, for the audit trail. */
  private async upsertUnits(em: EntityManager, organizationId: number, units: UnitDef[]): Promise<UnitChange[]> {
    const repo = em.getRepository(UnitEntity);
    const existing = new Map((await repo.findBy({ organizationId })).map((u) => [u.code, u]));
    const changes: UnitChange[] = [];
    for (const unit of units) {
      const fields = { name: unit.name, nameEn: unit.nameEn ?? null, parentCode: unit.parent ?? null };
      const found = existing.get(unit.code);
      if (!found) {
        await repo.insert({ organizationId, code: unit.code, ...fields });
        changes.push({ code: unit.code, before: null, after: fields });
      } else if (changedFields(pick(found, UNIT_FIELDS), fields).length) {
        await repo.update({ id: found.id }, fields);
        changes.push({ code: unit.code, before: pick(found, UNIT_FIELDS), after: fields });
      }
    }
    return changes;
  }

  private async replaceItaResults(em: EntityManager, planId: number, def: PlanDef): Promise<void> {
    await em.getRepository(ItaIndicatorEntity).delete({ planId });
    await em.getRepository(ItaItemEntity).delete({ planId });
    if (!def.ita) return;
    if (def.ita.indicators.length) {
      await em
        .getRepository(ItaIndicatorEntity)
        .insert(
          def.ita.indicators.map((i) => ({ planId, number: i.number, name: i.name, tool: i.tool, scores: i.scores })),
        );
    }
    if (def.ita.items.length) {
      await em.getRepository(ItaItemEntity).insert(
        def.ita.items.map((i) => ({
          planId,
          code: i.code,
          indicator: i.indicator,
          text: i.text,
          score: i.score ?? null,
          grade: i.grade ?? null,
          subItems: i.subItems ?? null,
        })),
      );
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
        planId,
        code: m.code,
        seq,
        title: m.title,
        stakeholderGroup: m.stakeholderGroup,
        priority: m.priority,
        indicator: m.indicator,
        incomplete: m.incomplete === true,
        items: m.items,
        steps: m.steps,
        responsibleUnits: m.responsibleUnits,
        leadUnit: m.leadUnit ?? null,
        responsibleText: m.responsibleText ?? null,
        monitoringGuidelines: m.monitoringGuidelines,
        reporting: m.reporting,
        notes: m.notes ?? null,
      };
      const found = existing.get(m.code);
      if (found) await repo.update({ id: found.id }, fields);
      else await repo.insert(fields);
    }
  }
}

interface UnitChange {
  code: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

const actor = (by: AuditActor) => ({ actorId: by.id, actorRole: by.role, actorUnit: by.unitCode ?? null });

function pick<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
}

function pickOnly(row: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}

/** Fields whose values differ (arrays by content: escalateCadences). */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}
