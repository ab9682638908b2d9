/**
 * Drafting a measure from the analysis: the planner picks ITA items (E6, or I8 with I12) and gets
 * the measure's frame as the seed's tables set it out: the items with the scores that put them
 * there, a title from their text, the priority of their worst class, their indicator and
 * stakeholder group, a 6-monthly report to the Director or his delegate, and no steps yet (so it
 * is marked incomplete: the planner writes its steps, units and guidelines). Pure: the API stores it.
 */
import { DomainError, DomainErrorCode, FieldProblem } from '../domain-error';
import { CODE_PATTERN, MeasureDef, MeasureItemRef, PlanDef, Priority } from '../plan/plan.types';
import { validateItaResults } from '../plan/plan.validator';
import { analyseIta } from './ita-analysis';
import type { ItaAnalysis, ItemAnalysis } from './ita-analysis.types';
import { ITA_CLASS_LABELS } from './ita-analysis.types';

/** The seed's words for its 6-monthly reports, prefilled for the planner to keep or change. */
const SEMIANNUAL_REPORT_TEXT = 'รายงานผลการดำเนินงานต่อผู้อำนวยการ หรือผู้ที่ผู้อำนวยการมอบหมาย ทุก ๆ 6 เดือน';
/** A question that introduces its sub-items ("…มีลักษณะดังนี้", "…ดังต่อไปนี้"): the sub-items finish the sentence. */
const LEAD_IN = /\s*ดัง(ต่อไป)?นี้\s*$/;

/**
 * The analysis of a draft's document: its ITA results against the measures written so far, so
 * every item shows which measure covers it. The results must be valid (their problems are
 * thrown with their paths); measures are taken as they are, items named by code.
 */
export function analyseDraft(document: PlanDef): ItaAnalysis {
  if (!document.ita)
    throw new DomainError(DomainErrorCode.InvalidArgument, 'the draft holds no ITA results to analyse', [
      { path: 'ita', message: 'is absent: add the ITA results the plan answers' },
    ]);
  const problems = validateItaResults(document.ita);
  if (problems.length)
    throw new DomainError(
      DomainErrorCode.InvalidArgument,
      `the draft's ITA results have ${problems.length} problem(s); fix them first`,
      problems,
    );
  return analyseIta({
    ...document,
    measures: (document.measures ?? []).map((m) => ({
      ...m,
      items: (Array.isArray(m.items) ? m.items : []).filter((i) => typeof i?.code === 'string'),
    })),
  });
}

export interface DraftMeasureRequest {
  /** ITA item codes, as the analysis lists them (E6, I8…). */
  items: string[];
  /** The new measure's code; default the next `Mnn-<items>` of the plan. */
  code?: string;
}

/** The measure drafted for the items; throws InvalidArgument naming `items[i]` or `code`. */
export function draftMeasureFromItems(document: PlanDef, request: DraftMeasureRequest): MeasureDef {
  const analysis = analyseDraft(document);
  const byCode = new Map(analysis.items.map((i) => [i.code, i]));
  const problems: FieldProblem[] = [];
  if (!request.items.length) problems.push({ path: 'items', message: 'must name at least one ITA item' });
  const picked: ItemAnalysis[] = [];
  request.items.forEach((code, i) => {
    const item = byCode.get(code);
    if (!item) problems.push({ path: `items[${i}]`, message: `"${code}" is not an item of the draft's ITA results` });
    else if (picked.includes(item)) problems.push({ path: `items[${i}]`, message: `repeats "${code}"` });
    else picked.push(item);
  });
  const groups = new Set(picked.map((i) => i.stakeholderGroup));
  if (picked.some((i) => i.stakeholderGroup === null))
    problems.push({
      path: 'items',
      message: 'open-data (OIT) items are answered by the agency website, not by a measure',
    });
  else if (groups.size > 1)
    problems.push({
      path: 'items',
      message: 'mixes internal (IIT) and external (EIT) items: a measure answers one stakeholder group',
    });
  const codes = new Set((document.measures ?? []).map((m) => m.code));
  const code =
    request.code ??
    nextMeasureCode(
      document,
      picked.map((i) => i.code),
    );
  if (!CODE_PATTERN.test(code))
    problems.push({ path: 'code', message: `"${code}" must be 1–32 of A–Z, 0–9, "_" or "-"` });
  else if (codes.has(code)) problems.push({ path: 'code', message: `the draft already has a measure "${code}"` });
  if (problems.length)
    throw new DomainError(DomainErrorCode.InvalidArgument, 'cannot draft a measure for these items', problems);

  const priority: Priority = picked.some((i) => i.worstClass === 'urgent') ? 'urgent' : 'improve';
  const indicators = [...new Set(picked.map((i) => i.indicator))];
  const notes = [
    `ร่างจากผลการประเมิน ITA ${analysis.assessmentYear}: ${picked.map(describe).join('; ')}`,
    ...(picked.every((i) => !i.needsMeasure) ? ['ข้อที่เลือกเป็นจุดแข็งทั้งหมด จึงไม่จำเป็นต้องมีมาตรการ'] : []),
    ...(indicators.length > 1 ? [`ข้อที่เลือกอยู่ในหลายตัวชี้วัด (${indicators.join(', ')})`] : []),
  ];
  return {
    code,
    stakeholderGroup: picked[0].stakeholderGroup!,
    priority,
    indicator: picked[0].indicator,
    title: picked.map(titleOf).join('; '),
    items: picked.map(itemRef),
    steps: [],
    responsibleUnits: [],
    monitoringGuidelines: [],
    reporting: [{ cadence: 'semiannual', recipient: 'director-or-delegate', text: SEMIANNUAL_REPORT_TEXT }],
    incomplete: true,
    notes,
  };
}

/** `M13-E6`: one more than the plan's highest `Mnn`, then the items (cut to fit a code). */
export function nextMeasureCode(document: Pick<PlanDef, 'measures'>, items: string[]): string {
  const numbers = (document.measures ?? []).map((m) => /^M(\d+)/.exec(m.code)?.[1]).filter((n) => n !== undefined);
  const next = Math.max(0, ...numbers.map(Number)) + 1;
  return `M${String(next).padStart(2, '0')}-${items.join('-')}`.slice(0, 32).replace(/-+$/, '');
}

/** The item's text; a lead-in question is finished by its sub-items, and flagged sub-items are named (the seed's I11). */
function titleOf(item: ItemAnalysis): string {
  const text = item.text.trim();
  const flagged = item.subItems.filter((s) => s.flagged);
  if (LEAD_IN.test(text) && item.subItems.length) {
    const subs = flagged.length ? flagged : item.subItems;
    return `${text.replace(LEAD_IN, '')} ${subs.map((s) => s.text.trim()).join(', ')}`;
  }
  return flagged.length ? `${text} ในประเด็นย่อย ${flagged.map((s) => s.text.trim()).join(', ')}` : text;
}

/** The score that puts the item in the measure: its own, or its worst flagged sub-item's (the seed quotes I11's 91.68). */
function itemRef(item: ItemAnalysis): MeasureItemRef {
  const worst = item.subItems
    .filter((s) => s.flagged && s.score !== null)
    .sort((a, b) => (a.score as number) - (b.score as number))[0];
  const score = worst ? worst.score : item.score;
  const grade = worst ? worst.grade : item.grade;
  return { code: item.code, ...(score !== null ? { score } : {}), ...(grade !== null ? { grade } : {}) };
}

function describe(item: ItemAnalysis): string {
  const label = item.worstClass ? ITA_CLASS_LABELS[item.worstClass].th : 'ไม่มีคะแนน';
  return `${item.code} (${item.score ?? '–'}, ${label})`;
}
