/**
 * The worker's side of the read model: each state change of a measure (a projection batch) is
 * written in one transaction — the measure's summary, the changed tasks, reports and escalations,
 * and the audit entries in the organization's hash chain. Idempotent and version-guarded, so
 * Temporal may retry a batch freely and a late one never overwrites newer rows.
 */
import { DataSource, LessThan, ObjectLiteral, Repository } from 'typeorm';
import type { ProjectionBatch } from '@ita/contracts/measure.contracts';
import { AuditRepository } from './audit.repository';
import { EscalationEntity, MeasureRunEntity, OrganizationEntity, ReportEntity, TaskEntity } from './entities';
import { IdentityRepository } from './identity.repository';
import { NotificationRepository } from './notification.repository';

export class UnknownOrganizationError extends Error {
  constructor(code: string) {
    super(`no organization "${code}"`);
    this.name = 'UnknownOrganizationError';
  }
}

export class MeasureProjectionRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
    private readonly identity: IdentityRepository,
    private readonly notifications: NotificationRepository,
  ) {}

  /**
   * Writes one projection batch in one transaction; rows already at this version or newer are
   * left alone. Answers how many of its changes tell someone (written to the notification outbox
   * in the same transaction).
   */
  async applyProjection(batch: ProjectionBatch): Promise<number> {
    const organization = await this.dataSource
      .getRepository(OrganizationEntity)
      .findOneBy({ code: batch.organizationCode });
    if (!organization) throw new UnknownOrganizationError(batch.organizationCode);
    // An escalation goes to whoever holds the Director's oversight on the day it is raised.
    const assignees = new Map<string, string | null>();
    for (const r of batch.reports) {
      if (r.escalation)
        assignees.set(r.key, await this.identity.oversightHolder(organization.id, Date.parse(r.escalation.lastAt)));
    }
    return this.dataSource.transaction(async (em) => {
      const head = await this.audit.lockHead(em, organization.id);
      const org = organization;
      const scope = {
        organizationId: org.id,
        fiscalYear: batch.fiscalYear,
        measureCode: batch.measureCode,
        workflowId: batch.workflowId,
      };

      await this.upsert(em.getRepository(MeasureRunEntity), { workflowId: batch.workflowId }, batch.seq, {
        ...scope,
        runId: batch.runId,
        status: batch.measure.status,
        currentQuarter: batch.measure.currentQuarter,
        quarterStatuses: batch.measure.quarterStatuses,
        planRevision: batch.measure.planRevision,
        dayMs: batch.measure.dayMs,
        updatedAt: batch.at,
      });
      for (const t of batch.tasks) {
        await this.upsert(em.getRepository(TaskEntity), { workflowId: batch.workflowId, taskKey: t.key }, batch.seq, {
          ...scope,
          taskKey: t.key,
          quarter: t.quarter,
          stepNumber: t.stepNumber,
          unitCode: t.unitCode,
          status: t.status,
          overdue: t.overdue,
          openedAt: t.openedAt,
          dueAt: t.dueAt,
          submission: t.submission ?? null,
          submittedAt: t.submittedAt ?? null,
          submittedBy: t.submittedBy ?? null,
          decidedAt: t.decidedAt ?? null,
          decidedBy: t.decidedBy ?? null,
          returnReason: t.returnReason ?? null,
          returnCount: t.returnCount,
        });
      }
      for (const r of batch.reports) {
        await this.upsert(
          em.getRepository(ReportEntity),
          { workflowId: batch.workflowId, reportKey: r.key },
          batch.seq,
          {
            ...scope,
            reportKey: r.key,
            cadence: r.cadence,
            recipient: r.recipient ?? null,
            periodLabel: r.periodLabel,
            periodStart: r.periodStart,
            periodEnd: r.periodEnd,
            dueAt: r.dueAt,
            status: r.status,
            overdue: r.overdue,
            units: r.units,
            draft: r.draft,
            summary: r.summary ?? null,
            comments: r.comments ?? null,
            submittedAt: r.submittedAt ?? null,
            submittedBy: r.submittedBy ?? null,
            decidedAt: r.decidedAt ?? null,
            decidedBy: r.decidedBy ?? null,
            returnCount: r.returnCount,
          },
        );
        if (r.escalation) {
          const e = r.escalation;
          await this.upsert(
            em.getRepository(EscalationEntity),
            { workflowId: batch.workflowId, reportKey: r.key, round: e.round ?? 1 },
            batch.seq,
            {
              ...scope,
              reportKey: r.key,
              cadence: r.cadence,
              units: r.units,
              level: e.level,
              dueAt: r.dueAt,
              firstAt: e.firstAt,
              lastAt: e.lastAt,
              nextAt: e.nextAt,
              resolvedAt: e.resolvedAt ?? e.endedAt ?? '',
              endReason: e.endReason ?? null,
              assignee: assignees.get(r.key) ?? null,
            },
          );
        }
      }
      await this.audit.append(em, org.id, batch, head);
      return this.notifications.recordEvents(em, org.id, batch);
    });
  }

  /**
   * Insert, or update only if older: the version test is part of the UPDATE itself, so two
   * batches racing on MySQL can never put an older version over a newer one.
   */
  private async upsert<T extends ObjectLiteral & { id: number; version: number }>(
    repo: Repository<T>,
    where: Partial<T>,
    version: number,
    fields: Partial<T>,
  ): Promise<void> {
    const update = () =>
      repo.update({ ...where, version: LessThan(version) } as never, { ...fields, version } as never);
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
}
