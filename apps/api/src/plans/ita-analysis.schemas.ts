/**
 * The contract of the ITA analysis (libs/domain/src/ita): every item and sub-item classed by the
 * organization's thresholds, the seed's groupings, the year-on-year change, the items that need a
 * measure and have none, and where the plan or the printed grades depart from the scores. It
 * mirrors the domain's ItaAnalysis field for field, with the classes' Thai and English labels.
 */
import { z } from 'zod';
import { ITA_CLASSES } from '@ita/domain/ita/ita-analysis.types';
import { ASSESSMENT_TOOLS, PRIORITIES, STAKEHOLDER_GROUPS } from '@ita/domain/plan/plan.types';
import { Grade } from '../http/common.schemas';
import { component, int, text } from '../http/schema';

export const ItaClass = component(
  'ItaClass',
  z.enum(ITA_CLASSES),
  'urgent (ต้องแก้ไขเร่งด่วน), improve (ต้องพัฒนาให้ดีขึ้น) or strength (จุดแข็ง), from the score and the thresholds',
);
export const AssessmentTool = component('AssessmentTool', z.enum(ASSESSMENT_TOOLS));
const score = (description?: string) => (description ? z.number().describe(description) : z.number()).nullable();

export const ItaThresholds = component(
  'ItaThresholds',
  z.object({
    urgentBelow: z.number().describe('a score below this is urgent'),
    strengthAbove: z.number().describe('a score above this is a strength; between the two (both included) improve'),
  }),
);

const yearOnYear = {
  year: int('the assessment year (B.E.)'),
  score: score(),
  grade: Grade.nullable().describe('as printed'),
  previousYear: int(),
  previousScore: score(),
  previousGrade: Grade.nullable(),
  change: score('score − previousScore, two decimals; null when either is unknown'),
};
export const YearOnYear = component('YearOnYear', z.object(yearOnYear));

export const ItaIndicatorAnalysis = component(
  'ItaIndicatorAnalysis',
  z.object({
    ...yearOnYear,
    number: int('1–10'),
    name: z.string(),
    tool: AssessmentTool,
    class: ItaClass.nullable(),
    items: z.array(z.string()).describe('codes of the items under it'),
  }),
);

export const ItaSubItemAnalysis = component(
  'ItaSubItemAnalysis',
  z.object({
    number: int('1-based, under its item'),
    text: z.string(),
    score: score(),
    grade: Grade.nullable(),
    class: ItaClass.nullable(),
    flagged: z.boolean().describe('classed worse than its item (the seed’s note under I11)'),
  }),
);

export const ItaItemAnalysis = component(
  'ItaItemAnalysis',
  z.object({
    ...yearOnYear,
    code: text('e.g. I7, E6'),
    indicator: int(),
    tool: AssessmentTool,
    stakeholderGroup: z.enum(STAKEHOLDER_GROUPS).nullable(),
    text: z.string(),
    class: ItaClass.nullable().describe('from its own score'),
    subItems: z.array(ItaSubItemAnalysis),
    flaggedSubItems: z.array(int()),
    worstClass: ItaClass.nullable().describe('the worst of its class and its sub-items’: what a measure answers'),
    listedIn: z.array(ItaClass).describe('the groups it is listed in, worst first'),
    needsMeasure: z.boolean().describe('urgent or improve, by its score or a flagged sub-item'),
    measures: z.array(z.string()).describe('codes of the measures covering it'),
    coveredOnlyByIncomplete: z.boolean(),
  }),
);

const groupedItem = z.object({
  code: z.string(),
  score: score(),
  viaSubItems: z.array(int()).describe('empty: listed by its own score; else the sub-items that list it here'),
});
export const ItaGroup = component(
  'ItaGroup',
  z.object({
    tool: AssessmentTool,
    class: ItaClass,
    indicators: z.array(z.object({ indicator: int(), items: z.array(groupedItem) })),
  }),
  "one of the seed's lists (sections 1.1–1.3, 2.1–2.3): a tool's items of one class, by indicator",
);

export const ItaUncoveredItem = component(
  'ItaUncoveredItem',
  z.object({
    code: z.string(),
    indicator: int(),
    tool: AssessmentTool,
    class: ItaClass,
    score: score(),
    viaSubItems: z.array(int()),
  }),
  'an item that needs a measure and has none',
);

const scoreSource = z.object({
  kind: z.enum(['overall', 'indicator', 'item', 'sub-item']),
  indicator: int().optional(),
  code: z.string().optional(),
  subItem: int().optional(),
  text: z.string().optional(),
});
const gradedScore = z.object({ year: int(), score: z.number(), grade: Grade, source: scoreSource });

export const ItaAnalysis = component(
  'ItaAnalysis',
  z.object({
    organization: text('organization code'),
    fiscalYear: int('the plan’s fiscal year'),
    previousResults: z
      .object({ fiscalYear: int(), assessmentYear: int() })
      .nullable()
      .describe('the plan of the year before, whose ITA results give the items’ previous scores; null: none stored'),
    classes: z
      .array(z.object({ class: ItaClass, label: z.object({ th: z.string(), en: z.string() }) }))
      .describe('the classes, worst first, with their labels'),
    assessmentYear: int(),
    previousYear: int(),
    thresholds: ItaThresholds,
    thresholdsSource: z.enum(['organization', 'default']),
    overall: YearOnYear,
    indicators: z.array(ItaIndicatorAnalysis),
    items: z.array(ItaItemAnalysis),
    groups: z.array(ItaGroup),
    uncovered: z.array(ItaUncoveredItem).describe('items that need a measure and have none, urgent first'),
    departures: z.object({
      measurePriority: z
        .array(
          z.object({
            measure: z.string(),
            priority: z.enum(PRIORITIES),
            item: z.string(),
            score: score(),
            itemClasses: z.array(ItaClass),
          }),
        )
        .describe('a measure grouping an item whose class is not its priority (the seed’s E11)'),
      itemsInSeveralClasses: z
        .array(
          z.object({
            code: z.string(),
            score: score(),
            class: ItaClass.nullable(),
            listedIn: z.array(ItaClass),
            subItems: z.array(
              z.object({ number: int(), text: z.string(), score: score(), class: ItaClass.nullable() }),
            ),
          }),
        )
        .describe('an item listed in more than one class (the seed’s I11)'),
      measureReferences: z
        .array(
          z.object({
            measure: z.string(),
            item: z.string(),
            problem: z.enum(['no-result', 'score-differs']),
            score: score('the score the measure quotes'),
            resultScore: score('the item’s score in the results'),
          }),
        )
        .describe('measure item references the results do not bear out'),
    }),
    gradeContradictions: z
      .array(z.object({ year: int(), higher: gradedScore, lower: gradedScore }))
      .describe('two printed grades of a year where the higher score has the lower grade'),
    gradeBands: z
      .array(z.object({ year: int(), grade: Grade, min: z.number(), max: z.number(), count: int() }))
      .describe('the scores printed with each grade in each year'),
  }),
);
