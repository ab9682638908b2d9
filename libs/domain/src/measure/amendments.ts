/**
 * Amendments of a running measure: add or remove a step, change a step's quarters, the units or
 * the cadences. They apply from now on: finished work stays, pending work of what was removed is
 * withdrawn, and each is recorded with its reason. Steps keep their owners through them.
 */
import type { Actor } from '../access/actor';
import { isQuarter } from '../fiscal-calendar';
import { CADENCES, CODE_PATTERN } from '../plan/plan.types';
import type { Cadence } from '../plan/plan.types';
import { change, clone, iso, updateReport, updateTask } from './change-records';
import { CommandError, requireActor, requireOversight, requireRole, requireText } from './command-guards';
import type { Amendment, Change, MeasureContext, MeasureState, TaskState } from './measure.types';
import { reportUnits } from './reports';
import { isPending, openTasks, taskUnits } from './tasks';

export interface AmendCommand {
  actor: Actor;
  change: Amendment;
  reason: string;
}

export function checkAmend(state: MeasureState, ctx: MeasureContext, cmd: AmendCommand, now: number): void {
  requireActor(cmd.actor, ctx);
  requireRole(cmd.actor, ['planner', 'deputy-director', 'director']);
  if (cmd.actor.role !== 'planner') requireOversight(cmd.actor, now);
  requireText(cmd.reason, 'reason');
  if (state.status === 'completed')
    throw new CommandError('CONFLICT', 'change', 'the measure has completed; it can no longer be amended');
  const c = cmd.change;
  const step = (n: number) => {
    if (!state.steps.some((s) => s.number === n))
      throw new CommandError('NOT_FOUND', 'change.stepNumber', `step ${n} is not a step of this measure`);
  };
  const quarters = (q: unknown) => {
    if (!Array.isArray(q) || q.length === 0 || !q.every(isQuarter) || q.some((x, i) => i > 0 && x <= q[i - 1])) {
      throw new CommandError('INVALID', 'change.quarters', 'must be quarters 1–4, ascending, at least one');
    }
  };
  switch (c?.kind) {
    case 'add-step':
      requireText(c.text, 'change.text');
      quarters(c.quarters);
      return;
    case 'remove-step':
      step(c.stepNumber);
      if (state.steps.length === 1)
        throw new CommandError('CONFLICT', 'change.stepNumber', 'a measure keeps at least one step');
      return;
    case 'set-step-quarters':
      step(c.stepNumber);
      quarters(c.quarters);
      return;
    case 'set-units':
      if (
        !Array.isArray(c.units) ||
        c.units.length === 0 ||
        c.units.length > 100 ||
        !c.units.every(
          (u) =>
            typeof u?.code === 'string' &&
            CODE_PATTERN.test(u.code) &&
            typeof u.name === 'string' &&
            u.name.length <= 300,
        ) ||
        new Set(c.units.map((u) => u.code)).size !== c.units.length
      ) {
        throw new CommandError(
          'INVALID',
          'change.units',
          'must list 1–100 distinct units {code (A–Z, 0–9, _ or -, at most 32), name}',
        );
      }
      return;
    case 'set-cadences':
      if (!Array.isArray(c.cadences) || c.cadences.length === 0 || !c.cadences.every((x) => CADENCES.includes(x))) {
        throw new CommandError('INVALID', 'change.cadences', `must list at least one of ${CADENCES.join(', ')}`);
      }
      return;
    default:
      throw new CommandError(
        'INVALID',
        'change.kind',
        `${JSON.stringify((c as { kind?: unknown })?.kind)} is not one of add-step, remove-step, set-step-quarters, set-units, set-cadences`,
      );
  }
}

/** Applies an amendment from now on (what follows in time, the caller applies: see measure-machine.ts): finished work stays as it is, pending work of what was removed is withdrawn. */
export function applyAmendment(state: MeasureState, ctx: MeasureContext, cmd: AmendCommand, now: number): Change[] {
  checkAmend(state, ctx, cmd, now);
  const before = { steps: clone(state.steps), units: clone(state.units), cadences: clone(state.cadences) };
  const changes: Change[] = [];
  const current = state.currentQuarter;
  const withdraw = (pick: (t: TaskState) => boolean) =>
    state.tasks
      .filter((t) => pick(t) && isPending(t))
      .map((t) =>
        updateTask(t, 'task.withdrawn', cmd.actor, now, (x) => {
          x.status = 'withdrawn';
        }),
      );
  const c = cmd.change;
  switch (c.kind) {
    case 'add-step': {
      // Never reuse a number: tasks of a removed step keep theirs.
      const number =
        Math.max(
          ...state.steps.map((s) => s.number),
          ...state.tasks.map((t) => t.stepNumber),
          ...ctx.measure.steps.map((s) => s.number),
        ) + 1;
      // An added step names no owners: every unit of the measure carries it.
      state.steps.push({ number, text: c.text.trim(), quarters: [...c.quarters] });
      if (current && c.quarters.includes(current))
        changes.push(
          ...openTasks(
            state,
            ctx,
            current,
            number,
            state.units.map((u) => u.code),
            now,
          ),
        );
      break;
    }
    case 'remove-step':
      state.steps = state.steps.filter((s) => s.number !== c.stepNumber);
      changes.push(...withdraw((t) => t.stepNumber === c.stepNumber));
      break;
    case 'set-step-quarters': {
      const step = state.steps.find((s) => s.number === c.stepNumber)!;
      const wasActive = current !== null && step.quarters.includes(current);
      step.quarters = [...c.quarters];
      if (current && !wasActive && step.quarters.includes(current))
        changes.push(...openTasks(state, ctx, current, step.number, taskUnits(state, ctx, step), now));
      if (current && wasActive && !step.quarters.includes(current))
        changes.push(...withdraw((t) => t.stepNumber === step.number && t.quarter === current));
      break;
    }
    case 'set-units': {
      const removed = state.units.filter((u) => !c.units.some((n) => n.code === u.code)).map((u) => u.code);
      const added = c.units.filter((n) => !state.units.some((u) => u.code === n.code)).map((u) => u.code);
      state.units = clone(c.units);
      changes.push(...withdraw((t) => removed.includes(t.unitCode)));
      if (current) {
        // An added unit gets the current tasks of the steps it owns (of every step that names no owners).
        for (const step of state.steps.filter((s) => s.quarters.includes(current)))
          changes.push(...openTasks(state, ctx, current, step.number, taskUnits(state, ctx, step, added), now));
      }
      for (const r of state.reports.filter((x) => x.status !== 'approved')) {
        changes.push(
          updateReport(r, 'report.units-changed', cmd.actor, now, (x) => {
            x.units = reportUnits(state, ctx, x.cadence, x.line);
          }),
        );
      }
      break;
    }
    case 'set-cadences': {
      // A cadence kept keeps every line of it (each once); a new one starts its first line now.
      const lines = (cadence: Cadence) =>
        state.cadences.filter(
          (x, i, all) =>
            x.cadence === cadence &&
            all.findIndex((y) => y.cadence === cadence && (y.line ?? 1) === (x.line ?? 1)) === i,
        );
      state.cadences = c.cadences.flatMap((cadence) => {
        const kept = lines(cadence);
        return kept.length ? kept : [{ cadence, since: iso(now) }];
      });
      break;
    }
  }
  state.amendments.push({ change: clone(c), reason: cmd.reason.trim(), at: iso(now), by: cmd.actor.id });
  changes.unshift(
    change('measure.amended', cmd.actor, 'measure', state.measureCode, now, before, {
      steps: clone(state.steps),
      units: clone(state.units),
      cadences: clone(state.cadences),
      reason: cmd.reason.trim(),
    }),
  );
  return changes;
}
