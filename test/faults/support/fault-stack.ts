/**
 * The whole system as separate processes the fault suite may SIGKILL at any moment and start
 * again: the Temporal dev server (restarted on the same SQLite state file and port), the API and
 * the worker (from the build in dist/), and on MySQL a private MariaDB server (its own data
 * directory and port, so no other test's server is touched). Each component knows when it is
 * ready again, so the time to recover from a kill can be measured. Their logs are kept in
 * test-artifacts/faults/<sqlite|mariadb>/ (KEEP_FAULT_LOGS=1 keeps the whole scratch directory).
 */
import { Connection } from '@temporalio/client';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../../support/ports';
import { sleep } from '../../support/wait';

export const ROOT = path.resolve(__dirname, '../../..');
function lib(fn: string, env: Record<string, string> = {}): string {
  return execFileSync('bash', ['-c', `source scripts/lib.sh && ${fn}`], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

/** A component the suite can kill: start, SIGKILL, and tell when it serves again. */
export interface Component {
  readonly name: string;
  start(): Promise<void>;
  kill9(): Promise<void>;
  waitReady(timeoutMs?: number): Promise<void>;
  /** Exits it did not ask for (a process that gave up on its own). */
  readonly unexpectedExits: number;
  stop(): Promise<void>;
}

/** A child process with its output appended to a log file; restarted by `start()` after a kill. */
class ProcessComponent implements Component {
  private child?: ChildProcess;
  private killing = false;
  unexpectedExits = 0;

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
    readonly logFile: string,
    private readonly ready: () => Promise<boolean>,
    /** Start it again when it exits on its own (as a supervisor would). */
    private readonly supervise = false,
  ) {}

  async start(): Promise<void> {
    const log = fs.openSync(this.logFile, 'a');
    fs.writeSync(log, `--- ${new Date().toISOString()} start ${this.name}\n`);
    const child = spawn(this.command, this.args, { cwd: ROOT, env: this.env, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    this.child = child;
    child.once('exit', () => {
      if (this.child !== child || this.killing) return;
      this.unexpectedExits += 1;
      if (this.supervise) setTimeout(() => void this.start(), 500);
    });
    await this.waitReady();
  }

  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.killing = true;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
    this.killing = false;
  }

  async waitReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.ready().catch(() => false))) {
      if (Date.now() > deadline)
        throw new Error(`${this.name} is not ready after ${timeoutMs} ms; see ${this.logFile}:\n${tail(this.logFile)}`);
      await sleep(100);
    }
  }

  async stop(): Promise<void> {
    this.killing = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  }
}

function tail(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-15).join('\n') : '';
}

/** A private MariaDB server (scripts/mariadb.sh with its own directory and port), killed by its pid file. */
class MariaDbComponent implements Component {
  readonly name = 'database';
  unexpectedExits = 0;
  constructor(
    private readonly dir: string,
    private readonly port: number,
  ) {}
  private env() {
    return { MARIADB_DIR: this.dir, MARIADB_PORT: String(this.port) };
  }
  get url(): string {
    return `mysql://ita:ita@127.0.0.1:${this.port}/ita`;
  }
  async start(): Promise<void> {
    execFileSync('bash', ['scripts/mariadb.sh', 'start'], {
      cwd: ROOT,
      env: { ...process.env, ...this.env() },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  async kill9(): Promise<void> {
    const pid = Number(fs.readFileSync(path.join(this.dir, 'mariadb.pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    while (alive(pid)) await sleep(50);
  }
  async waitReady(): Promise<void> {
    // start() returns once the server answers.
  }
  async stop(): Promise<void> {
    execFileSync('bash', ['scripts/mariadb.sh', 'stop'], {
      cwd: ROOT,
      env: { ...process.env, ...this.env() },
      stdio: 'ignore',
    });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function temporalServes(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.workflowService.getSystemInfo({});
    return true;
  } finally {
    await connection.close();
  }
}

export interface FaultStack {
  dir: string;
  databaseUrl: string;
  temporalAddress: string;
  apiUrl: string;
  temporal: Component;
  api: Component;
  worker: Component;
  /** Only on MySQL/MariaDB. */
  database?: Component;
  /** Runs one of the project's CLIs from dist/ with the stack's environment. */
  cli(script: string, ...args: string[]): string;
  stop(): Promise<void>;
}

/** Starts every component; MySQL when TEST_DATABASE_URL is a mysql URL (then a private server), SQLite otherwise. */
export async function startFaultStack(): Promise<FaultStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ita-faults-'));
  const mysql = /^(mysql|mariadb):/.test(process.env.TEST_DATABASE_URL ?? '');
  let database: MariaDbComponent | undefined;
  if (mysql) {
    database = new MariaDbComponent(path.join(dir, 'mariadb'), await freePort());
    await database.start();
  }
  const databaseUrl = database?.url ?? `sqlite:${path.join(dir, 'ita.sqlite')}`;
  const [temporalPort, apiPort] = [await freePort(), await freePort()];
  const temporalAddress = `127.0.0.1:${temporalPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: 'faults',
    ITA_DATA_DIR: dir,
    API_PORT: String(apiPort),
    JWT_SECRET: 'fault-suite-secret-of-at-least-32-characters',
    ACCESS_TOKEN_SECONDS: '7200',
  };
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const temporalCli = process.env.TEMPORAL_CLI_PATH || lib('temporal_cli_path');
  const temporal = new ProcessComponent(
    'temporal',
    temporalCli,
    [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(temporalPort),
      '--headless',
      '--db-filename',
      path.join(dir, 'temporal.sqlite'),
      '--log-level',
      'warn',
    ],
    env,
    path.join(dir, 'temporal.log'),
    () => temporalServes(temporalAddress),
  );
  const api = new ProcessComponent(
    'api',
    process.execPath,
    ['dist/apps/api/src/main.js'],
    env,
    path.join(dir, 'api.log'),
    async () => (await fetch(`${apiUrl}/api/health`, { signal: AbortSignal.timeout(1000) })).ok,
    true,
  );
  const workerLog = path.join(dir, 'worker.log');
  let workerStarts = 0;
  const worker = new ProcessComponent(
    'worker',
    process.execPath,
    ['dist/apps/worker/src/main.js'],
    env,
    workerLog,
    async () => (fs.readFileSync(workerLog, 'utf8').match(/worker polling task queue/g) ?? []).length > workerStarts,
    true,
  );
  const startWorker = worker.start.bind(worker);
  worker.start = async () => {
    workerStarts = (
      fs.existsSync(workerLog) ? (fs.readFileSync(workerLog, 'utf8').match(/worker polling task queue/g) ?? []) : []
    ).length;
    await startWorker();
  };
  await temporal.start();
  const cli = (script: string, ...args: string[]) =>
    execFileSync(process.execPath, [`dist/apps/api/src/cli/${script}`, ...args], { cwd: ROOT, env, encoding: 'utf8' });
  cli('plan-import.cli.js', 'data/plans/tceb-fy2565.plan.json');
  cli('accounts.cli.js', 'load', 'data/demo/tceb-accounts.json');
  await api.start();
  await worker.start();
  return {
    dir,
    databaseUrl,
    temporalAddress,
    apiUrl,
    temporal,
    api,
    worker,
    database,
    cli,
    stop: async () => {
      await worker.stop();
      await api.stop();
      await temporal.stop();
      await database?.stop();
      // The components' logs stay behind as an artifact of the run (CI keeps test-artifacts/).
      const artifacts = path.join(ROOT, 'test-artifacts', 'faults', database ? 'mariadb' : 'sqlite');
      fs.mkdirSync(artifacts, { recursive: true });
      for (const log of fs.readdirSync(dir).filter((f) => f.endsWith('.log')))
        fs.copyFileSync(path.join(dir, log), path.join(artifacts, log));
      if (!process.env.KEEP_FAULT_LOGS) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
