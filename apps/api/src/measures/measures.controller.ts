import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError, DomainErrorCode } from '../../../../libs/domain/src/domain-error';
import type { Actor } from '../../../../libs/domain/src/measure/measure.types';
import { CurrentActor } from '../http/actor';
import { parseCode, parseFiscalYear, parseIntParam, parseList, parseOptionalBoolean, requireBody } from '../http/params';
import { DemoCalendarRequest, MeasureActivationService } from './measure-activation.service';
import { MeasureCommandsService, MeasureRef } from './measure-commands.service';
import { MeasureQueriesService } from './measure-queries.service';

const TASK_STATUSES = ['open', 'submitted', 'returned', 'approved', 'withdrawn'] as const;
const REPORT_STATUSES = ['open', 'submitted', 'returned', 'approved'] as const;
const ActorHeaders = () => applyDecorators(
  ApiHeader({ name: 'X-Actor-Id', required: true, description: 'acting user (until authentication lands)' }),
  ApiHeader({ name: 'X-Actor-Role', required: true, description: 'unit-staff | unit-head | deputy-director | director | auditor | planner' }),
  ApiHeader({ name: 'X-Actor-Unit', required: false, description: 'unit code of unit staff and heads' }),
);
const paging = (page?: string, pageSize?: string) => ({
  page: parseIntParam('page', page, 1, 100000, 1)!,
  pageSize: parseIntParam('pageSize', pageSize, 1, 200, 50)!,
});

@ApiTags('measures')
@Controller('organizations/:organization')
export class MeasuresController {
  constructor(
    private readonly activation: MeasureActivationService,
    private readonly commands: MeasureCommandsService,
    private readonly queries: MeasureQueriesService,
  ) {}

  @Post('plans/:fiscalYear/activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Activate a plan: start one durable workflow per measure (idempotent)', description:
    'Runs on the real Thai fiscal calendar. For demonstrations and training, {"calendar": {"quarterSeconds": 120}} runs the year compressed (days scale with it).' })
  @ApiBody({ required: false, schema: { type: 'object', properties: { calendar: { type: 'object', properties: { quarterSeconds: { type: 'number' }, startsAt: { type: 'string', format: 'date-time' } } } } } })
  activate(@Param('organization') organization: string, @Param('fiscalYear') fiscalYear: string, @Body() body: unknown) {
    const { calendar } = requireBody(body);
    if (calendar !== undefined && (typeof calendar !== 'object' || calendar === null || Array.isArray(calendar))) {
      throw new DomainError(DomainErrorCode.InvalidArgument, 'calendar must be an object', [{ path: 'calendar', message: 'must be {"quarterSeconds": n, "startsAt"?: date-time}' }]);
    }
    return this.activation.activate(organization, parseFiscalYear(fiscalYear), calendar as DemoCalendarRequest | undefined);
  }

  @Get('plans/:fiscalYear/measures/:code/state')
  @ApiOperation({ summary: "The measure workflow's live state (Temporal Query)" })
  state(@Param('organization') organization: string, @Param('fiscalYear') fiscalYear: string, @Param('code') code: string) {
    return this.queries.liveState(organization, parseFiscalYear(fiscalYear), code);
  }

  @Get('plans/:fiscalYear/measures/:code/tasks')
  @ApiOperation({ summary: "All of a measure's tasks, by quarter, step and unit" })
  tasks(@Param('organization') organization: string, @Param('fiscalYear') fiscalYear: string, @Param('code') code: string) {
    return this.queries.tasks(organization, parseFiscalYear(fiscalYear), code);
  }

  @Get('plans/:fiscalYear/measures/:code/timeline')
  @ApiOperation({ summary: "A measure's timeline: every change, who made it, before and after, with its workflow event" })
  timeline(@Param('organization') organization: string, @Param('fiscalYear') fiscalYear: string, @Param('code') code: string) {
    return this.queries.timeline(organization, parseFiscalYear(fiscalYear), code);
  }

  @Get('units/:unit/inbox')
  @ApiOperation({ summary: "A unit's inbox: open, returned and submitted tasks by default" })
  @ApiQuery({ name: 'status', required: false, description: `comma-separated: ${TASK_STATUSES.join(', ')}` })
  @ApiQuery({ name: 'overdue', required: false, type: Boolean })
  @ApiQuery({ name: 'returned', required: false, type: Boolean })
  @ApiQuery({ name: 'quarter', required: false, type: Number })
  @ApiQuery({ name: 'fiscalYear', required: false, type: Number })
  @ApiQuery({ name: 'measure', required: false })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  inbox(
    @Param('organization') organization: string, @Param('unit') unit: string, @Query('status') status?: string,
    @Query('overdue') overdue?: string, @Query('returned') returned?: string, @Query('quarter') quarter?: string,
    @Query('fiscalYear') fiscalYear?: string, @Query('measure') measure?: string, @Query('page') page?: string, @Query('pageSize') pageSize?: string,
  ) {
    const p = paging(page, pageSize);
    return this.queries.inbox(organization, unit, {
      statuses: parseList('status', status, TASK_STATUSES), overdue: parseOptionalBoolean('overdue', overdue), returned: parseOptionalBoolean('returned', returned),
      quarter: parseIntParam('quarter', quarter, 1, 4), fiscalYear: fiscalYear ? parseFiscalYear(fiscalYear) : undefined, measureCode: measure,
    }, p.page, p.pageSize);
  }

  @Post('plans/:fiscalYear/measures/:code/tasks/:taskKey/submit')
  @HttpCode(200)
  @ActorHeaders()
  @ApiOperation({ summary: 'Submit a task: progress note, status, evidence matched to monitoring guidelines' })
  @ApiBody({ schema: { type: 'object', required: ['note', 'progress'], properties: {
    note: { type: 'string' }, progress: { enum: ['done', 'partly-done', 'not-done'] },
    evidence: { type: 'array', items: { type: 'object', properties: { kind: { enum: ['link', 'file'] }, url: { type: 'string' }, name: { type: 'string' }, guidelines: { type: 'array', items: { type: 'number' } } } } },
  } } })
  submitTask(@Param() p: Record<string, string>, @CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.commands.submitTask(ref(p), p.taskKey, actor, requireBody(body));
  }

  @Post('plans/:fiscalYear/measures/:code/tasks/:taskKey/approve')
  @HttpCode(200)
  @ActorHeaders()
  @ApiOperation({ summary: 'Approve a submitted task (head of its unit)' })
  approveTask(@Param() p: Record<string, string>, @CurrentActor() actor: Actor) {
    return this.commands.approveTask(ref(p), p.taskKey, actor);
  }

  @Post('plans/:fiscalYear/measures/:code/tasks/:taskKey/return')
  @HttpCode(200)
  @ActorHeaders()
  @ApiOperation({ summary: 'Return a submitted task with a reason (head of its unit); it reopens' })
  @ApiBody({ schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } } })
  returnTask(@Param() p: Record<string, string>, @CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.commands.returnTask(ref(p), p.taskKey, actor, requireBody(body));
  }

  @Get('reports')
  @ApiOperation({ summary: 'Reports due and submitted, across measures' })
  @ApiQuery({ name: 'status', required: false, description: `comma-separated: ${REPORT_STATUSES.join(', ')}` })
  @ApiQuery({ name: 'unit', required: false })
  @ApiQuery({ name: 'overdue', required: false, type: Boolean })
  @ApiQuery({ name: 'fiscalYear', required: false, type: Number })
  @ApiQuery({ name: 'measure', required: false })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  reports(
    @Param('organization') organization: string, @Query('status') status?: string, @Query('unit') unit?: string, @Query('overdue') overdue?: string,
    @Query('fiscalYear') fiscalYear?: string, @Query('measure') measure?: string, @Query('page') page?: string, @Query('pageSize') pageSize?: string,
  ) {
    const p = paging(page, pageSize);
    return this.queries.reports(organization, {
      statuses: parseList('status', status, REPORT_STATUSES), unitCode: parseCode('unit', unit), overdue: parseOptionalBoolean('overdue', overdue),
      fiscalYear: fiscalYear ? parseFiscalYear(fiscalYear) : undefined, measureCode: measure,
    }, p.page, p.pageSize);
  }

  @Post('plans/:fiscalYear/measures/:code/reports/:reportKey/submit')
  @HttpCode(200)
  @ActorHeaders()
  @ApiOperation({ summary: 'Submit a report (a responsible unit); without a summary the pre-filled draft is used' })
  @ApiBody({ required: false, schema: { type: 'object', properties: { summary: { type: 'string' } } } })
  submitReport(@Param() p: Record<string, string>, @CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.commands.submitReport(ref(p), p.reportKey, actor, requireBody(body));
  }

  @Post('plans/:fiscalYear/measures/:code/reports/:reportKey/approve')
  @HttpCode(200)
  @ActorHeaders()
  @ApiOperation({ summary: 'Approve a submitted report (Deputy Director or Director)' })
  @ApiBody({ required: false, schema: { type: 'object', properties: { comments: { type: 'string' } } } })
  approveReport(@Param() p: Record<string, string>, @CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.commands.approveReport(ref(p), p.reportKey, actor, requireBody(body));
  }

  @Post('plans/:fiscalYear/measures/:code/reports/:reportKey/return')
  @HttpCode(200)
  @ActorHeaders()
  @ApiOperation({ summary: 'Return a submitted report with comments for resubmission (Deputy Director or Director)' })
  @ApiBody({ schema: { type: 'object', required: ['comments'], properties: { comments: { type: 'string' } } } })
  returnReport(@Param() p: Record<string, string>, @CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.commands.returnReport(ref(p), p.reportKey, actor, requireBody(body));
  }

  @Get('escalations')
  @ApiOperation({ summary: "The Deputy Director's escalation queue: late 6-monthly reports, highest level first" })
  @ApiQuery({ name: 'status', required: false, description: 'open (default) | resolved' })
  escalations(@Param('organization') organization: string, @Query('status') status?: string, @Query('page') page?: string, @Query('pageSize') pageSize?: string) {
    const [which] = parseList('status', status, ['open', 'resolved'] as const) ?? ['open'];
    const p = paging(page, pageSize);
    return this.queries.escalations(organization, which === 'open', p.page, p.pageSize);
  }

  @Post('plans/:fiscalYear/measures/:code/amendments')
  @HttpCode(200)
  @ActorHeaders()
  @ApiOperation({ summary: 'Amend a running measure (add/remove a step, change quarters, units or cadences); recorded, finished work kept' })
  @ApiBody({ schema: { type: 'object', required: ['change', 'reason'], properties: { change: { type: 'object' }, reason: { type: 'string' } } } })
  amend(@Param() p: Record<string, string>, @CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.commands.amend(ref(p), actor, requireBody(body));
  }
}

function ref(params: Record<string, string>): MeasureRef {
  return { organization: params.organization, fiscalYear: parseFiscalYear(params.fiscalYear), measureCode: params.code };
}
