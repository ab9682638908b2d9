/** Plan drafts over HTTP: thin; the lifecycle is PlanDraftService's (docs/plan-drafts.md). */
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { z } from 'zod';
import { Access, Allow, CurrentPrincipal, Principal } from '../auth/access';
import { ApiErrorResponse, ApiErrorResponses } from '../http/common.schemas';
import { parseFiscalYear, parseIntParam } from '../http/params';
import { ApiAlsoAnswers, ApiAnswer, ApiBodyOf } from '../http/schema';
import { valid } from '../http/validation';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { DraftRef, PlanDraftService } from './plan-drafts.service';
import {
  ApprovePlanDraftBody,
  CarryOverBody,
  CreatePlanDraftBody,
  DraftMeasureBody,
  DraftValidation,
  PlanDraft,
  PlanDraftCoverage,
  PlanDraftDiff,
  PlanDraftSummary,
  ReturnPlanDraftBody,
  SavePlanDraftBody,
  UnfinishedWork,
  ValidatePlanDraftBody,
} from './plan-drafts.schemas';
import { XLSX_TYPE } from './sheet-problems';
import { ImportConflict } from './plan.schemas';
import type { PlanDef } from '@ita/domain/plan/plan.types';

const ref = (organization: string, fiscalYear: string, draftId: string): DraftRef => ({
  organization,
  fiscalYear: parseFiscalYear(fiscalYear),
  id: parseIntParam('draftId', draftId, 1, 2_147_483_647)!,
});

@ApiTags('plan drafts')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403, 404)
@Controller('organizations/:organization/plans/:fiscalYear/drafts')
export class PlanDraftsController {
  constructor(private readonly drafts: PlanDraftService) {}

  @Get()
  @Allow(Access.draftReaders)
  @ApiOperation({ summary: "The year's plan drafts, newest first, each with its status and validation" })
  @ApiAnswer([PlanDraftSummary])
  list(@Param('organization') organization: string, @Param('fiscalYear') fiscalYear: string) {
    return this.drafts.list(organization, parseFiscalYear(fiscalYear));
  }

  @Post()
  @Idempotent()
  @Allow(Access.planners)
  @ApiOperation({
    summary: 'Start a draft of the plan (ร่างแผน): empty, a copy of the stored revision, or a document',
    description: 'One open draft (draft, submitted or returned) per year: another is a 409 naming the open one.',
  })
  @ApiBodyOf(CreatePlanDraftBody)
  @ApiAnswer(PlanDraft, { status: 201 })
  @ApiErrorResponse(409)
  create(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Body(valid(CreatePlanDraftBody)) body: z.output<typeof CreatePlanDraftBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.drafts.create(organization, parseFiscalYear(fiscalYear), body.source, body.plan, p, body.from);
  }

  @Post('validate')
  @HttpCode(200)
  @Allow(Access.draftReaders)
  @ApiOperation({
    summary: 'Check a plan document as it is typed: every problem with its path (nothing is saved)',
    description: 'The same validator as a plan import, and the checks of a draft (its organization and year).',
  })
  @ApiBodyOf(ValidatePlanDraftBody)
  @ApiAnswer(DraftValidation)
  validate(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Body(valid(ValidatePlanDraftBody)) body: z.output<typeof ValidatePlanDraftBody>,
  ) {
    return this.drafts.validate(organization, parseFiscalYear(fiscalYear), body.plan);
  }

  @Get(':draftId')
  @Allow(Access.draftReaders)
  @ApiOperation({ summary: 'A draft: its document, status, who moved it on and when, and its problems' })
  @ApiAnswer(PlanDraft)
  get(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Param('draftId') draftId: string,
  ) {
    return this.drafts.get(ref(organization, fiscalYear, draftId));
  }

  @Put(':draftId')
  @Allow(Access.planners)
  @ApiOperation({
    summary: "Save the draft's whole document (valid or not: the answer lists its problems)",
    description:
      'Names the revision it changes: a draft saved meanwhile is a 409 naming `revision`. Saving what is stored writes nothing.',
  })
  @ApiBodyOf(SavePlanDraftBody)
  @ApiAnswer(PlanDraft)
  @ApiErrorResponse(409)
  save(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Param('draftId') draftId: string,
    @Body(valid(SavePlanDraftBody)) body: z.output<typeof SavePlanDraftBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.drafts.save(ref(organization, fiscalYear, draftId), body.revision, body.plan as PlanDef, p);
  }

  @Post(':draftId/measures/from-items')
  @Idempotent()
  @HttpCode(200)
  @Allow(Access.planners)
  @ApiOperation({
    summary:
      'Draft a measure from ITA items (e.g. E6): items with their scores, title, priority, indicator; no steps yet',
  })
  @ApiBodyOf(DraftMeasureBody)
  @ApiAnswer(PlanDraft)
  @ApiErrorResponse(409)
  draftMeasure(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Param('draftId') draftId: string,
    @Body(valid(DraftMeasureBody)) body: z.output<typeof DraftMeasureBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.drafts.draftMeasure(ref(organization, fiscalYear, draftId), body, p);
  }

  @Get(':draftId/unfinished')
  @Allow(Access.draftReaders)
  @ApiOperation({
    summary:
      "An earlier year's unfinished work: each step of its measures not done, with its tasks, to carry over or drop",
  })
  @ApiQuery({ name: 'from', required: false, description: 'the earlier fiscal year (default: the year before)' })
  @ApiAnswer(UnfinishedWork)
  unfinished(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Param('draftId') draftId: string,
    @Query('from') from?: string,
  ) {
    const draft = ref(organization, fiscalYear, draftId);
    return this.drafts.unfinished(draft, from ? parseFiscalYear(from, 'from') : draft.fiscalYear - 1);
  }

  @Post(':draftId/carry-over')
  @Idempotent()
  @HttpCode(200)
  @Allow(Access.planners)
  @ApiOperation({
    summary:
      "Decide an earlier year's unfinished steps: carry each over as a step of the draft's measure, or drop it, with the reason (recorded in the audit trail)",
  })
  @ApiBodyOf(CarryOverBody)
  @ApiAnswer(PlanDraft)
  @ApiErrorResponse(409)
  carryOver(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Param('draftId') draftId: string,
    @Body(valid(CarryOverBody)) body: z.output<typeof CarryOverBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.drafts.carryOver(ref(organization, fiscalYear, draftId), body, p);
  }

  @Post(':draftId/ita')
  @Idempotent()
  @HttpCode(200)
  @Allow(Access.planners)
  @ApiOperation({
    summary:
      "Attach the year's ITA results to the draft from the ITA results workbook (GET …/ita/template.xlsx); its measures' items take the new scores",
  })
  @ApiConsumes(XLSX_TYPE, 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiAnswer(PlanDraft)
  @ApiErrorResponse(409)
  @ApiErrorResponse(422, 'the workbook has problems: each names its cell')
  attachIta(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Param('draftId') draftId: string,
    @Req() req: Request,
    @CurrentPrincipal() p: Principal,
  ) {
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    return this.drafts.attachIta(ref(organization, fiscalYear, draftId), bytes, p);
  }

  @Get(':draftId/coverage')
  @Allow(Access.draftReaders)
  @ApiOperation({ summary: "The draft's ITA items, each with the measures covering it, and those needing one" })
  @ApiAnswer(PlanDraftCoverage)
  coverage(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Param('draftId') draftId: string,
  ) {
    return this.drafts.coverage(ref(organization, fiscalYear, draftId));
  }

  @Get(':draftId/diff')
  @Allow(Access.draftReaders)
  @ApiOperation({
    summary: "What approving the draft changes in the year's stored plan, and the baseHash to confirm it with",
  })
  @ApiAnswer(PlanDraftDiff)
  diff(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Param('draftId') draftId: string,
  ) {
    return this.drafts.diff(ref(organization, fiscalYear, draftId));
  }

  @Post(':draftId/submit')
  @Idempotent()
  @HttpCode(200)
  @Allow(Access.planners)
  @ApiOperation({ summary: 'Submit the draft for review: it must be valid (422 with every problem otherwise)' })
  @ApiAnswer(PlanDraft)
  @ApiErrorResponse(409, 'not a draft now, saved meanwhile, or the year’s plan is active (change it by amendments)')
  @ApiErrorResponse(422, 'the draft is not valid: every problem with its path')
  submit(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Param('draftId') draftId: string,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.drafts.submit(ref(organization, fiscalYear, draftId), p);
  }

  @Post(':draftId/approve')
  @Idempotent()
  @HttpCode(200)
  @Allow(Access.oversight)
  @ApiOperation({
    summary:
      "Approve the submitted draft: it becomes the year's stored plan revision (as an import), ready to activate",
    description:
      'confirm: the baseHash of the diff shown (required when the year has a stored plan). An active plan is not replaced: ' +
      'its running measures change only through amendments (409 naming that route).',
  })
  @ApiBodyOf(ApprovePlanDraftBody, { required: false })
  @ApiAnswer(PlanDraft)
  @ApiAlsoAnswers(409, ImportConflict, 'not submitted, the plan is active, or the diff changed (preview: the new one)')
  approve(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Param('draftId') draftId: string,
    @Body(valid(ApprovePlanDraftBody)) body: z.output<typeof ApprovePlanDraftBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.drafts.approve(ref(organization, fiscalYear, draftId), body, p);
  }

  @Post(':draftId/return')
  @Idempotent()
  @HttpCode(200)
  @Allow(Access.oversight)
  @ApiOperation({ summary: 'Return the submitted draft to the planner with a comment' })
  @ApiBodyOf(ReturnPlanDraftBody)
  @ApiAnswer(PlanDraft)
  @ApiErrorResponse(409)
  returnDraft(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Param('draftId') draftId: string,
    @Body(valid(ReturnPlanDraftBody)) body: z.output<typeof ReturnPlanDraftBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.drafts.returnDraft(ref(organization, fiscalYear, draftId), body.comment, p);
  }

  @Post(':draftId/discard')
  @Idempotent()
  @HttpCode(200)
  @Allow(Access.planners)
  @ApiOperation({ summary: 'Discard a draft not yet approved' })
  @ApiAnswer(PlanDraft)
  @ApiErrorResponse(409)
  discard(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Param('draftId') draftId: string,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.drafts.discard(ref(organization, fiscalYear, draftId), p);
  }
}
