/**
 * Every stored history of the corpus (test/fixtures/histories/<version>/) replays against
 * today's workflow code without a non-determinism error. A change to workflow code that would
 * break running measures fails here (docs/workflow-versioning.md).
 */
import { Worker } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../libs/contracts/src/temporal-connection';
import { loadCorpus } from './corpus';

const corpus = loadCorpus();

describe('the replay corpus', () => {
  it('holds histories of every scenario, for every recorded workflow version', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(6);
    expect(new Set(corpus.map((h) => h.version)).size).toBeGreaterThanOrEqual(1);
  });

  it('replays every stored history against the current workflow code', async () => {
    const failures: string[] = [];
    const results = Worker.runReplayHistories({ workflowsPath: WORKFLOWS_PATH, replayName: 'corpus' },
      corpus.map((h) => ({ workflowId: `${h.version}/${h.scenario}/${h.runId}`, history: h.history })));
    let replayed = 0;
    for await (const result of results) {
      replayed += 1;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message.split('\n')[0]}`);
    }
    expect({ replayed, failures }).toEqual({ replayed: corpus.length, failures: [] });
  }, 300_000);
});
