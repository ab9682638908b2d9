/**
 * The one contracts module for measure workflows: input, state, and the query/update/signal
 * definitions. The API, the worker and the workflow code all import these, and nothing else,
 * to talk to each other. Importable from workflow code (no Node or framework imports).
 */
import { defineQuery } from '@temporalio/workflow';
import type { FiscalCalendar, Quarter } from '../../domain/src/fiscal-calendar';
import type { MeasureDef } from '../../domain/src/plan/plan.types';

export const MEASURE_WORKFLOW_TYPE = 'measureWorkflow';

/** Deterministic: one workflow per organization, fiscal year and measure. */
export function measureWorkflowId(organizationCode: string, fiscalYear: number, measureCode: string): string {
  return `measure/${organizationCode}/${fiscalYear}/${measureCode}`;
}

export interface UnitRef {
  code: string;
  name: string;
}

/** The single input object of measureWorkflow; new fields must be optional so running workflows keep working. */
export interface MeasureWorkflowInput {
  organizationCode: string;
  fiscalYear: number;
  planRevision: number;
  measure: MeasureDef;
  /** Responsible units with "ALL" already expanded to the organization's units. */
  units: UnitRef[];
  /** The fiscal calendar to run on; tests pass a compressed one. */
  calendar: FiscalCalendar;
}

export type MeasureStatus = 'not-started' | 'running' | 'completed';

export interface QuarterState {
  quarter: Quarter;
  openedAt: string;
  /** Steps scheduled in this quarter. */
  steps: number[];
}

export interface MeasureState {
  measureCode: string;
  status: MeasureStatus;
  currentQuarter: Quarter | null;
  quarters: QuarterState[];
}

export const measureStateQuery = defineQuery<MeasureState>('measureStateQuery');
