import { Module } from '@nestjs/common';
import { PlanDraftsController } from './plan-drafts.controller';
import { PlanDraftService } from './plan-drafts.service';
import { PlanImportService } from './plan-import.service';
import { PlanQueryService } from './plan-query.service';
import { PlansController } from './plans.controller';

@Module({
  controllers: [PlansController, PlanDraftsController],
  providers: [PlanImportService, PlanQueryService, PlanDraftService],
  exports: [PlanImportService],
})
export class PlansModule {}
