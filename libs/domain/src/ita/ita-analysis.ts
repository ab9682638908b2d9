/**
 * The analysis an agency writes by hand each year (the seed's sections 1.1–2.3), computed from
 * its ITA results and its plan: every item classed by the organization's thresholds, grouped as
 * the seed groups them, set against the measures, with the year-on-year change and the places
 * where the printed grades or the plan's groupings depart from the scores.
 */
import { DomainError, DomainErrorCode } from '../domain-error';
import { ASSESSMENT_TOOLS, ItaResultsDef, PlanDef } from '../plan/plan.types';
import { ITA_CLASSES, ItaAnalysis, ItaGroup, ItemAnalysis } from './ita-analysis.types';
import { classifyScore, resolveItaThresholds } from './ita-classes';
import { gradeBands, gradeContradictions, gradedScores } from './ita-grades';
import { analyseItem, previousIndicatorScore, scoreOfYear, yearOnYear } from './ita-items';
import {
  itemsInSeveralClasses,
  measureReferenceProblems,
  priorityDepartures,
  uncoveredItems,
  withCoverage,
} from './ita-measures';

export interface AnalyseItaOptions {
  /** Last year's results (e.g. from last year's plan), for the items' change: a plan holds one year of item scores. */
  previous?: ItaResultsDef;
}

/** Throws NotFound when the plan carries no ITA results. */
export function analyseIta(plan: PlanDef, options: AnalyseItaOptions = {}): ItaAnalysis {
  const ita = plan.ita;
  if (!ita)
    throw new DomainError(
      DomainErrorCode.NotFound,
      `plan ${plan.organization.code} ${plan.fiscalYear} has no ITA results`,
      [{ path: 'ita', message: 'is absent' }],
    );
  const { thresholds, source } = resolveItaThresholds(plan.organization.settings);
  const year = ita.assessmentYear;
  const previous = options.previous;

  const items = withCoverage(
    ita.items.map((item) => analyseItem(item, ita, thresholds, previous)),
    plan.measures,
  );
  const graded = gradedScores(ita);
  return {
    assessmentYear: year,
    previousYear: year - 1,
    thresholds,
    thresholdsSource: source,
    overall: yearOnYear(
      year,
      scoreOfYear(ita.overall, year),
      scoreOfYear(ita.overall, year - 1) ??
        (previous?.assessmentYear === year - 1 ? scoreOfYear(previous.overall, year - 1) : undefined),
    ),
    indicators: ita.indicators.map((ind) => {
      const current = scoreOfYear(ind.scores, year);
      return {
        ...yearOnYear(year, current, previousIndicatorScore(ind, year, previous)),
        number: ind.number,
        name: ind.name,
        tool: ind.tool,
        class: current ? classifyScore(current.score, thresholds) : null,
        items: ita.items.filter((i) => i.indicator === ind.number).map((i) => i.code),
      };
    }),
    items,
    groups: groupsOf(items),
    uncovered: uncoveredItems(items),
    departures: {
      measurePriority: priorityDepartures(items, plan.measures),
      itemsInSeveralClasses: itemsInSeveralClasses(items),
      measureReferences: measureReferenceProblems(items, plan.measures),
    },
    gradeContradictions: gradeContradictions(graded),
    gradeBands: gradeBands(graded),
  };
}

/** For each tool with items and each class, worst first: the items listed there, by indicator. */
function groupsOf(items: ItemAnalysis[]): ItaGroup[] {
  const tools = ASSESSMENT_TOOLS.filter((t) => items.some((i) => i.tool === t));
  return tools.flatMap((tool) =>
    ITA_CLASSES.map((c) => {
      const listed = items.filter((i) => i.tool === tool && i.listedIn.includes(c));
      const indicators = [...new Set(listed.map((i) => i.indicator))].sort((a, b) => a - b);
      return {
        tool,
        class: c,
        indicators: indicators.map((indicator) => ({
          indicator,
          items: listed
            .filter((i) => i.indicator === indicator)
            .map((i) => ({
              code: i.code,
              score: i.score,
              viaSubItems:
                i.class === c ? [] : i.subItems.filter((s) => s.flagged && s.class === c).map((s) => s.number),
            })),
        })),
      };
    }),
  );
}
