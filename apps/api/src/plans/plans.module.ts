import { Module } from '@nestjs/common';
import { PlanDraftsController } from './plan-drafts.controller';
import { PlanDraftService } from './plan-drafts.service';
import { PlanImportService } from './plan-import.service';
import { PlanQueryService } from './plan-query.service';
import { PlansController } from './plans.controller';
import { ItaAnalysisController } from './ita-analysis.controller';
import { ItaAnalysisService } from './ita-analysis.service';
import { PlanSheetsController } from './plan-sheets.controller';
import { PlanSheetsService } from './plan-sheets.service';
import { YearOverYearController } from './year-over-year.controller';
import { YearOverYearService } from './year-over-year.service';

@Module({
  controllers: [
    PlansController,
    ItaAnalysisController,
    PlanSheetsController,
    YearOverYearController,
    PlanDraftsController,
  ],
  providers: [
    PlanImportService,
    PlanQueryService,
    ItaAnalysisService,
    PlanSheetsService,
    YearOverYearService,
    PlanDraftService,
  ],
  exports: [PlanImportService],
})
export class PlansModule {}
