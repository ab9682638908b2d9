/** The escalation queue of late reports, for the Director, his delegate and auditors. */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { Access, Allow, CurrentPrincipal, Principal } from '../auth/access';
import { USERNAME_PATTERN } from '../auth/auth.schemas';
import { ApiErrorResponses } from '../http/common.schemas';
import { parseList } from '../http/params';
import { MeasureQueriesService } from './measure-queries.service';
import { paging } from './measure-route-params';
import { EscalationPage } from './measure.schemas';
import { ApiAnswer } from '../http/schema';

@ApiTags('measures')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403, 404)
@Controller('organizations/:organization')
export class EscalationsController {
  constructor(private readonly queries: MeasureQueriesService) {}

  @Get('escalations')
  @Allow(Access.overseers)
  @ApiOperation({
    summary:
      'The escalation queue: late 6-monthly reports, highest level first, each assigned to whoever held the oversight when it was raised',
  })
  @ApiQuery({ name: 'status', required: false, description: 'open (default) | resolved' })
  @ApiQuery({ name: 'assignee', required: false, description: 'a username, or "me"' })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  @ApiAnswer(EscalationPage)
  escalations(
    @CurrentPrincipal() who: Principal,
    @Param('organization') organization: string,
    @Query('status') status?: string,
    @Query('assignee') assignee?: string,
    @Query('page') page?: string,
    @Query('pageSize') pageSize?: string,
  ) {
    const [which] = parseList('status', status, ['open', 'resolved'] as const) ?? ['open'];
    if (assignee !== undefined && !USERNAME_PATTERN.test(assignee)) {
      throw new DomainError(DomainErrorCode.InvalidArgument, 'assignee must be a username or "me"', [
        { path: 'assignee', message: 'is not a username' },
      ]);
    }
    const p = paging(page, pageSize);
    return this.queries.escalations(
      organization,
      which === 'open',
      p.page,
      p.pageSize,
      assignee === 'me' ? who.id : assignee,
    );
  }
}
