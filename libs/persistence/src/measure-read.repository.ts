/**
 * The read model of running measures, as the API reads it: inboxes, reports, escalations,
 * timelines, with indexed queries scoped to one organization. The worker writes it
 * (MeasureProjectionRepository).
 */
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { AuditEntryEntity, EscalationEntity, MeasureRunEntity, ReportEntity, TaskEntity } from './entities';

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
  constructor(private readonly dataSource: DataSource) {}

  async listRuns(organizationId: number, fiscalYear: number): Promise<MeasureRunEntity[]> {
    return this.dataSource.getRepository(MeasureRunEntity).findBy({ organizationId, fiscalYear });
  }

  /** Per measure and step of a year: its tasks (withdrawn ones aside) and how many were approved. */
  async stepTaskCounts(
    organizationId: number,
    fiscalYear: number,
  ): Promise<Array<{ measureCode: string; stepNumber: number; tasks: number; approved: number }>> {
    const rows = await this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .select('t.measure_code', 'measureCode')
      .addSelect('t.step_number', 'stepNumber')
      .addSelect('COUNT(*)', 'tasks')
      .addSelect("SUM(CASE WHEN t.status = 'approved' THEN 1 ELSE 0 END)", 'approved')
      .where('t.organization_id = :organizationId AND t.fiscal_year = :fiscalYear', { organizationId, fiscalYear })
      .andWhere("t.status <> 'withdrawn'")
      .groupBy('t.measure_code')
      .addGroupBy('t.step_number')
      .getRawMany<{
        measureCode: string;
        stepNumber: number | string;
        tasks: number | string;
        approved: number | string;
      }>();
    return rows.map((r) => ({
      measureCode: r.measureCode,
      stepNumber: Number(r.stepNumber),
      tasks: Number(r.tasks),
      approved: Number(r.approved),
    }));
  }

  async findRun(workflowId: string): Promise<MeasureRunEntity | null> {
    return this.dataSource.getRepository(MeasureRunEntity).findOneBy({ workflowId });
  }

  async inbox(
    organizationId: number,
    unitCode: string,
    filter: InboxFilter,
    page: number,
    pageSize: number,
  ): Promise<Page<TaskEntity>> {
    const qb = this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .where('t.organization_id = :organizationId AND t.unit_code = :unitCode', { organizationId, unitCode });
    if (filter.statuses?.length) qb.andWhere('t.status IN (:...statuses)', { statuses: filter.statuses });
    else qb.andWhere('t.status IN (:...statuses)', { statuses: ['open', 'returned', 'submitted'] });
    if (filter.overdue !== undefined) qb.andWhere('t.overdue = :overdue', { overdue: filter.overdue });
    if (filter.returned) qb.andWhere('t.return_count > 0');
    if (filter.quarter) qb.andWhere('t.quarter = :quarter', { quarter: filter.quarter });
    if (filter.fiscalYear) qb.andWhere('t.fiscal_year = :fiscalYear', { fiscalYear: filter.fiscalYear });
    if (filter.measureCode) qb.andWhere('t.measure_code = :measureCode', { measureCode: filter.measureCode });
    qb.orderBy('t.due_at', 'ASC')
      .addOrderBy('t.measure_code', 'ASC')
      .addOrderBy('t.step_number', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize);
    const [items, total] = await qb.getManyAndCount();
    return { items, total, page, pageSize };
  }

  async findTask(workflowId: string, taskKey: string): Promise<TaskEntity | null> {
    return this.dataSource.getRepository(TaskEntity).findOneBy({ workflowId, taskKey });
  }

  async listTasks(workflowId: string): Promise<TaskEntity[]> {
    return this.dataSource
      .getRepository(TaskEntity)
      .find({ where: { workflowId }, order: { quarter: 'ASC', stepNumber: 'ASC', unitCode: 'ASC' } });
  }

  async reports(
    organizationId: number,
    filter: ReportFilter,
    page: number,
    pageSize: number,
  ): Promise<Page<ReportEntity>> {
    const qb = this.dataSource
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .where('r.organization_id = :organizationId', { organizationId });
    if (filter.statuses?.length) qb.andWhere('r.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.fiscalYear) qb.andWhere('r.fiscal_year = :fiscalYear', { fiscalYear: filter.fiscalYear });
    if (filter.measureCode) qb.andWhere('r.measure_code = :measureCode', { measureCode: filter.measureCode });
    if (filter.overdue !== undefined) qb.andWhere('r.overdue = :overdue', { overdue: filter.overdue });
    if (filter.unitCodes) reportOfUnits(qb, filter.unitCodes);
    qb.orderBy('r.due_at', 'ASC')
      .addOrderBy('r.measure_code', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize);
    const [items, total] = await qb.getManyAndCount();
    return { items, total, page, pageSize };
  }

  /** Every task of these units in these statuses, soonest due first (what a person's calendar feed lists). */
  async tasksOfUnits(organizationId: number, unitCodes: string[], statuses: readonly string[]): Promise<TaskEntity[]> {
    if (!unitCodes.length || !statuses.length) return [];
    return this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .where('t.organization_id = :organizationId', { organizationId })
      .andWhere('t.unit_code IN (:...unitCodes)', { unitCodes })
      .andWhere('t.status IN (:...statuses)', { statuses })
      .orderBy('t.due_at', 'ASC')
      .addOrderBy('t.measure_code', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getMany();
  }

  /** Every report in these statuses, of any of these units (undefined: of every unit), soonest due first. */
  async reportsIn(organizationId: number, statuses: readonly string[], unitCodes?: string[]): Promise<ReportEntity[]> {
    if (!statuses.length) return [];
    const qb = this.dataSource
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .where('r.organization_id = :organizationId', { organizationId })
      .andWhere('r.status IN (:...statuses)', { statuses });
    if (unitCodes) reportOfUnits(qb, unitCodes);
    return qb.orderBy('r.due_at', 'ASC').addOrderBy('r.measure_code', 'ASC').addOrderBy('r.id', 'ASC').getMany();
  }

  async findReport(workflowId: string, reportKey: string): Promise<ReportEntity | null> {
    return this.dataSource.getRepository(ReportEntity).findOneBy({ workflowId, reportKey });
  }

  async escalations(
    organizationId: number,
    open: boolean,
    page: number,
    pageSize: number,
    assignee?: string,
  ): Promise<Page<EscalationEntity>> {
    const qb = this.dataSource
      .getRepository(EscalationEntity)
      .createQueryBuilder('e')
      .where('e.organization_id = :organizationId', { organizationId });
    qb.andWhere(open ? "e.resolved_at = ''" : "e.resolved_at <> ''");
    if (assignee) qb.andWhere('e.assignee = :assignee', { assignee });
    qb.orderBy('e.level', 'DESC')
      .addOrderBy('e.due_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize);
    const [items, total] = await qb.getManyAndCount();
    return { items, total, page, pageSize };
  }

  async runsFor(workflowIds: string[]): Promise<MeasureRunEntity[]> {
    return workflowIds.length
      ? this.dataSource.getRepository(MeasureRunEntity).findBy({ workflowId: In(workflowIds) })
      : [];
  }

  async timeline(workflowId: string): Promise<AuditEntryEntity[]> {
    return this.dataSource
      .getRepository(AuditEntryEntity)
      .find({ where: { workflowId }, order: { seq: 'ASC', idx: 'ASC' } });
  }

  /**
   * The steps of each measure as its latest amendment left them (a measure.amended entry records
   * them whole), for measures that were amended: the plan's own steps hold for the others.
   */
  async amendedSteps(workflowIds: string[]): Promise<Map<string, Array<{ number: number; text: string }>>> {
    const out = new Map<string, Array<{ number: number; text: string }>>();
    if (!workflowIds.length) return out;
    const entries = await this.dataSource.getRepository(AuditEntryEntity).find({
      where: { workflowId: In(workflowIds), action: 'measure.amended' },
      order: { seq: 'ASC', idx: 'ASC' },
    });
    for (const e of entries) {
      const steps = (e.after as { steps?: Array<{ number: number; text: string }> } | null)?.steps;
      if (Array.isArray(steps)) out.set(e.workflowId, steps);
    }
    return out;
  }
}

/** Reports of any of these units: units is a JSON list of codes, and codes are [A-Z0-9_-], so quoting them makes an exact match. */
function reportOfUnits(qb: SelectQueryBuilder<ReportEntity>, unitCodes: string[]): void {
  const clauses = unitCodes.map((_, i) => `r.units LIKE :unit${i}`);
  qb.andWhere(
    clauses.length ? `(${clauses.join(' OR ')})` : '1 = 0',
    Object.fromEntries(unitCodes.map((u, i) => [`unit${i}`, `%"${u}"%`])),
  );
}
