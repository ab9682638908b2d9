/** Activating a plan: one durable workflow per measure, on the real fiscal calendar or a compressed one. */
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Allow, CurrentPrincipal, Principal } from '../auth/access';
import { ApiErrorResponse, ApiErrorResponses } from '../http/common.schemas';
import { parseFiscalYear } from '../http/params';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { MeasureActivationService } from './measure-activation.service';
import { ActivateBody, ActivationResult } from '../plans/plan.schemas';
import { ApiAnswer, ApiBodyOf } from '../http/schema';
import type { z } from 'zod';
import { valid } from '../http/validation';

@ApiTags('measures')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403, 404)
@Controller('organizations/:organization')
export class PlanActivationController {
  constructor(private readonly activation: MeasureActivationService) {}

  @Post('plans/:fiscalYear/activate')
  @Idempotent()
  @HttpCode(200)
  @Allow(Access.activators)
  @ApiOperation({
    summary: 'Activate a plan: start one durable workflow per measure (idempotent)',
    description:
      'Runs on the real Thai fiscal calendar. For demonstrations and training, {"calendar": {"quarterSeconds": 120}} runs the year compressed (days scale with it).',
  })
  @ApiBodyOf(ActivateBody, { required: false })
  @ApiAnswer(ActivationResult)
  @ApiErrorResponse(503)
  activate(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Body(valid(ActivateBody)) body: z.output<typeof ActivateBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    // No update id to pass: activation starts workflows by fixed ids, so running it again is harmless.
    const { calendar } = body;
    return this.activation.activate(
      organization,
      parseFiscalYear(fiscalYear),
      { id: p.id, role: p.role, unitCode: p.unitCode },
      calendar,
    );
  }
}
