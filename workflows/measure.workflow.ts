/**
 * measureWorkflow: one measure of one organization's plan, run through its fiscal year.
 * Deterministic: only the SDK, the shared contracts and pure domain code are imported, and all
 * time comes from the workflow clock.
 */
import { setHandler, sleep } from '@temporalio/workflow';
import {
  MeasureState, MeasureWorkflowInput, measureStateQuery,
} from '../libs/contracts/src/measure.contracts';

export async function measureWorkflow(input: MeasureWorkflowInput): Promise<MeasureState> {
  const state: MeasureState = {
    measureCode: input.measure.code,
    status: 'not-started',
    currentQuarter: null,
    quarters: [],
  };
  setHandler(measureStateQuery, () => state);

  for (const period of input.calendar.quarters) {
    await sleepUntil(period.start);
    state.status = 'running';
    state.currentQuarter = period.quarter;
    state.quarters.push({
      quarter: period.quarter,
      openedAt: new Date(Date.now()).toISOString(),
      steps: input.measure.steps.filter((s) => s.quarters.includes(period.quarter)).map((s) => s.number),
    });
    await sleepUntil(period.end);
  }
  state.status = 'completed';
  state.currentQuarter = null;
  return state;
}

/** Durable timer to an absolute instant (no-op if it has passed). */
async function sleepUntil(isoInstant: string): Promise<void> {
  const ms = Date.parse(isoInstant) - Date.now();
  if (ms > 0) await sleep(ms);
}
