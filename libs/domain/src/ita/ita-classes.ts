/**
 * Score → class, by the organization's thresholds. The one place the bands are decided: the
 * analysis, the API and any draft measure ask here rather than comparing scores themselves.
 */
import type { OrganizationSettings } from '../plan/plan.types';
import { ITA_CLASSES, ItaClass, ItaThresholds } from './ita-analysis.types';

/** The seed's bands: below 85.00 urgent, 85.00–92.00 needs improvement, above 92.00 a strength. */
export const DEFAULT_ITA_THRESHOLDS: Readonly<ItaThresholds> = Object.freeze({ urgentBelow: 85, strengthAbove: 92 });

export function resolveItaThresholds(settings: OrganizationSettings | undefined): {
  thresholds: ItaThresholds;
  source: 'organization' | 'default';
} {
  const own = settings?.itaThresholds;
  return own
    ? { thresholds: { urgentBelow: own.urgentBelow, strengthAbove: own.strengthAbove }, source: 'organization' }
    : { thresholds: { ...DEFAULT_ITA_THRESHOLDS }, source: 'default' };
}

/** Both thresholds belong to "improve": 85.00 and 92.00 are neither urgent nor a strength. */
export function classifyScore(score: number, thresholds: ItaThresholds = DEFAULT_ITA_THRESHOLDS): ItaClass {
  if (score < thresholds.urgentBelow) return 'urgent';
  if (score > thresholds.strengthAbove) return 'strength';
  return 'improve';
}

/** 0 for urgent, 1 for improve, 2 for strength: lower is worse. */
export function classRank(c: ItaClass): number {
  return ITA_CLASSES.indexOf(c);
}

export function worseClass(a: ItaClass | null, b: ItaClass | null): ItaClass | null {
  if (a === null) return b;
  if (b === null) return a;
  return classRank(a) <= classRank(b) ? a : b;
}
