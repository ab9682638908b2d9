import { Module } from '@nestjs/common';
import { PlanDraftsController } from './plan-drafts.controller';
import { PlanDraftService } from './plan-drafts.service';
import { PlanImportService } from './plan-import.service';
import { PlanQueryService } from './plan-query.service';
import { PlansController } from './plans.controller';
import { YearOverYearController } from './year-over-year.controller';
import { YearOverYearService } from './year-over-year.service';

@Module({
  controllers: [PlansController, YearOverYearController, PlanDraftsController],
  providers: [PlanImportService, PlanQueryService, YearOverYearService, PlanDraftService],
  exports: [PlanImportService],
})
export class PlansModule {}
