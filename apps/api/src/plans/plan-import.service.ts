/**
 * Plan import: validate the whole file, compare it with what is stored, and apply it atomically.
 * An identical plan changes nothing; a changed plan is only applied when the caller confirms the
 * diff it was shown (by sending back the content hash that diff was computed against). An applied
 * import is in the organization's audit chain (who, revision, hashes, the diff's paths); a dry
 * run or an unchanged re-import writes nothing, so records nothing. The file is a JSON plan file
 * or the plan's .xlsx workbook (docs/plan-file-format.md); other importers (the ITA results
 * workbook) hand their plan to importPlan, the same path.
 */
import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { AppConfig } from '@ita/config/app-config';
import { APP_CONFIG } from '@ita/config/config.module';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { canonicalJson, normalizePlan } from '@ita/domain/plan/plan.canonical';
import { diffPlans, PlanChange } from '@ita/domain/plan/plan.diff';
import type { PlanDef } from '@ita/domain/plan/plan.types';
import { assertValidPlan, parsePlanFile, PlanValidation } from '@ita/domain/plan/plan.validator';
import { readPlanWorkbook } from '@ita/spreadsheets/plan.sheet';
import type { AuditActor } from '@ita/persistence/identity.repository';
import { PlanConflictError, PlanImportAudit, PlanRepository } from '@ita/persistence/plan.repository';
import { isWorkbook, workbookInvalid } from './sheet-problems';

/** At most this many changed paths go into an import's audit entry (the CLI prints as many). */
const AUDITED_CHANGE_PATHS = 100;

export type ImportStatus = 'created' | 'updated' | 'unchanged' | 'would-create' | 'would-update';

export interface ImportResult {
  status: ImportStatus;
  organization: string;
  fiscalYear: number;
  /** Hash of the imported file's plan. */
  contentHash: string;
  /** Hash of the stored plan the diff was computed against (null: there was none). */
  baseHash: string | null;
  revision: number | null;
  summary: { units: number; measures: number; steps: number; itaItems: number; corrections: number };
  changes: PlanChange[];
}

export interface ImportOptions {
  /** Who imports: the planner, or `operator:<name>` for the CLI; recorded in the audit trail. */
  by: AuditActor;
  dryRun?: boolean;
  /** The baseHash of the diff the caller accepts; required to change an existing plan. */
  confirm?: string;
  /** The importing planner's organization: a plan of any other is refused (the CLI, run by operators, sets none). */
  organization?: string;
  /** The body's media type: an .xlsx one (or a zip archive, whatever the type) is read as a plan workbook. */
  contentType?: string;
  /** More for the plan.imported entry: where the plan came from (e.g. the approved draft). */
  details?: Record<string, unknown>;
  /** Written with the plan, in its transaction (see PlanImportAudit.alsoInTransaction), knowing what it changed. */
  alsoInTransaction?: (
    ...args: [...Parameters<NonNullable<PlanImportAudit['alsoInTransaction']>>, changes: PlanChange[]]
  ) => Promise<void>;
}

/** Where an imported plan came from, as its audit entry records it. */
export type ImportSource = 'plan-file' | 'plan-workbook' | 'ita-workbook' | 'plan-draft';

@Injectable()
export class PlanImportService {
  constructor(
    private readonly plans: PlanRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async importFile(bytes: Uint8Array, options: ImportOptions): Promise<ImportResult> {
    if (!isWorkbook(bytes, options.contentType)) return this.importPlan(parsePlanFile(bytes), options, 'plan-file');
    const read = await readPlanWorkbook(bytes);
    if (!read.ok) throw workbookInvalid('the plan workbook', read.problems);
    return this.importPlan({ ok: true, plan: read.plan }, options, 'plan-workbook');
  }

  /**
   * Imports a plan however it was read (a file, a workbook, an approved draft: PlanDraftService):
   * validated again here, then compared, confirmed and stored. The one way a plan becomes the
   * stored revision.
   */
  async importPlan(validation: PlanValidation, options: ImportOptions, source: ImportSource): Promise<ImportResult> {
    const plan = normalizePlan(assertValidPlan(validation));
    if (options.organization !== undefined && plan.organization.code !== options.organization) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        `this plan is for ${plan.organization.code}; you may import plans of ${options.organization} only`,
        [{ path: 'organization.code', message: `"${plan.organization.code}" is not your organization` }],
      );
    }
    const contentHash = createHash('sha256').update(canonicalJson(plan)).digest('hex');
    const stored = await this.plans.loadPlan(plan.organization.code, plan.fiscalYear);
    const baseHash = stored?.plan.contentHash ?? null;
    const result = (status: ImportStatus, revision: number | null, changes: PlanChange[]): ImportResult => ({
      status,
      organization: plan.organization.code,
      fiscalYear: plan.fiscalYear,
      contentHash,
      baseHash,
      revision,
      summary: summarize(plan),
      changes,
    });

    if (stored && baseHash === contentHash) return result('unchanged', stored.plan.revision, []);
    const changes = stored ? diffPlans(stored.definition, plan).changes : creationChanges(plan);
    if (options.dryRun) return result(stored ? 'would-update' : 'would-create', stored?.plan.revision ?? null, changes);
    if (stored && stored.plan.status !== 'imported') {
      const closed = stored.plan.status === 'closed';
      throw new DomainError(
        DomainErrorCode.PlanChangeNotConfirmed,
        closed
          ? `plan ${plan.organization.code}/${plan.fiscalYear} is closed: its year's record is final`
          : `plan ${plan.organization.code}/${plan.fiscalYear} is active: change it through plan amendments, not a re-import`,
        [{ path: '(file)', message: `differs from the ${closed ? 'closed' : 'active'} plan` }],
      );
    }
    if (stored && options.confirm !== baseHash) {
      throw new PlanChangeNeedsConfirmation(result('would-update', stored.plan.revision, changes), options.confirm);
    }
    try {
      const saved = await this.plans.savePlan(plan, contentHash, baseHash, this.config.defaults, {
        by: options.by,
        details: {
          source,
          summary: summarize(plan),
          changes: changes.length,
          changedPaths: stored ? changes.slice(0, AUDITED_CHANGE_PATHS).map((c) => `${c.kind} ${c.path}`) : [],
          ...options.details,
        },
        alsoInTransaction: options.alsoInTransaction && ((em, saved) => options.alsoInTransaction!(em, saved, changes)),
      });
      return result(stored ? 'updated' : 'created', saved.revision, changes);
    } catch (error) {
      if (error instanceof PlanConflictError) {
        throw new DomainError(
          DomainErrorCode.PlanChangeNotConfirmed,
          `${error.message}; review the new diff and import again`,
          [{ path: 'confirm', message: 'is out of date' }],
        );
      }
      throw error;
    }
  }
}

/** A changed plan whose diff the caller has not confirmed: carries the diff to show. */
export class PlanChangeNeedsConfirmation extends DomainError {
  constructor(
    readonly preview: ImportResult,
    given?: string,
  ) {
    super(
      DomainErrorCode.PlanChangeNotConfirmed,
      `plan ${preview.organization}/${preview.fiscalYear} differs from the stored one in ${preview.changes.length} place(s); nothing was written. ` +
        `Review the changes and import again with confirm=${preview.baseHash}`,
      [
        {
          path: 'confirm',
          message: given
            ? `"${given}" does not match the stored plan ${preview.baseHash}`
            : `is required to change an existing plan (use ${preview.baseHash})`,
        },
      ],
    );
  }
}

function summarize(plan: PlanDef): ImportResult['summary'] {
  return {
    units: plan.units.length,
    measures: plan.measures.length,
    steps: plan.measures.reduce((n, m) => n + m.steps.length, 0),
    itaItems: plan.ita?.items.length ?? 0,
    corrections: plan.corrections?.length ?? 0,
  };
}

/** What storing a first plan for its year adds (there is no stored plan to diff against). */
export function creationChanges(plan: PlanDef): PlanChange[] {
  return [
    ...plan.units.map((u): PlanChange => ({ kind: 'added', path: `units[${u.code}]`, after: u.name })),
    ...plan.measures.map((m): PlanChange => ({ kind: 'added', path: `measures[${m.code}]`, after: m.title })),
  ];
}
