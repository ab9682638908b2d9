/**
 * The fault suite: the seed plan's whole compressed year worked over HTTP (well over a thousand
 * commands) while the harness SIGKILLs, at random moments, the worker, the API, the Temporal dev
 * server (restarted on the same state file) and, on MariaDB, the database server. The client
 * retries with its idempotency keys, as a browser would. Afterwards: every acknowledged command
 * is in the workflow state, the read model equals the workflow state, no audit entry is missing
 * or there twice, the chain verifies, every measure finished its year, and every history replays.
 *
 * FAULT_QUARTER_SECONDS sets the length of a compressed quarter (default 30), FAULT_SEED the
 * random kill schedule (default: from the clock; printed, so a failing run can be repeated).
 */
import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { loadConfig } from '@ita/config/app-config';
import { WORKFLOWS_PATH } from '@ita/contracts/temporal-connection';
import { measureWorkflowId } from '@ita/contracts/measure.contracts';
import { openDatabase } from '@ita/persistence/data-source';
import { historiesOf } from '../histories/corpus';
import { checkYear } from './checks';
import { Component, FaultStack, startFaultStack } from './support/fault-stack';
import { RetryingClient } from './support/retrying-client';
import { sleep } from '../support/wait';
import { DEMO_PASSWORD, UNIT_PEOPLE, Workload } from './workload';

const QUARTER_S = Number(process.env.FAULT_QUARTER_SECONDS ?? 30);
const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);

/** A small seeded generator, so a kill schedule can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

interface Kill {
  component: string;
  at: number;
  recoveredMs: number;
}

/** Kills one component at a time at random moments, starts it again, and times its recovery; each in turn, in a shuffled order. */
async function chaos(components: Component[], rand: () => number, until: () => boolean, kills: Kill[]): Promise<void> {
  let order: Component[] = [];
  while (!until()) {
    await sleep(5000 + rand() * 7000);
    if (until()) return;
    if (order.length === 0) order = [...components].sort(() => rand() - 0.5);
    const victim = order.shift()!;
    const at = Date.now();
    await victim.kill9();
    await sleep(rand() * 2000);
    await victim.start();
    await victim.waitReady(120_000);
    kills.push({ component: victim.name, at, recoveredMs: Date.now() - at });
  }
}

describe('the fault suite', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await startFaultStack();
  }, 180_000);
  afterAll(async () => stack?.stop(), 60_000);

  it(
    `works a whole compressed year (${QUARTER_S}-second quarters) while every component is killed at random, and loses nothing`,
    async () => {
      const http = new RetryingClient(stack.apiUrl);
      const usernames = [
        'tceb.planner',
        'tceb.deputy',
        'tceb.auditor',
        ...Object.values(UNIT_PEOPLE).flatMap((p) => [p.staff, p.head]),
      ];
      const tokens = Object.fromEntries(
        await Promise.all(usernames.map(async (u) => [u, await http.login(u, DEMO_PASSWORD)])),
      );
      const activation = await http.command(
        '/api/organizations/TCEB/plans/2565/activate',
        { calendar: { quarterSeconds: QUARTER_S, startsAt: new Date(Date.now() + 5000).toISOString() } },
        tokens['tceb.planner'],
        'fault-suite-activation',
      );
      expect(activation.status).toBe(200);
      const measureCodes: string[] = activation.body.started.map((s: any) => s.measureCode);
      expect(measureCodes).toHaveLength(11);

      const started = Date.now();
      const workload = new Workload(http, tokens, measureCodes);
      const kills: Kill[] = [];
      let done = false;
      const components = [stack.worker, stack.api, stack.temporal, ...(stack.database ? [stack.database] : [])];
      const killing = chaos(components, random(SEED), () => done, kills);
      let finished = false;
      try {
        finished = await workload.run(started + 4 * QUARTER_S * 1000 + 6 * 60_000);
      } finally {
        done = true;
        await killing;
      }
      const seconds = (Date.now() - started) / 1000;

      // The checks read the workflows' results from Temporal and the rows from the database.
      const connection = await Connection.connect({ address: stack.temporalAddress });
      const client = new Client({ connection });
      const dataSource: DataSource = await openDatabase(loadConfig({ DATABASE_URL: stack.databaseUrl }).database);
      try {
        const verdict = await checkYear(client, dataSource, measureCodes, workload.commands);
        const verify = await http.get('/api/organizations/TCEB/audit/verify', tokens['tceb.auditor']);
        const histories = (
          await Promise.all(
            measureCodes.map(async (code) => {
              const id = measureWorkflowId('TCEB', 2565, code);
              const first = await client.workflow.getHandle(id).describe();
              return (await historiesOf(client, id, first.raw.workflowExecutionInfo?.firstRunId ?? first.runId)).map(
                (r) => ({ workflowId: id, history: r.history }),
              );
            }),
          )
        ).flat();
        const replayFailures: string[] = [];
        for await (const r of Worker.runReplayHistories({ workflowsPath: WORKFLOWS_PATH }, histories))
          if (r.error) replayFailures.push(`${r.workflowId}: ${r.error.message}`);

        const byKind = (kind: string) => workload.commands.filter((c) => c.kind.startsWith(kind)).length;
        const perComponent = components.map((c) => {
          const mine = kills.filter((k) => k.component === c.name).map((k) => k.recoveredMs);
          return `${c.name} ${mine.length} (recovered in ${mine.map((ms) => (ms / 1000).toFixed(1)).join(', ') || '-'} s; exited on its own ${c.unexpectedExits})`;
        });
        const failed = workload.commands.filter((c) => c.status !== 200);
        console.log(
          [
            `fault suite (${stack.database ? 'MariaDB' : 'SQLite'}, ${QUARTER_S}-second quarters, FAULT_SEED=${SEED}): ${seconds.toFixed(0)} s`,
            `  commands ${workload.commands.length} (tasks ${byKind('task.')}, reports ${byKind('report.')}), answered other than 200: ${failed.length}`,
            `  attempts ${workload.commands.reduce((n, c) => n + c.attempts, 0)}; retried because of ${[...http.retries].map(([k, v]) => `${k} ×${v}`).join(', ') || 'nothing'}`,
            `  kills ${kills.length}: ${perComponent.join('; ')}`,
            `  measures completed ${verdict.completed}/${measureCodes.length}${verdict.notCompleted.length ? ` (still running: ${verdict.notCompleted.join(', ')})` : ''}; histories replayed ${histories.length} runs, failures ${replayFailures.length}`,
            `  lost ${verdict.lost.length}, duplicated ${verdict.duplicated.length}, read model ≠ workflow ${verdict.readModelMismatches.length}, audit gaps ${verdict.auditGaps.length}, chain ${verify.body?.ok ? 'verified' : 'BROKEN'}`,
            ...failed
              .slice(0, 10)
              .map(
                (c) =>
                  `  not 200: ${c.kind} ${c.measureCode} ${c.key} by ${c.actor}: ${c.status} ${JSON.stringify(c.body).slice(0, 300)}`,
              ),
            ...[...verdict.lost, ...verdict.duplicated, ...verdict.readModelMismatches, ...verdict.auditGaps]
              .slice(0, 10)
              .map((x) => `  ${x}`),
          ].join('\n'),
        );

        expect({ finished }).toEqual({ finished: true });
        expect(failed.map((c) => `${c.kind} ${c.measureCode} ${c.key}: ${c.status} ${JSON.stringify(c.body)}`)).toEqual(
          [],
        );
        expect(workload.commands.length).toBeGreaterThanOrEqual(1000);
        expect(new Set(kills.map((k) => k.component))).toEqual(new Set(components.map((c) => c.name)));
        expect(verdict).toEqual({
          completed: measureCodes.length,
          notCompleted: [],
          lost: [],
          duplicated: [],
          readModelMismatches: [],
          auditGaps: [],
        });
        expect(verify.body).toMatchObject({ ok: true });
        expect(replayFailures).toEqual([]);
      } finally {
        await dataSource.destroy();
        await connection.close();
      }
    },
    20 * 60_000,
  );
});
