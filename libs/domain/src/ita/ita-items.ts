/**
 * Each indicator and item on its own: its class by the thresholds, the sub-items flagged under
 * it, and the change from the previous year where a previous score is known.
 */
import type {
  AssessmentTool,
  Grade,
  IndicatorDef,
  ItaItemDef,
  ItaResultsDef,
  StakeholderGroup,
  YearScore,
} from '../plan/plan.types';
import type { ItaClass, ItaThresholds, ItemAnalysis, SubItemAnalysis, YearOnYear } from './ita-analysis.types';
import { ITA_CLASSES } from './ita-analysis.types';
import { classifyScore, classRank, worseClass } from './ita-classes';

export function yearOnYear(
  year: number,
  current: { score?: number; grade?: Grade } | undefined,
  previous: { score?: number; grade?: Grade } | undefined,
): YearOnYear {
  const score = current?.score ?? null;
  const previousScore = previous?.score ?? null;
  return {
    year,
    score,
    grade: current?.grade ?? null,
    previousYear: year - 1,
    previousScore,
    previousGrade: previous?.grade ?? null,
    change: score === null || previousScore === null ? null : Math.round((score - previousScore) * 100) / 100 || 0,
  };
}

export function scoreOfYear(scores: YearScore[] | undefined, year: number): YearScore | undefined {
  return scores?.find((s) => s.year === year);
}

/** The plan's own score for the previous year first, else the previous year's results. */
export function previousIndicatorScore(
  ind: IndicatorDef,
  year: number,
  previous: ItaResultsDef | undefined,
): YearScore | undefined {
  return (
    scoreOfYear(ind.scores, year - 1) ??
    (previous?.assessmentYear === year - 1
      ? scoreOfYear(previous.indicators.find((p) => p.number === ind.number)?.scores, year - 1)
      : undefined)
  );
}

export function toolOfItem(item: ItaItemDef, indicators: IndicatorDef[]): AssessmentTool {
  const declared = indicators.find((i) => i.number === item.indicator)?.tool;
  if (declared) return declared;
  return item.code.startsWith('E') ? 'EIT' : item.code.startsWith('I') ? 'IIT' : 'OIT';
}

export function stakeholderGroupOf(tool: AssessmentTool): StakeholderGroup | null {
  return tool === 'IIT' ? 'internal' : tool === 'EIT' ? 'external' : null;
}

/** Coverage is filled in by the measures analysis; everything else comes from the results alone. */
export function analyseItem(
  item: ItaItemDef,
  ita: ItaResultsDef,
  thresholds: ItaThresholds,
  previous: ItaResultsDef | undefined,
): ItemAnalysis {
  const own: ItaClass | null = item.score === undefined ? null : classifyScore(item.score, thresholds);
  const subItems: SubItemAnalysis[] = (item.subItems ?? []).map((sub, i) => {
    const c = sub.score === undefined ? null : classifyScore(sub.score, thresholds);
    return {
      number: i + 1,
      text: sub.text,
      score: sub.score ?? null,
      grade: sub.grade ?? null,
      class: c,
      flagged: c !== null && (own === null || classRank(c) < classRank(own)),
    };
  });
  const flagged = subItems.filter((s) => s.flagged);
  const worstClass = flagged.reduce<ItaClass | null>((w, s) => worseClass(w, s.class), own);
  const listed = new Set<ItaClass>([...(own ? [own] : []), ...flagged.map((s) => s.class as ItaClass)]);
  const previousItem =
    previous?.assessmentYear === ita.assessmentYear - 1 ? previous.items.find((p) => p.code === item.code) : undefined;
  const tool = toolOfItem(item, ita.indicators);
  return {
    ...yearOnYear(ita.assessmentYear, item, previousItem),
    code: item.code,
    indicator: item.indicator,
    tool,
    stakeholderGroup: stakeholderGroupOf(tool),
    text: item.text,
    class: own,
    subItems,
    flaggedSubItems: flagged.map((s) => s.number),
    worstClass,
    listedIn: ITA_CLASSES.filter((c) => listed.has(c)),
    needsMeasure: worstClass === 'urgent' || worstClass === 'improve',
    measures: [],
    coveredOnlyByIncomplete: false,
  };
}
