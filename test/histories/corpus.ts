/**
 * The replay corpus on disk: test/fixtures/histories/<version>/<scenario>.json.gz, one recorded
 * workflow history per file (gzipped JSON: `zcat` it) with what it shows. <version> names the
 * workflow code that recorded it (docs/workflow-versioning.md); every version's histories must
 * replay against today's code.
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

export const CORPUS_DIR = path.resolve(__dirname, '../fixtures/histories');

type History = temporal.api.history.v1.IHistory;
const { History } = temporal.api.history.v1;

/**
 * A history as plain JSON: enum names, 64-bit numbers as strings, bytes as base64. (Not the SDK's
 * historyToJSON: with the protobufjs copies this tree installs, it throws "type must be a Type".)
 */
const toJson = (h: History) => History.toObject(History.fromObject(h), { enums: String, longs: String, bytes: String });
const fromJson = (json: unknown): History => History.fromObject(json as Record<string, unknown>);

export interface StoredHistory {
  scenario: string;
  what: string;
  server: string;
  workflowId: string;
  recordedAt: string;
  /** The workflow code's version that recorded it (the folder's name). */
  version: string;
  /** Events, and the size of the history as the server counts it (protobuf bytes), per run: a continued-as-new measure has several. */
  runs: Array<{ runId: string; events: number; bytes: number; history: unknown }>;
}

export function historyStats(history: History): { events: number; bytes: number } {
  return { events: history.events?.length ?? 0, bytes: History.encode(history).finish().length };
}

export function storeHistory(
  version: string,
  entry: Omit<StoredHistory, 'version' | 'runs'>,
  runs: Array<{ runId: string; history: History }>,
): string {
  const dir = path.join(CORPUS_DIR, version);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${entry.scenario}.json.gz`);
  const stored: StoredHistory = {
    ...entry,
    version,
    runs: runs.map((r) => ({ runId: r.runId, ...historyStats(r.history), history: toJson(r.history) })),
  };
  fs.writeFileSync(file, gzipSync(`${JSON.stringify(stored)}\n`, { level: 9 }));
  return file;
}

/** Every stored history, as the replayer takes them (one per run). */
export function loadCorpus(): Array<{
  file: string;
  version: string;
  scenario: string;
  workflowId: string;
  runId: string;
  history: History;
}> {
  if (!fs.existsSync(CORPUS_DIR)) return [];
  return fs
    .readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((d) =>
      fs
        .readdirSync(path.join(CORPUS_DIR, d.name))
        .filter((f) => f.endsWith('.json.gz'))
        .sort()
        .flatMap((f) => {
          const file = path.join(CORPUS_DIR, d.name, f);
          const stored = JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8')) as StoredHistory;
          return stored.runs.map((r) => ({
            file,
            version: d.name,
            scenario: stored.scenario,
            workflowId: stored.workflowId,
            runId: r.runId,
            history: fromJson(r.history),
          }));
        }),
    );
}

/** Every run of a workflow, first to last, following continue-as-new. */
export async function historiesOf(client: Client, workflowId: string, firstRunId: string) {
  const runs: Array<{ runId: string; history: History }> = [];
  for (let runId: string | undefined = firstRunId; runId;) {
    const history: History = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.push({ runId, history });
    const last = history.events?.[history.events.length - 1];
    runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}
