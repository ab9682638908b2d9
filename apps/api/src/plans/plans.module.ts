import { Module } from '@nestjs/common';
import { PlanImportService } from './plan-import.service';
import { PlanQueryService } from './plan-query.service';
import { PlansController } from './plans.controller';

@Module({
  controllers: [PlansController],
  providers: [PlanImportService, PlanQueryService],
  exports: [PlanImportService],
})
export class PlansModule {}
