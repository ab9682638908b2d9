/**
 * Plan drafts (docs/plan-drafts.md): a planner writes a revision of a year's plan in the app,
 * validated as he types by the same validator as an import, and submits it once valid; the
 * Director, or the Deputy Director holding his delegation, reads its diff against the stored
 * revision and approves it, which stores it as the year's plan through the import's own path
 * (PlanImportService.importPlan: same rules, confirmation and plan.imported entry), or returns it
 * with a comment. Activation stays what it was. A year whose plan is active is not replaced:
 * its running measures change only through amendments.
 */
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { authorityNote, oversightGrant } from '@ita/domain/access/authority';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { analyseDraft, draftMeasureFromItems } from '@ita/domain/ita/ita-draft-measure';
import { canonicalJson, normalizePlan } from '@ita/domain/plan/plan.canonical';
import { diffPlans, PlanChange } from '@ita/domain/plan/plan.diff';
import {
  checkDraft,
  DraftFrame,
  draftAllows,
  emptyPlanDocument,
  PlanDraftCommand,
  PlanDraftSource,
  viewStatus,
} from '@ita/domain/plan/plan-draft';
import type { PlanDef } from '@ita/domain/plan/plan.types';
import { validatePlan } from '@ita/domain/plan/plan.validator';
import { applyCarryOver, CarryOverDecision, unfinishedSteps } from '@ita/domain/plan/plan.carry-over';
import type { StepTaskCount } from '@ita/domain/plan/plan.progress';
import { attachItaResults, rollOverPlan } from '@ita/domain/plan/plan.rollover';
import { MeasureReadRepository } from '@ita/persistence/measure-read.repository';
import { parseItaResultsSheet } from '@ita/spreadsheets/ita-results.sheet';
import { workbookInvalid } from './sheet-problems';
import type { OrganizationEntity, PlanDraftEntity } from '@ita/persistence/entities';
import type { PlanStatus } from '@ita/persistence/entities/plan.entity';
import { DraftActor, PlanDraftRepository } from '@ita/persistence/plan-draft.repository';
import { PlanRepository, StoredPlan } from '@ita/persistence/plan.repository';
import type { Principal } from '../auth/access';
import { requireOrganization } from '../http/params';
import { creationChanges, PlanImportService } from './plan-import.service';

/** At most this many changed paths go into a save's audit entry. */
const AUDITED_CHANGE_PATHS = 100;

export interface DraftRef {
  organization: string;
  fiscalYear: number;
  id: number;
}

@Injectable()
export class PlanDraftService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly drafts: PlanDraftRepository,
    private readonly importer: PlanImportService,
    private readonly readModel: MeasureReadRepository,
  ) {}

  async list(organizationCode: string, fiscalYear: number) {
    const org = await requireOrganization(this.plans, organizationCode);
    const [drafts, stored] = await Promise.all([this.drafts.list(org.id, fiscalYear), this.storedRef(org, fiscalYear)]);
    return drafts.map((d) => summaryOf(org, d, stored));
  }

  async get(ref: DraftRef) {
    const { org, draft } = await this.require(ref);
    return this.view(org, draft);
  }

  /** A new draft for the year: empty, a copy of the stored plan, or the document given. One open draft a year. */
  async create(
    organizationCode: string,
    fiscalYear: number,
    source: PlanDraftSource,
    given: unknown,
    p: Principal,
    from = fiscalYear - 1,
  ) {
    const org = await requireOrganization(this.plans, organizationCode);
    const stored = await this.plans.loadPlan(org.code, fiscalYear);
    let document: PlanDef;
    if (source === 'rollover') {
      if (from >= fiscalYear)
        throw new DomainError(DomainErrorCode.InvalidArgument, `roll over from a year before ${fiscalYear}`, [
          { path: 'from', message: `${from} is not before ${fiscalYear}` },
        ]);
      const earlier = await this.plans.loadPlan(org.code, from);
      if (!earlier)
        throw new DomainError(
          DomainErrorCode.PlanNotFound,
          `organization ${org.code} has no plan for fiscal year ${from} to roll over`,
          [{ path: 'from', message: `no stored plan for ${from}` }],
        );
      document = rollOverPlan(earlier.definition, fiscalYear);
    } else if (source === 'stored') {
      if (!stored)
        throw new DomainError(
          DomainErrorCode.PlanNotFound,
          `organization ${org.code} has no stored plan for fiscal year ${fiscalYear} to copy; start an empty draft`,
          [{ path: 'source', message: `no stored plan for ${fiscalYear}` }],
        );
      document = stored.definition;
    } else if (source === 'empty') document = emptyPlanDocument(await this.frame(org, stored), fiscalYear);
    else document = given as PlanDef;
    const check = checkDraft(document, org.code, fiscalYear);
    const draft = await this.drafts.create(
      org,
      {
        fiscalYear,
        document,
        contentHash: hashOf(document),
        source,
        baseRevision: stored?.plan.revision ?? null,
        baseHash: stored?.plan.contentHash ?? null,
      },
      actorOf(p),
      {
        measures: measureCount(document),
        valid: check.valid,
        problems: check.problems.length,
        ...(source === 'rollover' ? { rolledOverFrom: from } : {}),
      },
      (open) => {
        if (open.length)
          throw new DomainError(
            DomainErrorCode.Conflict,
            `draft ${open[0].id} of fiscal year ${fiscalYear} is still ${open[0].status}: carry on with it, or discard it first`,
            [{ path: 'fiscalYear', message: `draft ${open[0].id} is open` }],
          );
      },
    );
    return this.view(org, draft);
  }

  /** Saves the whole document (valid or not); `revision` is the one the planner changed. A save that changes nothing writes nothing. */
  async save(ref: DraftRef, revision: number, document: PlanDef, p: Principal) {
    const { org, draft } = await this.require(ref);
    if (canonicalJson(document) === canonicalJson(draft.document) && draftAllows('update', draft.status))
      return this.view(org, draft);
    return this.view(org, await this.write(org, draft, revision, document, p, {}));
  }

  validate(organizationCode: string, fiscalYear: number, document: unknown) {
    return checkDraft(document, organizationCode, fiscalYear);
  }

  /** Adds a measure drafted from ITA items (its items, title, priority, indicator; no steps yet). */
  async draftMeasure(ref: DraftRef, body: { items: string[]; code?: string; revision?: number }, p: Principal) {
    const { org, draft } = await this.require(ref);
    this.allow('update', draft);
    const measure = draftMeasureFromItems(draft.document, { items: body.items, code: body.code });
    const document = { ...draft.document, measures: [...(draft.document.measures ?? []), measure] };
    const saved = await this.write(org, draft, body.revision ?? draft.revision, document, p, {
      draftedMeasure: measure.code,
      fromItems: body.items,
    });
    return this.view(org, saved);
  }

  /** The draft's ITA results against its measures: each item with the measures covering it, and the uncovered. */
  async coverage(ref: DraftRef) {
    const { draft } = await this.require(ref);
    const analysis = analyseDraft(draft.document);
    return {
      assessmentYear: analysis.assessmentYear,
      thresholds: analysis.thresholds,
      items: analysis.items.map((i) => ({
        code: i.code,
        indicator: i.indicator,
        tool: i.tool,
        text: i.text,
        score: i.score,
        grade: i.grade,
        class: i.class,
        worstClass: i.worstClass,
        needsMeasure: i.needsMeasure,
        subItems: i.subItems.map((s) => ({
          number: s.number,
          text: s.text,
          score: s.score,
          class: s.class,
          flagged: s.flagged,
        })),
        measures: i.measures,
      })),
      uncovered: analysis.uncovered.map((u) => ({ code: u.code, class: u.class, score: u.score })),
    };
  }

  /**
   * What approving the draft would change in the year's stored plan (the same diff as an import),
   * with the baseHash to confirm it by; for an approved draft, the diff kept when it was approved.
   */
  async diff(ref: DraftRef) {
    const { org, draft } = await this.require(ref);
    const storedNow = await this.storedRef(org, ref.fiscalYear);
    if (draft.status === 'approved') {
      const changes = draft.approvedChanges ?? [];
      return {
        draftId: draft.id,
        draftRevision: draft.revision,
        against: storedNow,
        baseHash: null,
        kept: true,
        identical: changes.length === 0,
        changes,
      };
    }
    const stored = await this.plans.loadPlan(org.code, ref.fiscalYear);
    const changes = this.changesAgainst(stored, draft.document);
    return {
      draftId: draft.id,
      draftRevision: draft.revision,
      against: storedNow,
      baseHash: stored?.plan.contentHash ?? null,
      kept: false,
      identical: changes.length === 0,
      changes,
    };
  }

  /** Submits for review: only a valid draft, and not for a year whose plan is active. */
  async submit(ref: DraftRef, p: Principal) {
    const { org, draft } = await this.require(ref);
    this.allow('submit', draft);
    const check = checkDraft(draft.document, org.code, ref.fiscalYear);
    if (!check.valid)
      throw new DomainError(
        DomainErrorCode.PlanInvalid,
        `draft ${draft.id} has ${check.problems.length} problem(s); fix them before submitting it`,
        check.problems,
      );
    const stored = await this.plans.loadPlan(org.code, ref.fiscalYear);
    refuseActive(org.code, ref.fiscalYear, stored);
    const changes = this.changesAgainst(stored, draft.document);
    const saved = await this.drafts.transition(
      org,
      draft.id,
      'plan.submitted',
      actorOf(p),
      { changes: changes.length, againstRevision: stored?.plan.revision ?? null },
      (current) => this.allow('submit', current, draft.revision),
    );
    return this.view(org, saved);
  }

  /**
   * The Director (or his delegate) approves: the draft becomes the year's stored plan revision
   * through the import's path, and the approval is recorded in the same transaction. `confirm` is
   * the baseHash of the diff he was shown (required when the year has a stored plan, as for an
   * import: a plan changed meanwhile answers 409 with the new diff).
   */
  async approve(ref: DraftRef, body: { confirm?: string | null; comment?: string }, p: Principal) {
    const { org, draft } = await this.require(ref);
    this.allow('approve', draft);
    const stored = await this.plans.loadPlan(org.code, ref.fiscalYear);
    refuseActive(org.code, ref.fiscalYear, stored);
    const by = { ...actorOf(p), authority: authorityNote(oversightGrant(p, Date.now())) };
    const comment = body.comment?.trim() || null;
    const check = (current: PlanDraftEntity) => this.allow('approve', current, draft.revision);
    const result = await this.importer.importPlan(
      validatePlan(draft.document),
      {
        by,
        confirm: body.confirm ?? undefined,
        organization: p.organizationCode,
        details: { draft: draft.id, draftRevision: draft.revision, approvedBy: by.id },
        alsoInTransaction: (em, plan, changes) =>
          this.drafts.approveIn(
            em,
            org,
            draft.id,
            by,
            { revision: plan.revision, changes, comment, details: {} },
            check,
          ),
      },
      'plan-draft',
    );
    // Identical to the stored plan: nothing was imported, but the review's decision is recorded.
    if (result.status === 'unchanged')
      await this.drafts.approve(
        org,
        draft.id,
        by,
        { revision: result.revision!, changes: [], comment, details: { unchanged: true } },
        check,
      );
    return this.get(ref);
  }

  /** The Director (or his delegate) returns it with a comment; the planner edits it and submits again. */
  async returnDraft(ref: DraftRef, comment: string, p: Principal) {
    const { org, draft } = await this.require(ref);
    this.allow('return', draft);
    const by = { ...actorOf(p), authority: authorityNote(oversightGrant(p, Date.now())) };
    const saved = await this.drafts.transition(org, draft.id, 'plan.returned', by, { comment: comment.trim() }, (c) =>
      this.allow('return', c, draft.revision),
    );
    return this.view(org, saved);
  }

  async discard(ref: DraftRef, p: Principal) {
    const { org, draft } = await this.require(ref);
    this.allow('discard', draft);
    const saved = await this.drafts.transition(org, draft.id, 'plan.draft-discarded', actorOf(p), {}, (c) =>
      this.allow('discard', c),
    );
    return this.view(org, saved);
  }

  /** The steps an earlier year left undone, by its tasks in the read model: what a rollover decides on. */
  async unfinished(ref: DraftRef, from: number) {
    const { org } = await this.require(ref);
    return { fromFiscalYear: from, steps: await this.unfinishedOf(org, from) };
  }

  /**
   * Records the planner's decision for each unfinished step of `from` (carried over as a step of the
   * draft's measure, or dropped, each with its reason) in the draft and in the audit trail.
   */
  async carryOver(
    ref: DraftRef,
    body: { from: number; revision?: number; decisions: CarryOverDecision[] },
    p: Principal,
  ) {
    const { org, draft } = await this.require(ref);
    this.allow('update', draft, body.revision);
    const result = applyCarryOver(draft.document, body.from, await this.unfinishedOf(org, body.from), body.decisions);
    if (!result.ok)
      throw new DomainError(
        DomainErrorCode.InvalidArgument,
        `${result.problems.length} carry-over decision(s) do not fit the unfinished work of ${body.from}`,
        result.problems,
      );
    const saved = await this.write(org, draft, body.revision ?? draft.revision, result.plan, p, {
      carryOver: { from: body.from, decisions: body.decisions },
    });
    return this.view(org, saved);
  }

  /** The year's ITA results from the template workbook, attached to the draft (its measures' items re-scored). */
  async attachIta(ref: DraftRef, bytes: Buffer, p: Principal) {
    const { org, draft } = await this.require(ref);
    this.allow('update', draft);
    if (bytes.length === 0)
      throw new DomainError(DomainErrorCode.InvalidArgument, 'the request body must be the ITA results workbook', [
        { path: '(body)', message: 'is empty' },
      ]);
    const parsed = await parseItaResultsSheet(bytes);
    if (!parsed.ok) throw workbookInvalid('the ITA results workbook', parsed.problems);
    const document = attachItaResults(draft.document, parsed.ita);
    return this.view(
      org,
      await this.write(org, draft, draft.revision, document, p, { itaAttached: parsed.ita.assessmentYear }),
    );
  }

  private async unfinishedOf(org: OrganizationEntity, from: number) {
    const earlier = await this.plans.loadPlan(org.code, from);
    if (!earlier)
      throw new DomainError(
        DomainErrorCode.PlanNotFound,
        `organization ${org.code} has no plan for fiscal year ${from}`,
        [{ path: 'from', message: `no stored plan for ${from}` }],
      );
    const counts = await this.readModel.stepTaskCounts(org.id, from);
    const byMeasure: Record<string, StepTaskCount[]> = {};
    for (const c of counts) (byMeasure[c.measureCode] ??= []).push(c);
    return unfinishedSteps(earlier.definition, byMeasure);
  }

  private async write(
    org: OrganizationEntity,
    draft: PlanDraftEntity,
    revision: number,
    document: PlanDef,
    p: Principal,
    details: Record<string, unknown>,
  ): Promise<PlanDraftEntity> {
    this.allow('update', draft, revision);
    const changes = diffPlans(draft.document, document).changes;
    const check = checkDraft(document, org.code, draft.fiscalYear);
    return this.drafts.update(
      org,
      draft.id,
      document,
      hashOf(document),
      actorOf(p),
      {
        changes: changes.length,
        changedPaths: changes.slice(0, AUDITED_CHANGE_PATHS).map((c) => `${c.kind} ${c.path}`),
        valid: check.valid,
        problems: check.problems.length,
        ...details,
      },
      (current) => this.allow('update', current, revision),
    );
  }

  /** Refuses a command the draft's status does not allow (409 naming `status`), or a stale revision (409 naming `revision`). */
  private allow(command: PlanDraftCommand, draft: PlanDraftEntity, revision?: number): void {
    if (!draftAllows(command, draft.status))
      throw new DomainError(
        DomainErrorCode.Conflict,
        `draft ${draft.id} is ${draft.status}; it cannot be ${PAST[command]} now`,
        [{ path: 'status', message: `is ${draft.status}` }],
      );
    if (revision !== undefined && revision !== draft.revision)
      throw new DomainError(
        DomainErrorCode.Conflict,
        `draft ${draft.id} is at revision ${draft.revision}, not ${revision}: it was saved meanwhile; reload it and make the change again`,
        [{ path: 'revision', message: `is ${draft.revision} now` }],
      );
  }

  private changesAgainst(stored: StoredPlan | null, document: PlanDef): PlanChange[] {
    const plan = normalizePlan(document);
    return stored ? diffPlans(stored.definition, plan).changes : creationChanges(plan);
  }

  private async require(ref: DraftRef) {
    const org = await requireOrganization(this.plans, ref.organization);
    const draft = await this.drafts.find(org.id, ref.fiscalYear, ref.id);
    if (!draft)
      throw new DomainError(
        DomainErrorCode.NotFound,
        `organization ${org.code} has no draft ${ref.id} for fiscal year ${ref.fiscalYear}`,
        [{ path: 'draftId', message: `"${ref.id}" not found` }],
      );
    return { org, draft };
  }

  private async view(org: OrganizationEntity, draft: PlanDraftEntity) {
    return { ...summaryOf(org, draft, await this.storedRef(org, draft.fiscalYear)), plan: draft.document };
  }

  private async storedRef(org: OrganizationEntity, fiscalYear: number): Promise<StoredRef | null> {
    const found = await this.plans.findPlan(org.code, fiscalYear);
    return found
      ? { revision: found.plan.revision, status: found.plan.status, contentHash: found.plan.contentHash }
      : null;
  }

  /** What an empty draft starts from: the year's stored plan, else the organization's newest, else the organization itself. */
  private async frame(org: OrganizationEntity, stored: StoredPlan | null): Promise<DraftFrame> {
    const { definition: d } = stored ?? {};
    if (d) return { organization: d.organization, units: d.units, oversight: d.oversight, ita: d.ita };
    const newest = (await this.plans.listPlans(org.id))[0];
    const other = newest ? (await this.plans.loadPlan(org.code, newest.fiscalYear))?.definition : undefined;
    if (other) return { organization: other.organization, units: other.units, oversight: other.oversight };
    return {
      organization: {
        code: org.code,
        name: org.name,
        ...(org.shortName ? { shortName: org.shortName } : {}),
        ...(org.nameEn ? { nameEn: org.nameEn } : {}),
      },
      units: (await this.plans.listUnits(org.id)).map((u) => ({
        code: u.code,
        name: u.name,
        ...(u.nameEn ? { nameEn: u.nameEn } : {}),
      })),
    };
  }
}

type StoredRef = { revision: number; status: PlanStatus; contentHash: string };

const PAST: Record<PlanDraftCommand, string> = {
  update: 'changed',
  submit: 'submitted',
  return: 'returned',
  approve: 'approved',
  discard: 'discarded',
};

/**
 * Running measures change only through amendments: a draft never replaces an active plan, nor a
 * closed one (its year's record is final).
 */
function refuseActive(organization: string, fiscalYear: number, stored: StoredPlan | null): void {
  if (!stored || stored.plan.status === 'imported') return;
  if (stored.plan.status === 'closed')
    throw new DomainError(
      DomainErrorCode.Conflict,
      `the plan for fiscal year ${fiscalYear} is closed: its year's record is final, and no revision replaces it`,
      [{ path: 'fiscalYear', message: `the plan for ${fiscalYear} is closed` }],
    );
  const path = `POST /api/organizations/${organization}/plans/${fiscalYear}/measures/{code}/amendments`;
  throw new DomainError(
    DomainErrorCode.Conflict,
    `the plan for fiscal year ${fiscalYear} is active: its running measures change only through amendments (${path}), not by a new revision`,
    [{ path: 'fiscalYear', message: `the plan for ${fiscalYear} is active; amend its measures with ${path}` }],
  );
}

function summaryOf(org: OrganizationEntity, d: PlanDraftEntity, stored: StoredRef | null) {
  const who = (by: string | null, at: string | null) => (by && at ? { by, at } : null);
  return {
    id: d.id,
    organization: org.code,
    fiscalYear: d.fiscalYear,
    status: viewStatus(d.status, d.approvedRevision, stored),
    revision: d.revision,
    contentHash: d.contentHash,
    source: d.source,
    base: d.baseRevision !== null && d.baseHash ? { revision: d.baseRevision, contentHash: d.baseHash } : null,
    stored,
    baseChanged: (stored?.contentHash ?? null) !== d.baseHash && d.status !== 'approved',
    measureCount: measureCount(d.document),
    created: { by: d.createdBy, at: d.createdAt },
    updated: { by: d.updatedBy, at: d.updatedAt },
    submitted: who(d.submittedBy, d.submittedAt),
    returned: d.returnedBy && d.returnedAt ? { by: d.returnedBy, at: d.returnedAt, comment: d.returnComment } : null,
    approved:
      d.approvedBy && d.approvedAt && d.approvedRevision !== null
        ? {
            by: d.approvedBy,
            at: d.approvedAt,
            authority: d.approvedAuthority,
            comment: d.approvalComment,
            revision: d.approvedRevision,
          }
        : null,
    discarded: who(d.discardedBy, d.discardedAt),
    validation: checkDraft(d.document, org.code, d.fiscalYear),
  };
}

const measureCount = (document: PlanDef) => (Array.isArray(document.measures) ? document.measures.length : 0);
const hashOf = (document: unknown) => createHash('sha256').update(canonicalJson(document)).digest('hex');
const actorOf = (p: Principal): DraftActor => ({ id: p.id, role: p.role, unitCode: p.unitCode ?? null });
