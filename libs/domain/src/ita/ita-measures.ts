/**
 * The results against the plan's measures: which measures cover each item, which items need a
 * measure and have none, and where the plan groups items differently from their scores.
 */
import type { MeasureDef } from '../plan/plan.types';
import type {
  ItemAnalysis,
  ItemInSeveralClasses,
  MeasureReferenceProblem,
  PriorityDeparture,
  UncoveredItem,
} from './ita-analysis.types';
import { classRank } from './ita-classes';

/** Fills in `measures` and `coveredOnlyByIncomplete` of each item. */
export function withCoverage(items: ItemAnalysis[], measures: MeasureDef[]): ItemAnalysis[] {
  return items.map((item) => {
    const covering = measures.filter((m) => m.items.some((ref) => ref.code === item.code));
    return {
      ...item,
      measures: covering.map((m) => m.code),
      coveredOnlyByIncomplete: covering.length > 0 && covering.every((m) => m.incomplete === true),
    };
  });
}

/** Urgent first, then needs improvement; the plan's order within each. */
export function uncoveredItems(items: ItemAnalysis[]): UncoveredItem[] {
  return items
    .filter((i) => i.needsMeasure && i.measures.length === 0)
    .map((i) => ({
      code: i.code,
      indicator: i.indicator,
      tool: i.tool,
      class: i.worstClass!,
      score: i.score,
      viaSubItems:
        i.class === i.worstClass ? [] : i.subItems.filter((s) => s.class === i.worstClass).map((s) => s.number),
    }))
    .map((u, index) => ({ u, index }))
    .sort((a, b) => classRank(a.u.class) - classRank(b.u.class) || a.index - b.index)
    .map(({ u }) => u);
}

/**
 * A measure's item whose groups do not include the measure's priority. An item listed under a
 * class through a flagged sub-item (I11, a strength, in a measure to improve) does not depart.
 */
export function priorityDepartures(items: ItemAnalysis[], measures: MeasureDef[]): PriorityDeparture[] {
  const byCode = new Map(items.map((i) => [i.code, i]));
  const out: PriorityDeparture[] = [];
  for (const m of measures)
    for (const ref of m.items) {
      const item = byCode.get(ref.code);
      if (!item || item.listedIn.length === 0 || item.listedIn.includes(m.priority)) continue;
      out.push({
        measure: m.code,
        priority: m.priority,
        item: item.code,
        score: item.score,
        itemClasses: item.listedIn,
      });
    }
  return out;
}

export function itemsInSeveralClasses(items: ItemAnalysis[]): ItemInSeveralClasses[] {
  return items
    .filter((i) => i.listedIn.length > 1)
    .map((i) => ({
      code: i.code,
      score: i.score,
      class: i.class,
      listedIn: i.listedIn,
      subItems: i.subItems
        .filter((s) => s.flagged)
        .map((s) => ({ number: s.number, text: s.text, score: s.score, class: s.class })),
    }));
}

/**
 * A measure quoting an item the results do not have, or a score that is neither the item's nor
 * one of its sub-items' (the seed's I11 measure quotes its sub-item's 91.68: that is fine).
 */
export function measureReferenceProblems(items: ItemAnalysis[], measures: MeasureDef[]): MeasureReferenceProblem[] {
  const byCode = new Map(items.map((i) => [i.code, i]));
  const out: MeasureReferenceProblem[] = [];
  for (const m of measures)
    for (const ref of m.items) {
      const item = byCode.get(ref.code);
      const base = { measure: m.code, item: ref.code, score: ref.score ?? null };
      if (!item) out.push({ ...base, problem: 'no-result', resultScore: null });
      else if (
        ref.score !== undefined &&
        item.score !== null &&
        ref.score !== item.score &&
        !item.subItems.some((s) => s.score === ref.score)
      )
        out.push({ ...base, problem: 'score-differs', resultScore: item.score });
    }
  return out;
}
