/**
 * The whole system for an end-to-end test: a real Temporal dev server, a fresh real database,
 * the API in this process (as production builds it) and the worker as a child process from the
 * build, which a test may kill and start again.
 */
import type { INestApplication } from '@nestjs/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { DestinationStream } from 'pino';
import { createApp, CreateAppOptions } from '../../apps/api/src/app.factory';
import { startDevServer } from './temporal';
import { createTestDatabase, TestDatabase } from './test-database';

export const ROOT = path.resolve(__dirname, '../..');
const WORKER_MAIN = path.join(ROOT, 'dist/apps/worker/src/main.js');

export interface Stack {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  app: INestApplication;
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  /** Everything the worker printed so far (shown when a wait times out). */
  workerLog(): string;
  startWorker(): void;
  /** SIGKILL, and wait for it to be gone. */
  killWorker(): Promise<void>;
  /** SIGTERM (a graceful stop, as an orchestrator sends it); resolves with the exit code once it is gone. */
  terminateWorker(): Promise<number | null>;
  /**
   * Closes the API as a shutdown would and builds a new one on the same database and Temporal
   * (app, http and dataSource are replaced; read them from the stack again).
   */
  restartApi(): Promise<void>;
  /** Closes the API as a shutdown would (stop() then leaves it closed). */
  closeApi(): Promise<void>;
  /** Stops the Temporal dev server (an outage: the stack goes on without it). */
  stopTemporal(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** The API logs its JSON lines here (it logs nothing otherwise). */
  apiLog?: DestinationStream;
  /** Extra arguments of the Temporal dev server, e.g. dynamic config values. */
  temporalArgs?: string[];
}

/** Starts the stack; `extraEnv` is set for the API and the worker alike. */
export async function startStack(
  name: string,
  extraEnv: Record<string, string> = {},
  options: StackOptions = {},
): Promise<Stack> {
  if (!fs.existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: build first (scripts/test.sh does)`);
  const env = await startDevServer({ extraArgs: options.temporalArgs });
  const db = await createTestDatabase();
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_TASK_QUEUE: `${name}-${process.pid}`,
    ...extraEnv,
  });
  const appOptions: CreateAppOptions = options.apiLog ? { logDestination: options.apiLog } : { logger: false };
  const app = await createApp(appOptions);
  await app.init();
  let worker: ChildProcess | undefined;
  let log = '';
  let apiClosed = false;
  let temporalStopped = false;
  const stopWorker = async (signal: NodeJS.Signals) => {
    const w = worker;
    if (!w || w.exitCode !== null || w.signalCode !== null) return w?.exitCode ?? null;
    const gone = new Promise<number | null>((resolve) => w.once('exit', (code) => resolve(code)));
    w.kill(signal);
    return gone;
  };
  const stack: Stack = {
    env,
    db,
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    closeApi: async () => {
      apiClosed = true;
      await stack.app.close();
    },
    workerLog: () => log,
    startWorker: () => {
      worker = spawn(process.execPath, [WORKER_MAIN], {
        cwd: ROOT,
        env: { ...process.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      worker.stdout?.on('data', (d) => {
        log += d;
      });
      worker.stderr?.on('data', (d) => {
        log += d;
      });
    },
    killWorker: async () => {
      await stopWorker('SIGKILL');
    },
    terminateWorker: () => stopWorker('SIGTERM'),
    restartApi: async () => {
      await stack.app.close();
      const next = await createApp(appOptions);
      await next.init();
      Object.assign(stack, { app: next, http: request(next.getHttpServer()), dataSource: next.get(DataSource) });
    },
    stopTemporal: async () => {
      if (temporalStopped) return;
      temporalStopped = true;
      await env.teardown();
    },
    stop: async () => {
      await stack.killWorker();
      if (!apiClosed) await stack.app.close();
      await stack.stopTemporal();
      await db.drop();
      for (const key of Object.keys(extraEnv)) delete process.env[key];
    },
  };
  return stack;
}

/**
 * Serves the stack's API (and the web app it serves at /) on a free port of 127.0.0.1, for a
 * browser; the base URL, e.g. http://127.0.0.1:41234. `stop()` closes it with the app.
 */
export async function serveOnPort(stack: Stack): Promise<string> {
  await stack.app.listen(0, '127.0.0.1');
  const { address, port } = stack.app.getHttpServer().address() as AddressInfo;
  return `http://${address}:${port}`;
}
