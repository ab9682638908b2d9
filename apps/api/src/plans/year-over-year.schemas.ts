/** The contract of the year over year of ITA items: last year's score, its measures' progress, this year's. */
import { z } from 'zod';
import { ITA_CLASSES } from '@ita/domain/ita/ita-analysis.types';
import { component, int, text } from '../http/schema';

const Scored = z.object({
  score: z.number().nullable(),
  grade: z.string().nullable(),
  class: z.enum(ITA_CLASSES).nullable().describe("by the organization's thresholds"),
});

export const ItaYearOverYear = component(
  'ItaYearOverYear',
  z.object({
    lastFiscalYear: int('the year whose measures ran'),
    currentFiscalYear: int('the later year whose results are compared; null: no such plan').nullable(),
    sameResults: z.boolean().describe('the later plan carries the earlier results (a rollover without new ones)'),
    items: z.array(
      z.object({
        code: text('e.g. I7, E6'),
        indicator: int(),
        text: z.string(),
        last: Scored,
        measures: z.array(
          z.object({
            code: z.string(),
            title: z.string(),
            steps: int(),
            stepsDone: int('steps whose every task was approved'),
            share: z.number().nullable().describe('stepsDone / steps, to two places'),
          }),
        ),
        current: Scored.nullable(),
        change: z.number().nullable().describe("this year's score less last year's"),
      }),
    ),
  }),
  "each ITA item: last year's score, the measures run for it and the share of their steps done, and this year's score",
);
