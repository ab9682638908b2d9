/**
 * The quick start survives a crash: scripts/run.sh, on free ports and a temporary data directory
 * (reusing the build in dist/), starts the whole system; a worker killed with SIGKILL is started
 * again, and SIGINT (Ctrl-C) then stops everything, Mailpit too, within seconds, leaving no server
 * behind. The current fiscal year runs on the real calendar: a unit has this quarter's tasks, due
 * its last day.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fiscalCalendar, fiscalYearOf, formatThaiDueDate, quarterOf } from '@ita/domain/fiscal-calendar';
import { appEnv } from '../support/app-env';
import { freePort } from '../support/ports';
import { ROOT } from '../support/stack';
import { eventually } from '../support/wait';

const STOP_BOUND_MS = 10_000;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('scripts/run.sh (e2e)', () => {
  let dir: string;
  let script: ChildProcess | undefined;
  let output = '';
  const runDir = () => path.join(dir, 'run');
  const pidOf = (name: string) => Number(fs.readFileSync(path.join(runDir(), `${name}.pid`), 'utf8'));
  const logOf = (name: string) => fs.readFileSync(path.join(dir, 'logs', `${name}.log`), 'utf8');
  const polling = () => logOf('worker').split('worker polling task queue').length - 1;

  beforeAll(() => {
    for (const main of ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js']) {
      if (!fs.existsSync(path.join(ROOT, main)))
        throw new Error(`${main} is missing: build first (scripts/test.sh does)`);
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ita-run-'));
  });
  afterAll(() => {
    // Only if the test failed half-way: nothing of this run may outlive it.
    if (script?.exitCode === null && script.pid) process.kill(-script.pid, 'SIGKILL');
    for (const name of fs.existsSync(runDir()) ? fs.readdirSync(runDir()) : []) {
      const pid = Number(fs.readFileSync(path.join(runDir(), name), 'utf8'));
      if (pid && alive(pid)) process.kill(-pid, 'SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts a killed worker again, and stops everything on SIGINT', async () => {
    const [apiPort, temporalPort, uiPort, smtpPort, inboxPort] = await Promise.all(
      [1, 2, 3, 4, 5].map(() => freePort()),
    );
    const proc = spawn('bash', [path.join(ROOT, 'scripts/run.sh')], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: appEnv({
        ITA_DATA_DIR: dir,
        API_PORT: String(apiPort),
        TEMPORAL_PORT: String(temporalPort),
        TEMPORAL_UI_PORT: String(uiPort),
        MAILPIT_SMTP_PORT: String(smtpPort),
        MAILPIT_UI_PORT: String(inboxPort),
        ITA_SKIP_BUILD: '1',
      }),
    });
    script = proc;
    proc.stdout?.on('data', (d) => {
      output += d;
    });
    proc.stderr?.on('data', (d) => {
      output += d;
    });
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      proc.once('exit', (code) => resolve({ code, at: Date.now() })),
    );
    const health = async () => expect((await fetch(`http://127.0.0.1:${apiPort}/api/health`)).status).toBe(200);
    const log = () => output;

    await eventually(async () => expect(output).toContain('ITA measures is running'), 90_000, log);
    await eventually(health, 10_000, log);
    await eventually(
      async () => expect(polling()).toBe(1),
      30_000,
      () => logOf('worker'),
    );

    // The current fiscal year runs on the real calendar: a unit signing in today has this quarter's tasks.
    const now = new Date();
    const fiscalYear = fiscalYearOf(now);
    const quarter = quarterOf(now);
    expect(output).toContain(`FY${fiscalYear}: a rollover of its measures, running on the real calendar`);
    // Mailpit: its inbox is printed and answers (the api and the worker were given its SMTP port).
    expect(output).toContain(`Mail inbox      http://127.0.0.1:${inboxPort}`);
    expect((await fetch(`http://127.0.0.1:${inboxPort}/api/v1/messages`)).status).toBe(200);
    const api = `http://127.0.0.1:${apiPort}/api`;
    const signedIn = await fetch(`${api}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'tceb.plan-budget.staff', password: 'ita-demo-2565' }),
    });
    const { accessToken } = (await signedIn.json()) as { accessToken: string };
    const quarterEnd = fiscalCalendar(fiscalYear).quarters[quarter - 1].end;
    await eventually(
      async () => {
        const inbox = (await (
          await fetch(`${api}/organizations/TCEB/units/PLAN_BUDGET/inbox?fiscalYear=${fiscalYear}&quarter=${quarter}`, {
            headers: { Authorization: `Bearer ${accessToken}` },
          })
        ).json()) as { total: number; items: Array<{ dueAt: string; dueAtThai: string; stepText: string | null }> };
        expect(inbox.total).toBeGreaterThan(0);
        expect(inbox.items.filter((t) => !t.stepText?.trim())).toEqual([]); // each task says what its step is
        expect(new Set(inbox.items.map((t) => t.dueAtThai))).toEqual(new Set([formatThaiDueDate(quarterEnd)]));
      },
      30_000,
      log,
    );

    const worker = pidOf('worker');
    process.kill(worker, 'SIGKILL');
    await eventually(
      async () => expect(output).toContain('[ita] worker exited with status 137; restarting in 1 s'),
      10_000,
      log,
    );
    await eventually(
      async () => {
        expect(pidOf('worker')).not.toBe(worker);
        expect(polling()).toBe(2);
      },
      30_000,
      () => logOf('worker'),
    );
    expect(alive(pidOf('worker'))).toBe(true);
    await health();

    const servers = ['temporal', 'mailpit', 'api', 'worker'].map(pidOf);
    const sentAt = Date.now();
    proc.kill('SIGINT');
    const { code, at } = await exited;
    expect({ code, stoppedWithinBound: at - sentAt < STOP_BOUND_MS }).toEqual({ code: 130, stoppedWithinBound: true });
    expect(servers.filter(alive)).toEqual([]);
    expect(fs.readdirSync(runDir())).toEqual([]);
    expect(output).toContain('[ita] stopped');
    console.log(`run.sh stopped ${at - sentAt} ms after SIGINT`);
  });
});
