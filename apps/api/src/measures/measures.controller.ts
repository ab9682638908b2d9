/** A running measure: its live state and state as of a date, its tasks and timeline, a unit's inbox, task commands and amendments. */
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { bangkokMidnight } from '@ita/domain/fiscal-calendar';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { TASK_STATUSES } from '@ita/domain/measure/measure.types';
import { Access, actorOf, Allow, CurrentPrincipal, Principal } from '../auth/access';
import { ApiErrorResponse, ApiErrorResponses } from '../http/common.schemas';
import { ApiAnswer, ApiBodyOf, ApiPathParams } from '../http/schema';
import { valid } from '../http/validation';
import { parseDate, parseFiscalYear, parseIntParam, parseList, parseOptionalBoolean } from '../http/params';
import { CommandClaim } from '../idempotency/idempotency.interceptor';
import type { IdempotencyClaim } from '../idempotency/idempotency.service';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { MeasureCommandsService } from './measure-commands.service';
import { MeasureQueriesService } from './measure-queries.service';
import { paging, ref } from './measure-route-params';
import {
  AmendBody,
  MeasureState,
  ReturnTaskBody,
  StateAsOf,
  SubmitTaskBody,
  Task,
  TaskPage,
  TaskState,
  TimelineEntry,
} from './measure.schemas';

@ApiTags('measures')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403, 404)
@Controller('organizations/:organization')
export class MeasuresController {
  constructor(
    private readonly commands: MeasureCommandsService,
    private readonly queries: MeasureQueriesService,
  ) {}

  @Get('plans/:fiscalYear/measures/:code/state')
  @Allow(Access.member)
  @ApiOperation({
    summary:
      "The measure workflow's live state (Temporal Query); with asOf, the state it had then, rebuilt from the audit trail",
  })
  @ApiQuery({
    name: 'asOf',
    required: false,
    description: 'a date (YYYY-MM-DD: the end of that day in Bangkok) or an ISO-8601 instant',
  })
  @ApiAnswer(z.union([MeasureState, StateAsOf]), { description: 'MeasureState (live), or StateAsOf with asOf' })
  @ApiErrorResponse(503)
  state(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Param('code') code: string,
    @Query('asOf') asOf?: string,
  ) {
    if (asOf) return this.queries.stateAsOf(organization, parseFiscalYear(fiscalYear), code, parseAsOf(asOf));
    return this.queries.liveState(organization, parseFiscalYear(fiscalYear), code);
  }

  @Get('plans/:fiscalYear/measures/:code/tasks')
  @Allow(Access.member)
  @ApiOperation({ summary: "All of a measure's tasks, by quarter, step and unit" })
  @ApiAnswer([Task])
  tasks(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Param('code') code: string,
  ) {
    return this.queries.tasks(organization, parseFiscalYear(fiscalYear), code);
  }

  @Get('plans/:fiscalYear/measures/:code/timeline')
  @Allow(Access.member)
  @ApiOperation({
    summary: "A measure's timeline: every change, who made it, before and after, with its workflow event",
  })
  @ApiAnswer([TimelineEntry])
  timeline(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Param('code') code: string,
  ) {
    return this.queries.timeline(organization, parseFiscalYear(fiscalYear), code);
  }

  @Get('units/:unit/inbox')
  @Allow(Access.unitInPath)
  @ApiOperation({ summary: "A unit's inbox: open, returned and submitted tasks by default" })
  @ApiQuery({ name: 'status', required: false, description: `comma-separated: ${TASK_STATUSES.join(', ')}` })
  @ApiQuery({ name: 'overdue', required: false, type: Boolean })
  @ApiQuery({ name: 'returned', required: false, type: Boolean })
  @ApiQuery({ name: 'quarter', required: false, type: Number })
  @ApiQuery({ name: 'fiscalYear', required: false, type: Number })
  @ApiQuery({ name: 'measure', required: false })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  @ApiAnswer(TaskPage)
  inbox(
    @Param('organization') organization: string,
    @Param('unit') unit: string,
    @Query('status') status?: string,
    @Query('overdue') overdue?: string,
    @Query('returned') returned?: string,
    @Query('quarter') quarter?: string,
    @Query('fiscalYear') fiscalYear?: string,
    @Query('measure') measure?: string,
    @Query('page') page?: string,
    @Query('pageSize') pageSize?: string,
  ) {
    const p = paging(page, pageSize);
    return this.queries.inbox(
      organization,
      unit,
      {
        statuses: parseList('status', status, TASK_STATUSES),
        overdue: parseOptionalBoolean('overdue', overdue),
        returned: parseOptionalBoolean('returned', returned),
        quarter: parseIntParam('quarter', quarter, 1, 4),
        fiscalYear: fiscalYear ? parseFiscalYear(fiscalYear) : undefined,
        measureCode: measure,
      },
      p.page,
      p.pageSize,
    );
  }

  @Post('plans/:fiscalYear/measures/:code/tasks/:taskKey/submit')
  @Idempotent()
  @HttpCode(200)
  @Allow(Access.unitWorker)
  @ApiOperation({ summary: 'Submit a task: progress note, status, evidence matched to monitoring guidelines' })
  @ApiPathParams('organization', 'fiscalYear', 'code', 'taskKey')
  @ApiAnswer(TaskState)
  @ApiErrorResponses(409, 503)
  @ApiBodyOf(SubmitTaskBody)
  submitTask(
    @Param() p: Record<string, string>,
    @CurrentPrincipal() who: Principal,
    @Body(valid(SubmitTaskBody)) body: z.output<typeof SubmitTaskBody>,
    @CommandClaim() claim?: IdempotencyClaim,
  ) {
    return this.commands.submitTask(ref(p), p.taskKey, actorOf(who), body, claim?.updateId);
  }

  @Post('plans/:fiscalYear/measures/:code/tasks/:taskKey/approve')
  @Idempotent()
  @HttpCode(200)
  @Allow(Access.unitHead)
  @ApiOperation({ summary: 'Approve a submitted task (head or acting head of its unit)' })
  @ApiPathParams('organization', 'fiscalYear', 'code', 'taskKey')
  @ApiAnswer(TaskState)
  @ApiErrorResponses(409, 503)
  approveTask(
    @Param() p: Record<string, string>,
    @CurrentPrincipal() who: Principal,
    @CommandClaim() claim?: IdempotencyClaim,
  ) {
    return this.commands.approveTask(ref(p), p.taskKey, actorOf(who), claim?.updateId);
  }

  @Post('plans/:fiscalYear/measures/:code/tasks/:taskKey/return')
  @Idempotent()
  @HttpCode(200)
  @Allow(Access.unitHead)
  @ApiOperation({ summary: 'Return a submitted task with a reason (head or acting head of its unit); it reopens' })
  @ApiPathParams('organization', 'fiscalYear', 'code', 'taskKey')
  @ApiAnswer(TaskState)
  @ApiErrorResponses(409, 503)
  @ApiBodyOf(ReturnTaskBody)
  returnTask(
    @Param() p: Record<string, string>,
    @CurrentPrincipal() who: Principal,
    @Body(valid(ReturnTaskBody)) body: z.output<typeof ReturnTaskBody>,
    @CommandClaim() claim?: IdempotencyClaim,
  ) {
    return this.commands.returnTask(ref(p), p.taskKey, actorOf(who), body, claim?.updateId);
  }

  @Post('plans/:fiscalYear/measures/:code/amendments')
  @Idempotent()
  @HttpCode(200)
  @Allow(Access.amenders)
  @ApiOperation({
    summary:
      'Amend a running measure (add/remove a step, change quarters, units or cadences); recorded, finished work kept',
  })
  @ApiPathParams('organization', 'fiscalYear', 'code')
  @ApiAnswer(MeasureState)
  @ApiErrorResponses(409, 503)
  @ApiBodyOf(AmendBody)
  amend(
    @Param() p: Record<string, string>,
    @CurrentPrincipal() who: Principal,
    @Body(valid(AmendBody)) body: z.output<typeof AmendBody>,
    @CommandClaim() claim?: IdempotencyClaim,
  ) {
    return this.commands.amend(ref(p), actorOf(who), body, claim?.updateId);
  }
}

/** A date is the end of that day in Bangkok (its last instant); an instant is taken as it is. */
function parseAsOf(raw: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    const [y, m, d] = parseDate('asOf', raw).split('-').map(Number);
    return new Date(bangkokMidnight(y, m, d + 1).getTime() - 1).toISOString();
  }
  const t = Date.parse(raw);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(raw)) {
    throw new DomainError(DomainErrorCode.InvalidArgument, 'asOf must be a date YYYY-MM-DD or an ISO-8601 instant', [
      { path: 'asOf', message: `"${raw}" is not a date` },
    ]);
  }
  return new Date(t).toISOString();
}
