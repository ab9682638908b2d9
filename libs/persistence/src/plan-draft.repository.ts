/**
 * Plan drafts in the store: the only code that reads or writes plan_draft. Every change is one
 * transaction with its audit entry (plan.draft-created, plan.draft-updated, plan.submitted,
 * plan.returned, plan.approved, plan.draft-discarded) in the organization's hash chain, taken
 * under the chain head's lock, so two people moving one draft at once are serialized: each
 * change re-reads the draft under that lock and lets the caller's `check` refuse it there.
 */
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuditRecord } from '@ita/contracts/measure.contracts';
import type { PlanChange } from '@ita/domain/plan/plan.diff';
import type { PlanDef } from '@ita/domain/plan/plan.types';
import { OPEN_PLAN_DRAFT_STATUSES, PlanDraftSource, PlanDraftStatus } from '@ita/domain/plan/plan-draft';
import { AuditRepository } from './audit.repository';
import { OrganizationEntity, PlanDraftEntity } from './entities';
import type { AuditActor } from './identity.repository';

/** Who changes a draft, and the delegation he acts under (the Deputy Director approving). */
export interface DraftActor extends AuditActor {
  authority?: string | null;
}

export interface NewDraft {
  fiscalYear: number;
  document: PlanDef;
  contentHash: string;
  source: PlanDraftSource;
  baseRevision: number | null;
  baseHash: string | null;
}

/** What a change records beside the draft's status, revision and hash (sizes, changed paths, comments). */
export type DraftAuditDetails = Record<string, unknown>;

/** Refuses a change on the draft as it is under the lock (throw); the caller's rules, not the store's. */
export type DraftCheck = (current: PlanDraftEntity) => void;

type Transition = 'plan.submitted' | 'plan.returned' | 'plan.draft-discarded';

export class PlanDraftRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  /** The organization's drafts, newest first; of one year when given. */
  async list(organizationId: number, fiscalYear?: number): Promise<PlanDraftEntity[]> {
    return this.dataSource.getRepository(PlanDraftEntity).find({
      where: { organizationId, ...(fiscalYear !== undefined ? { fiscalYear } : {}) },
      order: { id: 'DESC' },
    });
  }

  async find(organizationId: number, fiscalYear: number, id: number): Promise<PlanDraftEntity | null> {
    return this.dataSource.getRepository(PlanDraftEntity).findOneBy({ organizationId, fiscalYear, id });
  }

  /** Open drafts of the year (being written or reviewed): at most one, by the rule `create` is given. */
  async findOpen(organizationId: number, fiscalYear: number): Promise<PlanDraftEntity[]> {
    return this.dataSource
      .getRepository(PlanDraftEntity)
      .findBy({ organizationId, fiscalYear, status: In([...OPEN_PLAN_DRAFT_STATUSES]) });
  }

  /**
   * Creates a draft; `check` sees the year's open drafts under the lock and may refuse (one open
   * draft a year). Records plan.draft-created.
   */
  async create(
    organization: OrganizationEntity,
    draft: NewDraft,
    by: DraftActor,
    details: DraftAuditDetails,
    check: (open: PlanDraftEntity[]) => void,
  ): Promise<PlanDraftEntity> {
    return this.dataSource.transaction(async (em) => {
      await this.audit.lockHead(em, organization.id);
      const repo = em.getRepository(PlanDraftEntity);
      check(
        await repo.findBy({
          organizationId: organization.id,
          fiscalYear: draft.fiscalYear,
          status: In([...OPEN_PLAN_DRAFT_STATUSES]),
        }),
      );
      const at = new Date().toISOString();
      const { identifiers } = await repo.insert({
        organizationId: organization.id,
        ...draft,
        status: 'draft',
        revision: 1,
        createdBy: by.id,
        createdAt: at,
        updatedBy: by.id,
        updatedAt: at,
      });
      const saved = await repo.findOneByOrFail({ id: Number(identifiers[0].id) });
      await this.record(em, organization, saved, by, at, 'plan.draft-created', null, {
        source: draft.source,
        baseRevision: draft.baseRevision,
        baseHash: draft.baseHash,
        ...details,
      });
      return saved;
    });
  }

  /** Replaces the document (revision + 1), if `check` allows it on the draft as it is. Records plan.draft-updated. */
  async update(
    organization: OrganizationEntity,
    id: number,
    document: PlanDef,
    contentHash: string,
    by: DraftActor,
    details: DraftAuditDetails,
    check: DraftCheck,
  ): Promise<PlanDraftEntity> {
    return this.change(organization, id, by, check, async (em, current, at) => {
      await em
        .getRepository(PlanDraftEntity)
        .update(
          { id, revision: current.revision },
          { document, contentHash, revision: current.revision + 1, updatedBy: by.id, updatedAt: at },
        );
      return { action: 'plan.draft-updated', details };
    });
  }

  /** Submits, returns or discards the draft, if `check` allows it. */
  async transition(
    organization: OrganizationEntity,
    id: number,
    action: Transition,
    by: DraftActor,
    details: DraftAuditDetails,
    check: DraftCheck,
  ): Promise<PlanDraftEntity> {
    return this.change(organization, id, by, check, async (em, current, at) => {
      const fields: Partial<PlanDraftEntity> =
        action === 'plan.submitted'
          ? { status: 'submitted', submittedBy: by.id, submittedAt: at }
          : action === 'plan.returned'
            ? {
                status: 'returned',
                returnedBy: by.id,
                returnedAt: at,
                returnComment: (details.comment as string | undefined) ?? null,
              }
            : { status: 'discarded', discardedBy: by.id, discardedAt: at };
      await em.getRepository(PlanDraftEntity).update({ id, status: current.status }, fields as never);
      return { action, details };
    });
  }

  /**
   * Marks a submitted draft approved as the stored plan revision it became, in the caller's
   * transaction: the one that stored that revision (PlanRepository.savePlan, which holds the chain
   * head's lock), so the plan and its approval are written together or not at all. Records plan.approved.
   */
  async approveIn(
    em: EntityManager,
    organization: OrganizationEntity,
    id: number,
    by: DraftActor,
    approval: { revision: number; changes: PlanChange[]; comment: string | null; details: DraftAuditDetails },
    check: DraftCheck,
  ): Promise<void> {
    const repo = em.getRepository(PlanDraftEntity);
    const current = await repo.findOneByOrFail({ id, organizationId: organization.id });
    check(current);
    const at = new Date().toISOString();
    await repo.update(
      { id, status: current.status },
      {
        status: 'approved',
        approvedBy: by.id,
        approvedAt: at,
        approvedAuthority: by.authority ?? null,
        approvalComment: approval.comment,
        approvedRevision: approval.revision,
        // Plain JSON (before/after are unknown to TypeORM's types).
        approvedChanges: approval.changes as never,
      },
    );
    await this.record(em, organization, await repo.findOneByOrFail({ id }), by, at, 'plan.approved', current, {
      planRevision: approval.revision,
      comment: approval.comment,
      ...approval.details,
    });
  }

  /** Approves the draft in a transaction of its own (when approving stored nothing new: the plan was identical). */
  async approve(
    organization: OrganizationEntity,
    id: number,
    by: DraftActor,
    approval: { revision: number; changes: PlanChange[]; comment: string | null; details: DraftAuditDetails },
    check: DraftCheck,
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.audit.lockHead(em, organization.id);
      await this.approveIn(em, organization, id, by, approval, check);
    });
  }

  private async change(
    organization: OrganizationEntity,
    id: number,
    by: DraftActor,
    check: DraftCheck,
    apply: (
      em: EntityManager,
      current: PlanDraftEntity,
      at: string,
    ) => Promise<{ action: AuditRecord['action']; details: DraftAuditDetails }>,
  ): Promise<PlanDraftEntity> {
    return this.dataSource.transaction(async (em) => {
      await this.audit.lockHead(em, organization.id);
      const repo = em.getRepository(PlanDraftEntity);
      const current = await repo.findOneByOrFail({ id, organizationId: organization.id });
      check(current);
      const at = new Date().toISOString();
      const { action, details } = await apply(em, current, at);
      const saved = await repo.findOneByOrFail({ id });
      await this.record(em, organization, saved, by, at, action, current, details);
      return saved;
    });
  }

  private async record(
    em: EntityManager,
    organization: OrganizationEntity,
    draft: PlanDraftEntity,
    by: DraftActor,
    at: string,
    action: string,
    before: PlanDraftEntity | null,
    details: DraftAuditDetails,
  ): Promise<void> {
    await this.audit.appendAdministrative(
      em,
      organization.id,
      organization.code,
      {
        actorId: by.id,
        actorRole: by.role,
        actorUnit: by.unitCode ?? null,
        authority: by.authority ?? null,
        action,
        entity: 'plan-draft',
        key: String(draft.id),
        at,
        before: before ? stateOf(before) : null,
        after: { ...stateOf(draft), fiscalYear: draft.fiscalYear, ...details },
      },
      draft.fiscalYear,
    );
  }
}

/** A draft as its audit entries record it: never the document itself, but its hash (the document can be checked against it). */
function stateOf(d: PlanDraftEntity): { status: PlanDraftStatus; revision: number; contentHash: string } {
  return { status: d.status, revision: d.revision, contentHash: d.contentHash };
}
