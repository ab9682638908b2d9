/**
 * The read model of running measures. The worker writes it (applyProjection, idempotent and
 * version-guarded); the API reads it (inboxes, reports, escalations, timelines) with indexed
 * queries scoped to one organization.
 */
import { DataSource, In, LessThan, ObjectLiteral, Repository } from 'typeorm';
import type { ProjectionBatch } from '../../contracts/src/measure.contracts';
import { AuditRepository } from './audit.repository';
import { IdentityRepository } from './identity.repository';
import {
  AuditEntryEntity, EscalationEntity, MeasureRunEntity, OrganizationEntity, ReportEntity, TaskEntity,
} from './entities';

export class UnknownOrganizationError extends Error {
  constructor(code: string) {
    super(`no organization "${code}"`);
    this.name = 'UnknownOrganizationError';
  }
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface InboxFilter {
  statuses?: string[];
  overdue?: boolean;
  returned?: boolean;
  quarter?: number;
  fiscalYear?: number;
  measureCode?: string;
}

export interface ReportFilter {
  statuses?: string[];
  /** Reports of any of these units. */
  unitCodes?: string[];
  fiscalYear?: number;
  measureCode?: string;
  overdue?: boolean;
}

export class MeasureReadRepository {
  private readonly audit: AuditRepository;
  private readonly identity: IdentityRepository;

  constructor(private readonly dataSource: DataSource) {
    this.audit = new AuditRepository(dataSource);
    this.identity = new IdentityRepository(dataSource);
  }

  /** Writes one projection batch in one transaction; rows already at this version or newer are left alone. */
  async applyProjection(batch: ProjectionBatch): Promise<void> {
    const organization = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ code: batch.organizationCode });
    if (!organization) throw new UnknownOrganizationError(batch.organizationCode);
    // An escalation goes to whoever holds the Director's oversight on the day it is raised.
    const assignees = new Map<string, string | null>();
    for (const r of batch.reports) {
      if (r.escalation) assignees.set(r.key, await this.identity.oversightHolder(organization.id, Date.parse(r.escalation.lastAt)));
    }
    await this.dataSource.transaction(async (em) => {
      const head = await this.audit.lockHead(em, organization.id);
      const org = organization;
      const scope = { organizationId: org.id, fiscalYear: batch.fiscalYear, measureCode: batch.measureCode, workflowId: batch.workflowId };

      await this.upsert(em.getRepository(MeasureRunEntity), { workflowId: batch.workflowId }, batch.seq, {
        ...scope, runId: batch.runId, status: batch.measure.status, currentQuarter: batch.measure.currentQuarter,
        quarterStatuses: batch.measure.quarterStatuses, planRevision: batch.measure.planRevision, dayMs: batch.measure.dayMs, updatedAt: batch.at,
      });
      for (const t of batch.tasks) {
        await this.upsert(em.getRepository(TaskEntity), { workflowId: batch.workflowId, taskKey: t.key }, batch.seq, {
          ...scope, taskKey: t.key, quarter: t.quarter, stepNumber: t.stepNumber, unitCode: t.unitCode, status: t.status, overdue: t.overdue,
          openedAt: t.openedAt, dueAt: t.dueAt, submission: t.submission ?? null, submittedAt: t.submittedAt ?? null, submittedBy: t.submittedBy ?? null,
          decidedAt: t.decidedAt ?? null, decidedBy: t.decidedBy ?? null, returnReason: t.returnReason ?? null, returnCount: t.returnCount,
        });
      }
      for (const r of batch.reports) {
        await this.upsert(em.getRepository(ReportEntity), { workflowId: batch.workflowId, reportKey: r.key }, batch.seq, {
          ...scope, reportKey: r.key, cadence: r.cadence, periodLabel: r.periodLabel, periodStart: r.periodStart, periodEnd: r.periodEnd,
          dueAt: r.dueAt, status: r.status, overdue: r.overdue, units: r.units, draft: r.draft, summary: r.summary ?? null,
          comments: r.comments ?? null, submittedAt: r.submittedAt ?? null, submittedBy: r.submittedBy ?? null, decidedAt: r.decidedAt ?? null,
          decidedBy: r.decidedBy ?? null, returnCount: r.returnCount,
        });
        if (r.escalation) {
          const e = r.escalation;
          await this.upsert(em.getRepository(EscalationEntity), { workflowId: batch.workflowId, reportKey: r.key, round: e.round ?? 1 }, batch.seq, {
            ...scope, reportKey: r.key, cadence: r.cadence, units: r.units, level: e.level, dueAt: r.dueAt, firstAt: e.firstAt,
            lastAt: e.lastAt, nextAt: e.nextAt, resolvedAt: e.resolvedAt ?? '', assignee: assignees.get(r.key) ?? null,
          });
        }
      }
      await this.audit.append(em, org.id, batch, head);
    });
  }

  /**
   * Insert, or update only if older: the version test is part of the UPDATE itself, so two
   * batches racing on MySQL can never put an older version over a newer one.
   */
  private async upsert<T extends ObjectLiteral & { id: number; version: number }>(repo: Repository<T>, where: Partial<T>, version: number, fields: Partial<T>): Promise<void> {
    const update = () => repo.update({ ...where, version: LessThan(version) } as never, { ...fields, version } as never);
    if (await repo.existsBy(where as never)) {
      await update();
      return;
    }
    try {
      await repo.insert({ ...where, ...fields, version } as never);
    } catch (error) {
      // Another batch inserted the row first (unique key): fall back to the guarded update.
      if (!(await repo.existsBy(where as never))) throw error;
      await update();
    }
  }

  async listRuns(organizationId: number, fiscalYear: number): Promise<MeasureRunEntity[]> {
    return this.dataSource.getRepository(MeasureRunEntity).findBy({ organizationId, fiscalYear });
  }

  async findRun(workflowId: string): Promise<MeasureRunEntity | null> {
    return this.dataSource.getRepository(MeasureRunEntity).findOneBy({ workflowId });
  }

  async inbox(organizationId: number, unitCode: string, filter: InboxFilter, page: number, pageSize: number): Promise<Page<TaskEntity>> {
    const qb = this.dataSource.getRepository(TaskEntity).createQueryBuilder('t')
      .where('t.organization_id = :organizationId AND t.unit_code = :unitCode', { organizationId, unitCode });
    if (filter.statuses?.length) qb.andWhere('t.status IN (:...statuses)', { statuses: filter.statuses });
    else qb.andWhere('t.status IN (:...statuses)', { statuses: ['open', 'returned', 'submitted'] });
    if (filter.overdue !== undefined) qb.andWhere('t.overdue = :overdue', { overdue: filter.overdue });
    if (filter.returned) qb.andWhere('t.return_count > 0');
    if (filter.quarter) qb.andWhere('t.quarter = :quarter', { quarter: filter.quarter });
    if (filter.fiscalYear) qb.andWhere('t.fiscal_year = :fiscalYear', { fiscalYear: filter.fiscalYear });
    if (filter.measureCode) qb.andWhere('t.measure_code = :measureCode', { measureCode: filter.measureCode });
    qb.orderBy('t.due_at', 'ASC').addOrderBy('t.measure_code', 'ASC').addOrderBy('t.step_number', 'ASC').addOrderBy('t.id', 'ASC')
      .skip((page - 1) * pageSize).take(pageSize);
    const [items, total] = await qb.getManyAndCount();
    return { items, total, page, pageSize };
  }

  async findTask(workflowId: string, taskKey: string): Promise<TaskEntity | null> {
    return this.dataSource.getRepository(TaskEntity).findOneBy({ workflowId, taskKey });
  }

  async listTasks(workflowId: string): Promise<TaskEntity[]> {
    return this.dataSource.getRepository(TaskEntity).find({ where: { workflowId }, order: { quarter: 'ASC', stepNumber: 'ASC', unitCode: 'ASC' } });
  }

  async reports(organizationId: number, filter: ReportFilter, page: number, pageSize: number): Promise<Page<ReportEntity>> {
    const qb = this.dataSource.getRepository(ReportEntity).createQueryBuilder('r').where('r.organization_id = :organizationId', { organizationId });
    if (filter.statuses?.length) qb.andWhere('r.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.fiscalYear) qb.andWhere('r.fiscal_year = :fiscalYear', { fiscalYear: filter.fiscalYear });
    if (filter.measureCode) qb.andWhere('r.measure_code = :measureCode', { measureCode: filter.measureCode });
    if (filter.overdue !== undefined) qb.andWhere('r.overdue = :overdue', { overdue: filter.overdue });
    if (filter.unitCodes) {
      // units is a JSON list of codes; codes are [A-Z0-9_-], so quoting them makes an exact match.
      const clauses = filter.unitCodes.map((_, i) => `r.units LIKE :unit${i}`);
      qb.andWhere(clauses.length ? `(${clauses.join(' OR ')})` : '1 = 0', Object.fromEntries(filter.unitCodes.map((u, i) => [`unit${i}`, `%"${u}"%`])));
    }
    qb.orderBy('r.due_at', 'ASC').addOrderBy('r.measure_code', 'ASC').addOrderBy('r.id', 'ASC').skip((page - 1) * pageSize).take(pageSize);
    const [items, total] = await qb.getManyAndCount();
    return { items, total, page, pageSize };
  }

  async findReport(workflowId: string, reportKey: string): Promise<ReportEntity | null> {
    return this.dataSource.getRepository(ReportEntity).findOneBy({ workflowId, reportKey });
  }

  async escalations(organizationId: number, open: boolean, page: number, pageSize: number, assignee?: string): Promise<Page<EscalationEntity>> {
    const qb = this.dataSource.getRepository(EscalationEntity).createQueryBuilder('e').where('e.organization_id = :organizationId', { organizationId });
    qb.andWhere(open ? "e.resolved_at = ''" : "e.resolved_at <> ''");
    if (assignee) qb.andWhere('e.assignee = :assignee', { assignee });
    qb.orderBy('e.level', 'DESC').addOrderBy('e.due_at', 'ASC').addOrderBy('e.id', 'ASC').skip((page - 1) * pageSize).take(pageSize);
    const [items, total] = await qb.getManyAndCount();
    return { items, total, page, pageSize };
  }

  async runsFor(workflowIds: string[]): Promise<MeasureRunEntity[]> {
    return workflowIds.length ? this.dataSource.getRepository(MeasureRunEntity).findBy({ workflowId: In(workflowIds) }) : [];
  }

  async timeline(workflowId: string): Promise<AuditEntryEntity[]> {
    return this.dataSource.getRepository(AuditEntryEntity).find({ where: { workflowId }, order: { seq: 'ASC', idx: 'ASC' } });
  }
}
