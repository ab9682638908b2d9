/**
 * Plans and ITA results as .xlsx workbooks: a plan's export in the seed's table layout, the ITA
 * results template, and an ITA results workbook imported into a stored plan. The import replaces
 * the plan's `ita` and goes through the plan import itself (validation, diff and confirmation, a
 * new revision, the `plan.imported` audit entry), so nothing is written while any problem remains.
 */
import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { validatePlan } from '@ita/domain/plan/plan.validator';
import { itaResultsTemplate, parseItaResultsSheet } from '@ita/spreadsheets/ita-results.sheet';
import { writePlanWorkbook } from '@ita/spreadsheets/plan.sheet';
import { ItaAnalysisService } from './ita-analysis.service';
import { ImportOptions, ImportResult, PlanImportService } from './plan-import.service';
import { workbookInvalid } from './sheet-problems';

export interface Workbook {
  bytes: Buffer;
  fileName: string;
}

@Injectable()
export class PlanSheetsService {
  constructor(
    private readonly importer: PlanImportService,
    private readonly stored: ItaAnalysisService,
  ) {}

  async exportPlan(organizationCode: string, fiscalYear: number): Promise<Workbook> {
    const { definition } = await this.stored.requireStoredPlan(organizationCode, fiscalYear);
    try {
      return { bytes: await writePlanWorkbook(definition), fileName: `plan-${organizationCode}-${fiscalYear}.xlsx` };
    } catch (error) {
      // A stored plan the layout cannot hold (ITA scores of a third year): the plan is fine, the export is not possible.
      if (error instanceof DomainError && error.code === DomainErrorCode.InvalidArgument)
        throw new DomainError(DomainErrorCode.Conflict, error.message, error.problems);
      throw error;
    }
  }

  async itaTemplate(organizationCode: string, fiscalYear: number): Promise<Workbook> {
    return { bytes: await itaResultsTemplate(), fileName: `ita-results-${organizationCode}-${fiscalYear}.xlsx` };
  }

  /** The workbook's ITA results in place of the stored plan's, imported as a changed plan. */
  async importIta(
    organizationCode: string,
    fiscalYear: number,
    bytes: Buffer,
    options: Omit<ImportOptions, 'contentType'>,
  ): Promise<ImportResult> {
    if (bytes.length === 0)
      throw new DomainError(DomainErrorCode.InvalidArgument, 'the request body must be the ITA results workbook', [
        { path: '(body)', message: 'is empty' },
      ]);
    const { definition } = await this.stored.requireStoredPlan(organizationCode, fiscalYear);
    const parsed = await parseItaResultsSheet(bytes);
    if (!parsed.ok) throw workbookInvalid('the ITA results workbook', parsed.problems);
    return this.importer.importPlan(validatePlan({ ...definition, ita: parsed.ita }), options, 'ita-workbook');
  }
}
