/** Reports across measures, and the commands on one: submit (a responsible unit), approve or return (the Director or his delegate). */
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { z } from 'zod';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { isUnitMember, unitsActedFor } from '@ita/domain/access/authority';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { REPORT_STATUSES } from '@ita/domain/measure/measure.types';
import { Access, actorOf, Allow, CurrentPrincipal, Principal } from '../auth/access';
import { ApiErrorResponses } from '../http/common.schemas';
import { ApiAnswer, ApiBodyOf, ApiPathParams } from '../http/schema';
import { valid } from '../http/validation';
import { parseCode, parseFiscalYear, parseList, parseOptionalBoolean } from '../http/params';
import { CommandClaim } from '../idempotency/idempotency.interceptor';
import type { IdempotencyClaim } from '../idempotency/idempotency.service';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { MeasureCommandsService } from './measure-commands.service';
import { MeasureQueriesService } from './measure-queries.service';
import { paging, ref } from './measure-route-params';
import { ApproveReportBody, ReportPage, ReportState, ReturnReportBody, SubmitReportBody } from './measure.schemas';

@ApiTags('measures')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403, 404)
@Controller('organizations/:organization')
export class ReportsController {
  constructor(
    private readonly commands: MeasureCommandsService,
    private readonly queries: MeasureQueriesService,
  ) {}

  @Get('reports')
  @Allow(Access.member)
  @ApiOperation({
    summary: "Reports due and submitted, across measures (unit staff and heads see their own units' reports)",
  })
  @ApiQuery({ name: 'status', required: false, description: `comma-separated: ${REPORT_STATUSES.join(', ')}` })
  @ApiQuery({ name: 'unit', required: false })
  @ApiQuery({ name: 'overdue', required: false, type: Boolean })
  @ApiQuery({ name: 'fiscalYear', required: false, type: Number })
  @ApiQuery({ name: 'measure', required: false })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  @ApiAnswer(ReportPage)
  reports(
    @CurrentPrincipal() who: Principal,
    @Param('organization') organization: string,
    @Query('status') status?: string,
    @Query('unit') unit?: string,
    @Query('overdue') overdue?: string,
    @Query('fiscalYear') fiscalYear?: string,
    @Query('measure') measure?: string,
    @Query('page') page?: string,
    @Query('pageSize') pageSize?: string,
  ) {
    const p = paging(page, pageSize);
    const asked = parseCode('unit', unit);
    let unitCodes = asked ? [asked] : undefined;
    if (isUnitMember(who)) {
      const mine = unitsActedFor(who, Date.now());
      if (asked && !mine.includes(asked))
        throw new DomainError(DomainErrorCode.Forbidden, `you see the reports of ${mine.join(', ')} only`, [
          { path: 'unit', message: `"${asked}" is not your unit` },
        ]);
      unitCodes = asked ? [asked] : mine;
    }
    return this.queries.reports(
      organization,
      {
        statuses: parseList('status', status, REPORT_STATUSES),
        unitCodes,
        overdue: parseOptionalBoolean('overdue', overdue),
        fiscalYear: fiscalYear ? parseFiscalYear(fiscalYear) : undefined,
        measureCode: measure,
      },
      p.page,
      p.pageSize,
    );
  }

  @Post('plans/:fiscalYear/measures/:code/reports/:reportKey/submit')
  @Idempotent()
  @HttpCode(200)
  @Allow(Access.unitWorker)
  @ApiOperation({ summary: 'Submit a report (a responsible unit); without a summary the pre-filled draft is used' })
  @ApiPathParams('organization', 'fiscalYear', 'code', 'reportKey')
  @ApiAnswer(ReportState)
  @ApiErrorResponses(409, 503)
  @ApiBodyOf(SubmitReportBody, { required: false })
  submitReport(
    @Param() p: Record<string, string>,
    @CurrentPrincipal() who: Principal,
    @Body(valid(SubmitReportBody)) body: z.output<typeof SubmitReportBody>,
    @CommandClaim() claim?: IdempotencyClaim,
  ) {
    return this.commands.submitReport(ref(p), p.reportKey, actorOf(who), body, claim?.updateId);
  }

  @Post('plans/:fiscalYear/measures/:code/reports/:reportKey/approve')
  @Idempotent()
  @HttpCode(200)
  @Allow(Access.oversight)
  @ApiOperation({
    summary: "Approve a submitted report (the Director, or the Deputy Director holding the Director's delegation)",
  })
  @ApiPathParams('organization', 'fiscalYear', 'code', 'reportKey')
  @ApiAnswer(ReportState)
  @ApiErrorResponses(409, 503)
  @ApiBodyOf(ApproveReportBody, { required: false })
  approveReport(
    @Param() p: Record<string, string>,
    @CurrentPrincipal() who: Principal,
    @Body(valid(ApproveReportBody)) body: z.output<typeof ApproveReportBody>,
    @CommandClaim() claim?: IdempotencyClaim,
  ) {
    return this.commands.approveReport(ref(p), p.reportKey, actorOf(who), body, claim?.updateId);
  }

  @Post('plans/:fiscalYear/measures/:code/reports/:reportKey/return')
  @Idempotent()
  @HttpCode(200)
  @Allow(Access.oversight)
  @ApiOperation({ summary: 'Return a submitted report with comments for resubmission (the Director, or his delegate)' })
  @ApiPathParams('organization', 'fiscalYear', 'code', 'reportKey')
  @ApiAnswer(ReportState)
  @ApiErrorResponses(409, 503)
  @ApiBodyOf(ReturnReportBody)
  returnReport(
    @Param() p: Record<string, string>,
    @CurrentPrincipal() who: Principal,
    @Body(valid(ReturnReportBody)) body: z.output<typeof ReturnReportBody>,
    @CommandClaim() claim?: IdempotencyClaim,
  ) {
    return this.commands.returnReport(ref(p), p.reportKey, actorOf(who), body, claim?.updateId);
  }
}
