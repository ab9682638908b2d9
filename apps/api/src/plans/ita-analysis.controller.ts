import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Allow } from '../auth/access';
import { ApiErrorResponses } from '../http/common.schemas';
import { parseFiscalYear } from '../http/params';
import { ApiAnswer, ApiPathParams } from '../http/schema';
import { ItaAnalysis } from './ita-analysis.schemas';
import { ItaAnalysisService } from './ita-analysis.service';

@ApiTags('plans')
@ApiBearerAuth()
@ApiErrorResponses(400, 401, 403, 404)
@Controller('organizations/:organization/plans/:fiscalYear/ita')
export class ItaAnalysisController {
  constructor(private readonly analysis: ItaAnalysisService) {}

  @Get('analysis')
  @Allow(Access.member)
  @ApiOperation({
    summary: "The plan's ITA analysis (การวิเคราะห์ผล ITA)",
    description:
      "Every item and sub-item classed by the organization's thresholds (urgent, improve, strength), grouped as the seed groups them, " +
      "with the change from the previous year (last year's plan's results, when stored), the items that need a measure and have none, " +
      'measures whose priority is not their items’ class, and printed grades that contradict each other. 404 (path ita) when the plan has no ITA results.',
  })
  @ApiPathParams('organization', 'fiscalYear')
  @ApiAnswer(ItaAnalysis)
  analyse(@Param() p: Record<string, string>) {
    return this.analysis.analyse(p.organization, parseFiscalYear(p.fiscalYear));
  }
}
