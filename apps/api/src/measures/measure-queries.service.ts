/** Read side of running measures, served from the read model (SQL), plus the live workflow state. */
import type { z } from 'zod';
import type { StateAsOf } from './measure.schemas';
import { Injectable } from '@nestjs/common';
import { measureStateQuery, measureWorkflowId } from '@ita/contracts/measure.contracts';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { formatThaiDate, formatThaiDueDate } from '@ita/domain/fiscal-calendar';
import { daysLateAt } from '@ita/domain/measure/escalation';
import type { EscalationEntity, OrganizationEntity, ReportEntity, TaskEntity } from '@ita/persistence/entities';
import { InboxFilter, MeasureReadRepository, Page, ReportFilter } from '@ita/persistence/measure-read.repository';
import { PlanRepository } from '@ita/persistence/plan.repository';
import { requireOrganization } from '../http/params';
import { TemporalClientProvider } from './temporal-client.provider';

@Injectable()
export class MeasureQueriesService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly readModel: MeasureReadRepository,
    private readonly temporal: TemporalClientProvider,
  ) {}

  async inbox(organization: string, unitCode: string, filter: InboxFilter, page: number, pageSize: number) {
    const org = await this.organization(organization);
    const units = await this.plans.listUnits(org.id);
    if (!units.some((u) => u.code === unitCode)) {
      throw new DomainError(DomainErrorCode.NotFound, `organization ${organization} has no unit "${unitCode}"`, [
        { path: 'unit', message: `"${unitCode}" not found` },
      ]);
    }
    const result = await this.readModel.inbox(org.id, unitCode, filter, page, pageSize);
    const texts = await this.stepTexts(org, result.items);
    return mapPage(result, (t) => taskView(t, texts));
  }

  async tasks(organization: string, fiscalYear: number, measureCode: string) {
    const org = await this.organization(organization);
    const tasks = await this.readModel.listTasks(measureWorkflowId(organization, fiscalYear, measureCode));
    const texts = await this.stepTexts(org, tasks);
    return tasks.map((t) => taskView(t, texts));
  }

  async reports(organization: string, filter: ReportFilter, page: number, pageSize: number) {
    const org = await this.organization(organization);
    return mapPage(await this.readModel.reports(org.id, filter, page, pageSize), reportView);
  }

  async escalations(organization: string, open: boolean, page: number, pageSize: number, assignee?: string) {
    const org = await this.organization(organization);
    const result = await this.readModel.escalations(org.id, open, page, pageSize, assignee);
    const runs = new Map(
      (await this.readModel.runsFor([...new Set(result.items.map((e) => e.workflowId))])).map((r) => [r.workflowId, r]),
    );
    const now = Date.now();
    return mapPage(result, (e) => escalationView(e, runs.get(e.workflowId)?.dayMs ?? 86_400_000, now));
  }

  async timeline(organization: string, fiscalYear: number, measureCode: string) {
    await this.organization(organization);
    const entries = await this.readModel.timeline(measureWorkflowId(organization, fiscalYear, measureCode));
    return entries.map((e) => ({
      at: e.at,
      atThai: formatThaiDate(e.at),
      action: e.action,
      entity: e.entity,
      key: e.entityKey,
      actor: { id: e.actorId, role: e.actorRole, unit: e.actorUnit },
      authority: e.authority,
      before: e.before,
      after: e.after,
      workflowId: e.workflowId,
      runId: e.runId,
      eventId: e.eventId,
      seq: e.seq,
    }));
  }

  /**
   * The measure as it stood at `asOf`, rebuilt from its audit trail: every task, report and
   * escalation in the last state recorded up to that instant, and the amendments made by then.
   */
  async stateAsOf(organization: string, fiscalYear: number, measureCode: string, asOf: string) {
    await this.organization(organization);
    const workflowId = measureWorkflowId(organization, fiscalYear, measureCode);
    const entries = (await this.readModel.timeline(workflowId)).filter((e) => e.at <= asOf);
    if (!entries.length) {
      throw new DomainError(DomainErrorCode.NotFound, `measure ${measureCode} had not started by ${asOf}`, [
        { path: 'asOf', message: 'before the measure started' },
      ]);
    }
    // Each entity's latest recorded state: JSON the measure machine wrote as that type (and the
    // answer's schema checks it on the way out).
    const latest = <T>(entity: string) => [
      ...entries
        .reduce((m, e) => (e.entity === entity && e.after ? m.set(e.entityKey, e.after as T) : m), new Map<string, T>())
        .values(),
    ];
    const last = entries[entries.length - 1];
    return {
      organization,
      fiscalYear,
      measureCode,
      asOf,
      asOfThai: formatThaiDate(asOf),
      lastChange: { at: last.at, action: last.action, seq: last.seq, eventId: last.eventId, runId: last.runId },
      tasks: latest<AsOf['tasks'][number]>('task'),
      reports: latest<AsOf['reports'][number]>('report'),
      escalations: latest<AsOf['escalations'][number]>('escalation'),
      amendments: entries
        .filter((e) => e.action === 'measure.amended')
        .map((e) => ({ at: e.at, by: e.actorId, change: e.after as AsOf['amendments'][number]['change'] })),
    };
  }

  /** The workflow's own state, by Query (what the read model is projected from). */
  async liveState(organization: string, fiscalYear: number, measureCode: string) {
    const workflowId = measureWorkflowId(organization, fiscalYear, measureCode);
    return this.temporal.call(workflowId, (client) => client.workflow.getHandle(workflowId).query(measureStateQuery));
  }

  private organization(code: string) {
    return requireOrganization(this.plans, code);
  }

  /**
   * Each task's step text, by `workflowId#stepNumber`: the plan's steps, then the measure's latest
   * amendment (which records its steps whole, added ones included). Joined here, not projected: a
   * task row knows only its step's number, and the workflows stay as they are.
   */
  async stepTexts(org: OrganizationEntity, tasks: TaskEntity[]): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    for (const fiscalYear of new Set(tasks.map((t) => t.fiscalYear))) {
      const found = await this.plans.findPlan(org.code, fiscalYear);
      if (!found) continue;
      for (const m of await this.plans.listMeasures(found.plan.id))
        for (const s of m.steps) texts.set(`${measureWorkflowId(org.code, fiscalYear, m.code)}#${s.number}`, s.text);
    }
    const amended = await this.readModel.amendedSteps([...new Set(tasks.map((t) => t.workflowId))]);
    for (const [workflowId, steps] of amended) for (const s of steps) texts.set(`${workflowId}#${s.number}`, s.text);
    return texts;
  }
}

function mapPage<T, U>(page: Page<T>, map: (t: T) => U): Page<U> {
  return { ...page, items: page.items.map(map) };
}

const thaiDue = (iso: string) => formatThaiDueDate(iso);
type AsOf = z.input<typeof StateAsOf>;

function taskView(t: TaskEntity, stepTexts: Map<string, string>) {
  return {
    measureCode: t.measureCode,
    fiscalYear: t.fiscalYear,
    taskKey: t.taskKey,
    quarter: t.quarter,
    stepNumber: t.stepNumber,
    stepText: stepTexts.get(`${t.workflowId}#${t.stepNumber}`) ?? null,
    unitCode: t.unitCode,
    status: t.status,
    overdue: t.overdue,
    returned: t.returnCount > 0 && t.status === 'returned',
    returnReason: t.returnReason,
    returnCount: t.returnCount,
    openedAt: t.openedAt,
    dueAt: t.dueAt,
    dueAtThai: thaiDue(t.dueAt),
    submission: t.submission,
    submittedAt: t.submittedAt,
    submittedBy: t.submittedBy,
    decidedAt: t.decidedAt,
    decidedBy: t.decidedBy,
  };
}

function reportView(r: ReportEntity) {
  return {
    measureCode: r.measureCode,
    fiscalYear: r.fiscalYear,
    reportKey: r.reportKey,
    cadence: r.cadence,
    recipient: r.recipient ?? 'director-or-delegate',
    periodLabel: r.periodLabel,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    dueAt: r.dueAt,
    dueAtThai: thaiDue(r.dueAt),
    status: r.status,
    overdue: r.overdue,
    units: r.units,
    draft: r.draft,
    summary: r.summary,
    comments: r.comments,
    submittedAt: r.submittedAt,
    submittedBy: r.submittedBy,
    decidedAt: r.decidedAt,
    decidedBy: r.decidedBy,
    returnCount: r.returnCount,
  };
}

function escalationView(e: EscalationEntity, dayMs: number, now: number) {
  const resolvedOrNow = e.resolvedAt ? Date.parse(e.resolvedAt) : now;
  return {
    measureCode: e.measureCode,
    fiscalYear: e.fiscalYear,
    reportKey: e.reportKey,
    cadence: e.cadence,
    units: e.units,
    round: e.round,
    level: e.level,
    dueAt: e.dueAt,
    dueAtThai: thaiDue(e.dueAt),
    daysLate: daysLateAt(e.dueAt, resolvedOrNow, dayMs),
    firstEscalatedAt: e.firstAt,
    lastEscalatedAt: e.lastAt,
    nextEscalationAt: e.resolvedAt ? null : e.nextAt,
    resolvedAt: e.resolvedAt || null,
    endReason: e.endReason ?? null,
    /** Whoever held the Director's oversight when it was last raised. */
    assignee: e.assignee,
  };
}
