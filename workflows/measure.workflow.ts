/**
 * measureWorkflow: one measure of one organization's plan, run through its fiscal year.
 * The rules live in the pure measure machine; this file is the glue: durable timers for the
 * calendar, updates (each with a validator that rejects without changing anything) for the
 * people, a query for the state, and a projection activity for every change.
 * Deterministic: only the SDK, the shared contracts and pure domain code are imported, and all
 * time comes from the workflow clock. Changes that running measures would meet go through
 * patched() (measure.patches.ts, docs/workflow-versioning.md).
 *
 * A year's history would grow with every command, so the measure continues as new at each
 * quarter boundary (and when the server suggests it), carrying its whole state: the workflow id,
 * the read model, the audit trail (its `seq` goes on) and the timeline stay continuous.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  amendMeasureUpdate,
  approveReportUpdate,
  approveTaskUpdate,
  closeYearUpdate,
  MeasureActivities,
  MeasureWorkflowInput,
  measureStateQuery,
  ProjectionBatch,
  returnReportUpdate,
  returnTaskUpdate,
  submitReportUpdate,
  submitTaskUpdate,
} from '../libs/contracts/src/measure.contracts';
import {
  advance,
  amend,
  approveReport,
  approveTask,
  checkAmend,
  checkCloseYear,
  checkDecideReport,
  checkDecideTask,
  checkSubmitReport,
  checkSubmitTask,
  closeYear,
  CommandError,
  nextWakeUp,
  quarterStatus,
  returnReport,
  returnTask,
  submitReport,
  submitTask,
  initialState,
  yearCloseSummary,
} from '../libs/domain/src/measure/measure-machine';
import type {
  Change,
  MeasureContext,
  MeasureState,
  ReportState,
  TaskState,
} from '../libs/domain/src/measure/measure.types';
import { MEASURE_PATCHES } from './measure.patches';

/** How many of the latest commands' update ids a run hands on to the next. */
const HANDLED_UPDATES_KEPT = 500;

const { projectMeasure } = proxyActivities<MeasureActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function measureWorkflow(input: MeasureWorkflowInput): Promise<MeasureState> {
  const ctx: MeasureContext = {
    organizationCode: input.organizationCode,
    measure: input.measure,
    calendar: input.calendar,
    policy: input.policy,
    // Asked by the machine only where owners would narrow who gets a task or a report: there the
    // history records the patch, and a history recorded before it replays with every unit.
    rules: { stepOwners: () => patched(MEASURE_PATCHES.stepOwners) },
  };
  const state = input.carried?.state ?? initialState(ctx, input.units);
  /** Quarter boundaries this run started after; crossing another one ends the run (continue-as-new). */
  const boundariesAtStart = boundariesCrossed(state);
  let wake = false;

  /**
   * Update ids of the latest commands applied, in this run and the ones before it: a command
   * retried with its id after a continue-as-new passes its validator and changes nothing.
   */
  const handled = [...(input.carried?.handledUpdateIds ?? [])];
  const alreadyHandled = () => handled.includes(currentUpdateInfo()?.id ?? '');
  const remember = () => {
    const id = currentUpdateInfo()?.id;
    if (!id || !patched(MEASURE_PATCHES.commandsDeduplicatedAcrossRuns)) return;
    handled.push(id);
    if (handled.length > HANDLED_UPDATES_KEPT) handled.shift();
  };
  /** Runs a command once: applies its changes (and notes its id) unless it was applied before; then projects them. */
  const once = async (apply: () => Change[]): Promise<void> => {
    if (alreadyHandled()) return;
    const changes = apply();
    remember();
    await project(changes);
  };

  /** Writes a change to the read model (and audit) before the caller is answered. */
  const project = async (changes: Change[]): Promise<void> => {
    if (changes.length === 0) return;
    wake = true;
    state.seq += 1;
    await projectMeasure(toBatch(input, state, changes));
  };
  /** Validators run the same checks as the handlers, but only to reject: they change nothing. A command applied before passes. */
  const guard = (check: () => unknown) => () => {
    if (alreadyHandled()) return;
    try {
      check();
    } catch (error) {
      if (error instanceof CommandError) {
        throw ApplicationFailure.create({
          type: error.code,
          message: error.message,
          details: [error.path],
          nonRetryable: true,
        });
      }
      throw error;
    }
  };
  const task = (key: string) => state.tasks.find((t) => t.key === key) as TaskState;
  const report = (key: string) => state.reports.find((r) => r.key === key) as ReportState;

  setHandler(measureStateQuery, () => state);
  setHandler(
    submitTaskUpdate,
    async (cmd) => {
      await once(() => submitTask(state, ctx, cmd, Date.now()));
      return task(cmd.taskKey);
    },
    { validator: (cmd) => guard(() => checkSubmitTask(state, ctx, cmd, Date.now()))() },
  );
  setHandler(
    approveTaskUpdate,
    async (cmd) => {
      await once(() => approveTask(state, ctx, cmd, Date.now()));
      return task(cmd.taskKey);
    },
    { validator: (cmd) => guard(() => checkDecideTask(state, ctx, cmd, 'approve', Date.now()))() },
  );
  setHandler(
    returnTaskUpdate,
    async (cmd) => {
      await once(() => returnTask(state, ctx, cmd, Date.now()));
      return task(cmd.taskKey);
    },
    { validator: (cmd) => guard(() => checkDecideTask(state, ctx, cmd, 'return', Date.now()))() },
  );
  setHandler(
    submitReportUpdate,
    async (cmd) => {
      await once(() => submitReport(state, ctx, cmd, Date.now()));
      return report(cmd.reportKey);
    },
    { validator: (cmd) => guard(() => checkSubmitReport(state, ctx, cmd, Date.now()))() },
  );
  setHandler(
    approveReportUpdate,
    async (cmd) => {
      await once(() => approveReport(state, ctx, cmd, Date.now()));
      return report(cmd.reportKey);
    },
    { validator: (cmd) => guard(() => checkDecideReport(state, ctx, cmd, 'approve', Date.now()))() },
  );
  setHandler(
    returnReportUpdate,
    async (cmd) => {
      await once(() =>
        returnReport(state, ctx, cmd, Date.now(), { fallsDueAgain: patched(MEASURE_PATCHES.returnedReportFallsDue) }),
      );
      return report(cmd.reportKey);
    },
    { validator: (cmd) => guard(() => checkDecideReport(state, ctx, cmd, 'return', Date.now()))() },
  );
  setHandler(
    amendMeasureUpdate,
    async (cmd) => {
      await once(() => amend(state, ctx, cmd, Date.now()));
      return state;
    },
    { validator: (cmd) => guard(() => checkAmend(state, ctx, cmd, Date.now()))() },
  );
  // v5: a new command, not a change of the flow any history recorded: the main loop below meets a
  // closed measure as one that completed (its status), so it ends the run as it always has.
  setHandler(
    closeYearUpdate,
    async (cmd) => {
      await once(() => closeYear(state, ctx, cmd, Date.now()));
      return yearCloseSummary(state);
    },
    { validator: (cmd) => guard(() => checkCloseYear(state, ctx, cmd, Date.now()))() },
  );

  if (!input.carried) {
    await project([
      {
        action: 'measure.started',
        actor: { id: 'system', role: 'system' },
        entity: 'measure',
        key: state.measureCode,
        at: new Date(Date.now()).toISOString(),
        after: { planRevision: input.planRevision },
      },
    ]);
  }
  const completed = () => state.status === 'completed';
  const timeToContinue = () => boundariesCrossed(state) > boundariesAtStart || workflowInfo().continueAsNewSuggested;
  for (;;) {
    await project(advance(state, ctx, Date.now()));
    if (completed()) break;
    if (timeToContinue() && patched(MEASURE_PATCHES.continueAsNew)) {
      // Commands already accepted finish in this run (nothing awaits between their end and the
      // new run); whatever falls due meanwhile, the next run's first advance applies.
      await condition(allHandlersFinished);
      return continueAsNew<typeof measureWorkflow>({
        ...input,
        carried: { state, ...(handled.length ? { handledUpdateIds: handled } : {}) },
      });
    }
    const next = nextWakeUp(state, ctx, Date.now());
    wake = false;
    if (next === null) await condition(() => wake);
    else await condition(() => wake, Math.max(1, next - Date.now()));
  }
  await condition(allHandlersFinished);
  return state;
}

/** How many quarter openings and closings the measure has been through. */
function boundariesCrossed(state: MeasureState): number {
  return state.quarters.reduce((n, q) => n + Number(q.opened) + Number(q.closed), 0);
}

function toBatch(input: MeasureWorkflowInput, state: MeasureState, changes: Change[]): ProjectionBatch {
  const info = workflowInfo();
  const keys = (entity: string) =>
    new Set(
      changes
        .filter((c) => c.entity === entity || (entity === 'report' && c.entity === 'escalation'))
        .map((c) => c.key),
    );
  const taskKeys = keys('task');
  const reportKeys = keys('report');
  return {
    workflowId: info.workflowId,
    runId: info.runId,
    eventId: info.historyLength,
    organizationCode: input.organizationCode,
    fiscalYear: input.fiscalYear,
    measureCode: state.measureCode,
    seq: state.seq,
    at: changes[changes.length - 1].at,
    measure: {
      status: state.status,
      currentQuarter: state.currentQuarter,
      quarterStatuses: {
        1: quarterStatus(state, 1),
        2: quarterStatus(state, 2),
        3: quarterStatus(state, 3),
        4: quarterStatus(state, 4),
      },
      planRevision: input.planRevision,
      dayMs: input.calendar.dayMs,
    },
    tasks: state.tasks.filter((t) => taskKeys.has(t.key)),
    reports: state.reports.filter((r) => reportKeys.has(r.key)),
    audit: changes.map((c) => ({
      action: c.action,
      actorId: c.actor.id,
      actorRole: c.actor.role,
      actorUnit: c.actor.unitCode ?? null,
      entity: c.entity,
      key: c.key,
      before: c.before ?? null,
      after: c.after ?? null,
      at: c.at,
      authority: c.authority ?? null,
    })),
  };
}
