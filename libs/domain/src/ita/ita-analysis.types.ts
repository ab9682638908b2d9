/**
 * The shape of an ITA results analysis: plain JSON (no classes, no dates), so the API can serve
 * it as it is. Classes come from the scores and the organization's thresholds, never from the
 * printed grades, which are kept as printed and only compared with each other.
 */
import type { AssessmentTool, Grade, Priority, StakeholderGroup } from '../plan/plan.types';

/** Worst first: the order the seed lists them in its measures tables, and the order used for sorting. */
export const ITA_CLASSES = ['urgent', 'improve', 'strength'] as const;
export type ItaClass = (typeof ITA_CLASSES)[number];

/** The seed's own words (ประเด็นที่ต้องแก้ไขเร่งด่วน / ประเด็นที่ต้องพัฒนาให้ดีขึ้น / ประเด็นที่เป็นจุดแข็ง). */
export const ITA_CLASS_LABELS: Record<ItaClass, { th: string; en: string }> = {
  urgent: { th: 'ต้องแก้ไขเร่งด่วน', en: 'urgent' },
  improve: { th: 'ต้องพัฒนาให้ดีขึ้น', en: 'needs improvement' },
  strength: { th: 'จุดแข็ง', en: 'strength' },
};

export interface ItaThresholds {
  /** A score below this is urgent. */
  urgentBelow: number;
  /** A score above this is a strength; from urgentBelow up to this (both included) needs improvement. */
  strengthAbove: number;
}

/** A score this year beside last year's; null where the data has none. */
export interface YearOnYear {
  year: number;
  score: number | null;
  grade: Grade | null;
  previousYear: number;
  previousScore: number | null;
  previousGrade: Grade | null;
  /** score − previousScore, to two decimals; null when either is unknown. */
  change: number | null;
}

export interface IndicatorAnalysis extends YearOnYear {
  number: number;
  name: string;
  tool: AssessmentTool;
  class: ItaClass | null;
  /** Codes of the items under this indicator, in the plan's order. */
  items: string[];
}

export interface SubItemAnalysis {
  /** 1-based position under its item (the seed's ประเด็นย่อยที่ n). */
  number: number;
  text: string;
  score: number | null;
  grade: Grade | null;
  class: ItaClass | null;
  /** Classed worse than its item (or its item has no score): the seed's หมายเหตุ under I11. */
  flagged: boolean;
}

export interface ItemAnalysis extends YearOnYear {
  code: string;
  indicator: number;
  tool: AssessmentTool;
  stakeholderGroup: StakeholderGroup | null;
  text: string;
  /** From the item's own score. */
  class: ItaClass | null;
  subItems: SubItemAnalysis[];
  /** Numbers of the flagged sub-items; non-empty means a sub-item is under a threshold its item is above. */
  flaggedSubItems: number[];
  /** The worst of the item's class and its sub-items' classes: what a measure has to answer. */
  worstClass: ItaClass | null;
  /** The groups the item is listed in, worst first: its own class, and the class of each flagged sub-item. */
  listedIn: ItaClass[];
  /** Urgent or needs improvement, by its own score or a flagged sub-item. */
  needsMeasure: boolean;
  /** Codes of the measures whose items include this one, in the plan's order. */
  measures: string[];
  /** Every measure covering it is marked incomplete (e.g. the seed's header-less fragment). */
  coveredOnlyByIncomplete: boolean;
}

export interface GroupedItem {
  code: string;
  score: number | null;
  /** Empty when the item is here by its own score; else the sub-items that put it here. */
  viaSubItems: number[];
}

/** One of the seed's lists: a tool's items of one class, by indicator (sections 1.1–1.3, 2.1–2.3). */
export interface ItaGroup {
  tool: AssessmentTool;
  class: ItaClass;
  indicators: { indicator: number; items: GroupedItem[] }[];
}

export interface UncoveredItem {
  code: string;
  indicator: number;
  tool: AssessmentTool;
  class: ItaClass;
  score: number | null;
  /** Empty when the item's own score needs the measure; else the flagged sub-items that do. */
  viaSubItems: number[];
}

/** A measure grouping an item whose class is not the measure's priority (E11, improve, in an urgent measure). */
export interface PriorityDeparture {
  measure: string;
  priority: Priority;
  item: string;
  score: number | null;
  itemClasses: ItaClass[];
}

/** An item listed in more than one class: a strength by its score, with a sub-item to improve (I11). */
export interface ItemInSeveralClasses {
  code: string;
  score: number | null;
  class: ItaClass | null;
  listedIn: ItaClass[];
  subItems: { number: number; text: string; score: number | null; class: ItaClass | null }[];
}

/** A measure's item reference that the results do not bear out. */
export interface MeasureReferenceProblem {
  measure: string;
  item: string;
  problem: 'no-result' | 'score-differs';
  /** The score the measure quotes. */
  score: number | null;
  /** The item's score in the results (null when there is no such item). */
  resultScore: number | null;
}

export interface ScoreSource {
  kind: 'overall' | 'indicator' | 'item' | 'sub-item';
  indicator?: number;
  code?: string;
  subItem?: number;
  text?: string;
}

export interface GradedScore {
  year: number;
  score: number;
  grade: Grade;
  source: ScoreSource;
}

/**
 * Two printed grades of the same year that contradict each other: `higher` has the higher score
 * but the strictly lower grade (85.93 B against 84.02 A).
 */
export interface GradeContradiction {
  year: number;
  higher: GradedScore;
  lower: GradedScore;
}

/** The scores printed with one grade in one year: overlapping bands are where contradictions are. */
export interface GradeBand {
  year: number;
  grade: Grade;
  min: number;
  max: number;
  count: number;
}

export interface ItaAnalysis {
  assessmentYear: number;
  previousYear: number;
  thresholds: ItaThresholds;
  /** Whether the thresholds are the organization's own (settings.itaThresholds) or the defaults. */
  thresholdsSource: 'organization' | 'default';
  overall: YearOnYear;
  indicators: IndicatorAnalysis[];
  items: ItemAnalysis[];
  groups: ItaGroup[];
  /** Items that need a measure and have none, urgent first. */
  uncovered: UncoveredItem[];
  departures: {
    measurePriority: PriorityDeparture[];
    itemsInSeveralClasses: ItemInSeveralClasses[];
    measureReferences: MeasureReferenceProblem[];
  };
  gradeContradictions: GradeContradiction[];
  gradeBands: GradeBand[];
}
