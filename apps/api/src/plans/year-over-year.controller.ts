/** The year over year of an organization's ITA items (planners read it before a rollover). */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Access, Allow } from '../auth/access';
import { ApiErrorResponses } from '../http/common.schemas';
import { parseFiscalYear } from '../http/params';
import { ApiAnswer } from '../http/schema';
import { ItaYearOverYear } from './year-over-year.schemas';
import { YearOverYearService } from './year-over-year.service';

@ApiTags('plans')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403, 404)
@Controller('organizations/:organization/plans/:fiscalYear/ita/year-over-year')
export class YearOverYearController {
  constructor(private readonly yearOverYear: YearOverYearService) {}

  @Get()
  @Allow(Access.member)
  @ApiOperation({
    summary:
      "Each ITA item: this year's score and class, the measures run for it and the share of their steps done, and a later year's score",
  })
  @ApiQuery({ name: 'compareWith', required: false, description: 'the later fiscal year (default: the next one)' })
  @ApiAnswer(ItaYearOverYear)
  view(
    @Param('organization') organization: string,
    @Param('fiscalYear') fiscalYear: string,
    @Query('compareWith') compareWith?: string,
  ) {
    const year = parseFiscalYear(fiscalYear);
    return this.yearOverYear.view(
      organization,
      year,
      compareWith ? parseFiscalYear(compareWith, 'compareWith') : undefined,
    );
  }
}
