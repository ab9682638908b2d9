import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access, Allow, CurrentPrincipal, Principal } from '../auth/access';
import { ApiErrorResponse, ApiErrorResponses } from '../http/common.schemas';
import { parseBoolean, parseFiscalYear } from '../http/params';
import { ApiAlsoAnswers, ApiAnswer, ApiPathParams, binaryContent } from '../http/schema';
import type { ImportResult } from './plan-import.service';
import { ImportConflict, ImportResult as ImportResultSchema } from './plan.schemas';
import { PlanSheetsService, Workbook } from './plan-sheets.service';
import { XLSX_TYPE } from './sheet-problems';

@ApiTags('plans')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403, 404)
@Controller('organizations/:organization/plans/:fiscalYear')
export class PlanSheetsController {
  constructor(private readonly sheets: PlanSheetsService) {}

  @Get('plan.xlsx')
  @Allow(Access.member)
  @ApiOperation({
    summary: 'The plan as an Excel workbook (ส่งออกแผนเป็น Excel)',
    description:
      "In the layout of the seed's tables (docs/plan-file-format.md); edit it and import it back at POST /api/plans/import. " +
      'Exported and imported unchanged, it is the same plan (equal content hash).',
  })
  @ApiPathParams('organization', 'fiscalYear')
  @ApiOkResponse({ description: 'the .xlsx workbook', content: binaryContent([XLSX_TYPE]) })
  @ApiErrorResponse(409, 'the plan holds what the layout cannot (ITA scores of a third year)')
  async exportPlan(@Param() p: Record<string, string>, @Res() res: Response): Promise<void> {
    send(res, await this.sheets.exportPlan(p.organization, parseFiscalYear(p.fiscalYear)));
  }

  @Get('ita/template.xlsx')
  @Allow(Access.member)
  @ApiOperation({
    summary: 'The ITA results template (แบบฟอร์มนำเข้าผล ITA)',
    description: "An empty workbook to fill in from the NACC's ITAS pages (docs/ita-results-sheet.md).",
  })
  @ApiPathParams('organization', 'fiscalYear')
  @ApiOkResponse({ description: 'the .xlsx template', content: binaryContent([XLSX_TYPE]) })
  async itaTemplate(@Param() p: Record<string, string>, @Res() res: Response): Promise<void> {
    send(res, await this.sheets.itaTemplate(p.organization, parseFiscalYear(p.fiscalYear)));
  }

  @Post('ita')
  @HttpCode(200)
  @Allow(Access.planners)
  @ApiOperation({
    summary: "Import the plan's ITA results from the template (นำเข้าผล ITA)",
    description:
      "The body is the filled-in template (.xlsx). It replaces the plan's ITA results through the plan import: " +
      'every problem is listed with its cell (problems[].path, e.g. "ITA ข้อคำถาม (Items)!C5") and nothing is written (422); ' +
      'the same results change nothing; changed results answer 409 with the diff, applied with confirm=<baseHash> as a new revision.',
  })
  @ApiPathParams('organization', 'fiscalYear')
  @ApiConsumes(XLSX_TYPE, 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean, description: 'validate and diff only' })
  @ApiQuery({ name: 'confirm', required: false, description: 'baseHash of the diff being accepted' })
  @ApiAnswer(ImportResultSchema, { description: 'updated, unchanged or a dry run' })
  @ApiAlsoAnswers(
    409,
    ImportConflict,
    'the results differ from the stored ones: the diff to confirm (or the plan is active)',
  )
  @ApiErrorResponse(413, 'the workbook is larger than 5 MB')
  @ApiErrorResponse(422, 'invalid results: every problem with its sheet, row and column')
  importIta(
    @Param() p: Record<string, string>,
    @Req() req: Request,
    @CurrentPrincipal() principal: Principal,
    @Query('dryRun') dryRun?: string,
    @Query('confirm') confirm?: string,
  ): Promise<ImportResult> {
    const fiscalYear = parseFiscalYear(p.fiscalYear);
    return this.sheets.importIta(p.organization, fiscalYear, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), {
      by: { id: principal.id, role: principal.role, unitCode: principal.unitCode },
      dryRun: parseBoolean('dryRun', dryRun),
      confirm,
      organization: principal.organizationCode,
    });
  }
}

function send(res: Response, workbook: Workbook): void {
  res.setHeader('Content-Type', XLSX_TYPE);
  res.setHeader('Content-Length', String(workbook.bytes.length));
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${workbook.fileName}"; filename*=UTF-8''${encodeURIComponent(workbook.fileName)}`,
  );
  res.setHeader('Cache-Control', 'no-store');
  res.end(workbook.bytes);
}
