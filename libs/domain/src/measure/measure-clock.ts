/**
 * The measure's clock: its state at the start of the year, and every time-driven transition —
 * quarters open (their tasks with them) and close (pending tasks overdue), reports open, fall
 * due and escalate, the year completes — with when the next one is due.
 */
import { SYSTEM_ACTOR } from '../access/actor';
import { clone, measureChange, ms, updateTask } from './change-records';
import { chaseLateReports, lateReportWakeUps } from './escalation';
import type { Change, MeasureContext, MeasureState, UnitRef } from './measure.types';
import { openDueReports } from './reports';
import { reportingLines, reportingPeriods, reportKey } from './reporting-periods';
import { isPending, openTasks, taskUnits } from './tasks';

export function initialState(ctx: MeasureContext, units: UnitRef[]): MeasureState {
  return {
    measureCode: ctx.measure.code,
    status: 'not-started',
    currentQuarter: null,
    steps: clone(ctx.measure.steps),
    units: clone(units),
    cadences: reportingLines(ctx.measure).map(({ def, line }) =>
      line > 1 ? { cadence: def.cadence, line } : { cadence: def.cadence },
    ),
    quarters: ctx.calendar.quarters.map((q) => ({ quarter: q.quarter, opened: false, closed: false })),
    tasks: [],
    reports: [],
    amendments: [],
    seq: 0,
  };
}

/** Applies every time-driven transition due at `now`: quarters open and close, reports open, fall due and escalate. */
export function advance(state: MeasureState, ctx: MeasureContext, now: number): Change[] {
  const changes: Change[] = [];
  for (const period of ctx.calendar.quarters) {
    const progress = state.quarters.find((q) => q.quarter === period.quarter)!;
    if (!progress.opened && now >= ms(period.start)) {
      progress.opened = true;
      state.status = 'running';
      state.currentQuarter = period.quarter;
      changes.push(measureChange(state, 'quarter.opened', now, { quarter: period.quarter }));
      for (const step of state.steps.filter((s) => s.quarters.includes(period.quarter))) {
        changes.push(...openTasks(state, ctx, period.quarter, step.number, taskUnits(state, ctx, step), now));
      }
    }
    if (progress.opened && !progress.closed && now >= ms(period.end)) {
      progress.closed = true;
      if (state.currentQuarter === period.quarter) state.currentQuarter = null;
      changes.push(measureChange(state, 'quarter.closed', now, { quarter: period.quarter }));
      for (const task of state.tasks.filter((t) => t.quarter === period.quarter && isPending(t))) {
        changes.push(
          updateTask(task, 'task.overdue', SYSTEM_ACTOR, now, (t) => {
            t.overdue = true;
          }),
        );
      }
    }
  }
  changes.push(...openDueReports(state, ctx, now));
  changes.push(...chaseLateReports(state, ctx, now));
  if (state.status !== 'completed' && isFinished(state, ctx, now)) {
    state.status = 'completed';
    changes.push(measureChange(state, 'measure.completed', now, {}));
  }
  return changes;
}

/** When `advance` next has something to do (ms since the epoch), or null if only people can move the measure on. */
export function nextWakeUp(state: MeasureState, ctx: MeasureContext, now: number): number | null {
  const times: number[] = [];
  for (const period of ctx.calendar.quarters) {
    const progress = state.quarters.find((q) => q.quarter === period.quarter)!;
    if (!progress.opened) times.push(ms(period.start));
    else if (!progress.closed) times.push(ms(period.end));
  }
  for (const { cadence, line } of state.cadences) {
    for (const period of reportingPeriods(ctx.calendar, cadence)) {
      if (!state.reports.some((r) => r.key === reportKey(cadence, period.index, line))) times.push(ms(period.end));
    }
  }
  times.push(...lateReportWakeUps(state));
  if (state.status !== 'completed') times.push(ms(ctx.calendar.end));
  const future = times.filter((t) => t > now);
  return future.length ? Math.min(...future) : null;
}

/** The year is over and everything in it is approved (or withdrawn by an amendment). */
export function isFinished(state: MeasureState, ctx: MeasureContext, now: number): boolean {
  return (
    now >= ms(ctx.calendar.end) &&
    state.quarters.every((q) => q.closed) &&
    state.tasks.every((t) => t.status === 'approved' || t.status === 'withdrawn') &&
    state.cadences.every(({ cadence, since, line }) =>
      reportingPeriods(ctx.calendar, cadence)
        .filter((p) => !since || ms(p.end) > ms(since))
        .every((p) =>
          state.reports.some((r) => r.key === reportKey(cadence, p.index, line) && r.status === 'approved'),
        ),
    )
  );
}
