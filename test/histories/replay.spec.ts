/**
 * Every stored history of the corpus (test/fixtures/histories/<version>/) replays against
 * today's workflow code without a non-determinism error, and schedules every activity with the
 * very arguments the history recorded: replay alone compares commands, not arguments, so a change
 * that would silently project something else for a running measure (another state, another audit
 * entry) fails here too (docs/workflow-versioning.md).
 */
import type { temporal } from '@temporalio/proto';
import { InjectedSinks, Worker } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '@ita/contracts/temporal-connection';
import type { ActivityCaptureSinks } from './activity-capture.interceptors';
import { loadCorpus } from './corpus';

const corpus = loadCorpus();

describe('the replay corpus', () => {
  it('holds histories of every scenario, for every recorded workflow version', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(6);
    expect(new Set(corpus.map((h) => h.version)).size).toBeGreaterThanOrEqual(1);
  });

  it('replays every stored history against the current workflow code', async () => {
    const failures: string[] = [];
    const results = Worker.runReplayHistories(
      { workflowsPath: WORKFLOWS_PATH, replayName: 'corpus' },
      corpus.map((h) => ({ workflowId: `${h.version}/${h.scenario}/${h.runId}`, history: h.history })),
    );
    let replayed = 0;
    for await (const result of results) {
      replayed += 1;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message.split('\n')[0]}`);
    }
    expect({ replayed, failures }).toEqual({ replayed: corpus.length, failures: [] });
  }, 300_000);

  it('schedules, replaying each history, exactly the activities with exactly the arguments it recorded', async () => {
    const scheduled = new Map<string, unknown[]>();
    const sinks: InjectedSinks<ActivityCaptureSinks> = {
      replayCapture: {
        scheduled: {
          fn: (info, activityType, args) => {
            scheduled.set(info.runId, [...(scheduled.get(info.runId) ?? []), { activityType, args: json(args) }]);
          },
          callDuringReplay: true,
        },
      },
    };
    const replays = Worker.runReplayHistories(
      {
        workflowsPath: WORKFLOWS_PATH,
        replayName: 'corpus-arguments',
        sinks,
        interceptors: { workflowModules: [require.resolve('./activity-capture.interceptors')] },
      },
      corpus.map((h) => ({ workflowId: h.workflowId, history: h.history })),
    );
    const nondeterministic = new Set<string>();
    for await (const result of replays) if (result.error) nondeterministic.add(result.workflowId);
    const differences = corpus
      .filter((h) => !nondeterministic.has(h.workflowId))
      .flatMap((h) => {
        const id = `${h.version}/${h.scenario}/${h.runId}`;
        const recorded = recordedActivities(h.history);
        const replayed = scheduled.get(h.runId) ?? [];
        const first = recorded.findIndex((r, i) => JSON.stringify(r) !== JSON.stringify(replayed[i]));
        if (first === -1 && recorded.length === replayed.length) return [];
        return [`${id}: activity ${first === -1 ? recorded.length : first} of ${recorded.length} differs`];
      });
    expect(differences).toEqual([]);
  }, 300_000);
});

const json = (value: unknown) => JSON.parse(JSON.stringify(value));

/** The activities a history scheduled, with their arguments as the default (JSON) converter stored them. */
function recordedActivities(history: temporal.api.history.v1.IHistory): unknown[] {
  return (history.events ?? []).flatMap((e) => {
    const a = e.activityTaskScheduledEventAttributes;
    if (!a) return [];
    const args = (a.input?.payloads ?? []).map((p) => JSON.parse(Buffer.from(p.data as Uint8Array).toString('utf8')));
    return [{ activityType: a.activityType?.name, args }];
  });
}
