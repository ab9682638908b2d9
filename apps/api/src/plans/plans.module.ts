import { Module } from '@nestjs/common';
import { PlanImportService } from './plan-import.service';
import { PlanQueryService } from './plan-query.service';
import { PlansController } from './plans.controller';
import { YearOverYearController } from './year-over-year.controller';
import { YearOverYearService } from './year-over-year.service';

@Module({
  controllers: [PlansController, YearOverYearController],
  providers: [PlanImportService, PlanQueryService, YearOverYearService],
  exports: [PlanImportService],
})
export class PlansModule {}
