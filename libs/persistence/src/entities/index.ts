import { ItaIndicatorEntity, ItaItemEntity } from './ita-result.entity';
import { MeasureEntity } from './measure.entity';
import { OrganizationEntity } from './organization.entity';
import { PlanEntity } from './plan.entity';
import { UnitEntity } from './unit.entity';

export { ItaIndicatorEntity, ItaItemEntity, MeasureEntity, OrganizationEntity, PlanEntity, UnitEntity };

export const ENTITIES = [OrganizationEntity, UnitEntity, PlanEntity, ItaIndicatorEntity, ItaItemEntity, MeasureEntity];
