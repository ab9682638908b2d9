import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { Access, Allow, CurrentPrincipal, Principal } from '../auth/access';
import { ApiErrorResponse, ApiErrorResponses } from '../http/common.schemas';
import { parseBoolean, parseFiscalYear } from '../http/params';
import { ImportResult, PlanImportService } from './plan-import.service';
import { PlanQueryService } from './plan-query.service';
import {
  ImportConflict,
  ImportResult as ImportResultSchema,
  ItaResults,
  MeasureDetail,
  MeasureSummary,
  Organization,
  PlanSummary,
} from './plan.schemas';
import { ApiAlsoAnswers, ApiAnswer } from '../http/schema';
import { XLSX_TYPE } from './sheet-problems';

@ApiTags('plans')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403, 404)
@Controller()
export class PlansController {
  constructor(
    private readonly importer: PlanImportService,
    private readonly queries: PlanQueryService,
  ) {}

  @Post('plans/import')
  @HttpCode(200)
  @Allow(Access.planners)
  @ApiOperation({
    summary: 'Import a plan file (นำเข้าแผน)',
    description:
      'The body is the plan file itself (UTF-8 JSON, docs/plan-file-format.md), or its Excel workbook (.xlsx, as GET …/plan.xlsx ' +
      'exports it; read as one when sent as that type or when it is a zip archive). The whole file is validated first; ' +
      'every problem is listed with its path (a workbook\'s with its cell, e.g. "มาตรการ (Measures)!I4") and nothing is written (422). ' +
      'An identical plan changes nothing. A changed plan answers 409 with the diff; send it again with confirm=<baseHash> to apply it.',
  })
  @ApiConsumes('application/json', 'application/octet-stream', XLSX_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean, description: 'validate and diff only' })
  @ApiQuery({ name: 'confirm', required: false, description: 'baseHash of the diff being accepted' })
  @ApiAnswer(ImportResultSchema, { description: 'unchanged, updated or a dry run' })
  @ApiAlsoAnswers(201, ImportResultSchema, 'created')
  @ApiAlsoAnswers(
    409,
    ImportConflict,
    'the plan differs from the stored one: the diff to confirm (or the plan is active)',
  )
  @ApiErrorResponse(413, 'the plan file is larger than 5 MB')
  @ApiErrorResponse(422, 'invalid plan: every problem with its path')
  async importPlan(
    @Req() req: Request,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
    @Query('dryRun') dryRun?: string,
    @Query('confirm') confirm?: string,
  ): Promise<ImportResult> {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
      throw new DomainError(DomainErrorCode.InvalidArgument, 'the request body must be the plan file', [
        { path: '(body)', message: 'is empty' },
      ]);
    }
    const result = await this.importer.importFile(req.body, {
      by: { id: p.id, role: p.role, unitCode: p.unitCode },
      dryRun: parseBoolean('dryRun', dryRun),
      confirm,
      organization: p.organizationCode,
      contentType: req.headers['content-type'],
    });
    if (result.status === 'created') res.status(201);
    return result;
  }

  @Get('organizations')
  @Allow(Access.member)
  @ApiOperation({ summary: 'My organization and its plans (nobody sees another organization)' })
  @ApiAnswer([Organization])
  listOrganizations(@CurrentPrincipal() p: Principal) {
    return this.queries.listOrganizations(p.organizationCode);
  }

  @Get('organizations/:organization/plans/:fiscalYear')
  @Allow(Access.member)
  @ApiOperation({ summary: "A plan's summary: units, oversight, corrections of the source" })
  @ApiAnswer(PlanSummary)
  getPlan(@Param('organization') organization: string, @Param('fiscalYear') fiscalYear: string) {
    return this.queries.getPlan(organization, parseFiscalYear(fiscalYear));
  }

  @Get('organizations/:organization/plans/:fiscalYear/measures')
  @Allow(Access.member)
  @ApiOperation({ summary: "A plan's measures with their units, quarters and reporting cadences" })
  @ApiAnswer([MeasureSummary])
  listMeasures(@Param('organization') organization: string, @Param('fiscalYear') fiscalYear: string) {
    return this.queries.listMeasures(organization, parseFiscalYear(fiscalYear));
  }

  @Get('organizations/:organization/plans/:fiscalYear/measures/:code')
  @Allow(Access.member)
  @ApiOperation({ summary: 'One measure in full: steps, monitoring guidelines, reporting' })
  @ApiAnswer(MeasureDetail)
  getMeasure(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Param('code') code: string,
  ) {
    return this.queries.getMeasure(organization, parseFiscalYear(fiscalYear), code);
  }

  @Get('organizations/:organization/plans/:fiscalYear/ita')
  @Allow(Access.member)
  @ApiOperation({ summary: 'The ITA results the plan answers: indicators, items, sub-items' })
  @ApiAnswer(ItaResults)
  getIta(@Param('organization') organization: string, @Param('fiscalYear') fiscalYear: string) {
    return this.queries.getItaResults(organization, parseFiscalYear(fiscalYear));
  }
}
