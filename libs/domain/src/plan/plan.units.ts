/**
 * The units a measure runs with: its responsible units, "ALL" (ทุกส่วนงาน) expanded to every unit
 * the plan declares. Activation, the replay scenarios and the task counts all ask here, so the
 * rule is written once.
 */
import type { UnitRef } from '../measure/measure.types';
import { ALL_UNITS } from './plan.types';
import type { MeasureDef, UnitDef } from './plan.types';

/** "ALL" becomes every unit the plan declares; named units keep their place; no unit twice. */
export function expandUnits(measure: MeasureDef, units: UnitDef[]): UnitRef[] {
  const codes = measure.responsibleUnits.flatMap((code) => (code === ALL_UNITS ? units.map((u) => u.code) : [code]));
  return [...new Set(codes)].map((code) => ({ code, name: units.find((u) => u.code === code)?.name ?? code }));
}
