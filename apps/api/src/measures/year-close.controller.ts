/** Closing a fiscal year: every measure workflow of the year completes, with what is undone recorded as such. */
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, actorOf, Allow, CurrentPrincipal, Principal } from '../auth/access';
import { ApiErrorResponses } from '../http/common.schemas';
import { parseFiscalYear } from '../http/params';
import { ApiAnswer } from '../http/schema';
import { CommandClaim } from '../idempotency/idempotency.interceptor';
import type { IdempotencyClaim } from '../idempotency/idempotency.service';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { YearCloseResult } from './measure.schemas';
import { YearCloseService } from './year-close.service';

@ApiTags('measures')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403, 404)
@Controller('organizations/:organization')
export class YearCloseController {
  constructor(private readonly closing: YearCloseService) {}

  @Post('plans/:fiscalYear/close')
  @Idempotent()
  @HttpCode(200)
  @Allow(Access.oversight)
  @ApiOperation({
    summary:
      "Close a fiscal year (the Director, or the Deputy Director holding the Director's delegation), once it has ended",
    description:
      'Every measure workflow of the year completes: reports never delivered are recorded not delivered (submitted and undecided ones not decided), ' +
      'their open escalations end ("year closed"), open tasks are recorded not done (submitted and undecided ones not decided). ' +
      'Answers what became of each measure. Before the year has ended: 409 (fiscalYear). Closing again changes nothing and reports the measures as already completed. ' +
      'Once no measure is left running the plan is closed, recorded as plan.closed in the audit trail.',
  })
  @ApiAnswer(YearCloseResult)
  @ApiErrorResponses(409, 503)
  close(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @CurrentPrincipal() who: Principal,
    @CommandClaim() claim?: IdempotencyClaim,
  ) {
    return this.closing.close(organization, parseFiscalYear(fiscalYear), actorOf(who), claim?.updateId);
  }
}
