/** Activating a plan: one durable workflow per measure, on the real fiscal calendar or a compressed one. */
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { Access, Allow, CurrentPrincipal, Principal } from '../auth/access';
import { ApiErrorResponse, ApiErrorResponses, ref as schemaRef } from '../http/api-schemas';
import { parseFiscalYear, requireBody } from '../http/params';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { DemoCalendarRequest, MeasureActivationService } from './measure-activation.service';

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
  @ApiBody({
    required: false,
    schema: {
      type: 'object',
      properties: {
        calendar: {
          type: 'object',
          properties: { quarterSeconds: { type: 'number' }, startsAt: { type: 'string', format: 'date-time' } },
        },
      },
    },
  })
  @ApiOkResponse({ schema: schemaRef('ActivationResult') })
  @ApiErrorResponse(503)
  activate(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
  ) {
    // No update id to pass: activation starts workflows by fixed ids, so running it again is harmless.
    const { calendar } = requireBody(body);
    if (calendar !== undefined && (typeof calendar !== 'object' || calendar === null || Array.isArray(calendar))) {
      throw new DomainError(DomainErrorCode.InvalidArgument, 'calendar must be an object', [
        { path: 'calendar', message: 'must be {"quarterSeconds": n, "startsAt"?: date-time}' },
      ]);
    }
    return this.activation.activate(
      organization,
      parseFiscalYear(fiscalYear),
      { id: p.id, role: p.role, unitCode: p.unitCode },
      calendar as DemoCalendarRequest | undefined,
    );
  }
}
