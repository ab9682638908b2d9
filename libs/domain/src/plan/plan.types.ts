/**
 * The plan file (schemaVersion 1, see docs/plan-file-format.md): one organization's ITA results
 * and its measures for one Thai fiscal year. These types describe a plan that passed validation.
 */
import type { Quarter } from '../fiscal-calendar';

export const PLAN_SCHEMA_VERSION = 1;
/** Organization, unit and measure codes: 1–32 of A–Z, 0–9, "_" or "-", starting with a letter or digit. */
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;
/** Reserved unit code: every unit of the organization (ทุกส่วนงาน). */
export const ALL_UNITS = 'ALL';

export const GRADES = ['AA', 'A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Grade = (typeof GRADES)[number];
export const CADENCES = ['semiannual', 'yearly', 'monthly'] as const;
export type Cadence = (typeof CADENCES)[number];
export const RECIPIENTS = ['director-or-delegate'] as const;
export type Recipient = (typeof RECIPIENTS)[number];
export const STAKEHOLDER_GROUPS = ['internal', 'external'] as const;
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];
export const PRIORITIES = ['urgent', 'improve'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const ASSESSMENT_TOOLS = ['IIT', 'EIT', 'OIT'] as const;
export type AssessmentTool = (typeof ASSESSMENT_TOOLS)[number];

export interface OrganizationSettings {
  /** Days after a reporting period ends before its report is due (default 15). */
  reportGraceDays?: number;
  /** Days between repeated escalations of a missing report (default 7). */
  escalationIntervalDays?: number;
  /** Days after the Deputy Director returns a report before it is due again (default 7). */
  resubmissionDays?: number;
  /** Cadences whose late reports escalate; 6-monthly reports always do. */
  escalateCadences?: Cadence[];
  /**
   * Score bands for the ITA analysis (default 85 and 92, the seed's): below `urgentBelow` urgent,
   * above `strengthAbove` a strength, anything between (both ends included) needs improvement.
   */
  itaThresholds?: { urgentBelow: number; strengthAbove: number };
}

export interface OrganizationDef {
  code: string;
  name: string;
  shortName?: string;
  nameEn?: string;
  settings?: OrganizationSettings;
}

export interface UnitDef {
  code: string;
  name: string;
  nameEn?: string;
  parent?: string | null;
}

export interface OversightDef {
  title: string;
  titleEn?: string;
  delegatedBy?: string;
}

export interface YearScore {
  year: number;
  score: number;
  grade?: Grade;
}

export interface IndicatorDef {
  number: number;
  name: string;
  tool: AssessmentTool;
  scores: YearScore[];
}

export interface SubItemDef {
  text: string;
  score?: number;
  grade?: Grade;
}

export interface ItaItemDef {
  code: string;
  indicator: number;
  text: string;
  score?: number;
  grade?: Grade;
  subItems?: SubItemDef[];
}

export interface ItaResultsDef {
  assessmentYear: number;
  overall: YearScore[];
  indicators: IndicatorDef[];
  items: ItaItemDef[];
}

export interface MeasureItemRef {
  code: string;
  score?: number;
  grade?: Grade;
}

export interface StepDef {
  number: number;
  text: string;
  quarters: Quarter[];
}

export interface MonitoringGuidelineDef {
  number: number;
  text: string;
  /** The steps this guideline evidences; absent means every step of the measure. */
  steps?: number[];
}

export interface ReportingDef {
  cadence: Cadence;
  recipient: Recipient;
  text?: string;
}

export interface MeasureDef {
  code: string;
  stakeholderGroup: StakeholderGroup;
  priority: Priority;
  indicator: number;
  title: string;
  items: MeasureItemRef[];
  steps: StepDef[];
  responsibleUnits: string[];
  responsibleText?: string;
  monitoringGuidelines: MonitoringGuidelineDef[];
  reporting: ReportingDef[];
  incomplete?: boolean;
  notes?: string[];
}

export interface CorrectionDef {
  path: string;
  original: string;
  corrected: string;
  reason: string;
}

export interface PlanDef {
  schemaVersion: typeof PLAN_SCHEMA_VERSION;
  organization: OrganizationDef;
  fiscalYear: number;
  source?: { document?: string; notes?: string[] };
  units: UnitDef[];
  oversight: OversightDef;
  ita?: ItaResultsDef;
  measures: MeasureDef[];
  corrections?: CorrectionDef[];
}

/** Thai labels shown to users, with English for the language switch. */
export const CADENCE_LABELS: Record<Cadence, { th: string; en: string }> = {
  semiannual: { th: 'ทุก 6 เดือน', en: 'every 6 months' },
  yearly: { th: 'ปีละครั้ง', en: 'yearly' },
  monthly: { th: 'ทุกเดือน', en: 'monthly' },
};
export const ALL_UNITS_LABEL = { th: 'ทุกส่วนงาน', en: 'all units' };
