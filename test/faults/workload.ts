/**
 * The fault suite's workload: the seed plan's people working a compressed year over HTTP, as the
 * web app would. As each quarter opens, every task of every running measure is submitted by its
 * unit's staff and approved by its head (every fifth returned once first); as each report opens,
 * a head of its units submits it and the Deputy Director approves it (every third returned once
 * first). Every command carries an Idempotency-Key and is retried with it until it has an answer.
 * It ends when every measure has finished its year.
 */
import { randomUUID } from 'node:crypto';
import { readAccounts } from '../support/accounts';
import { sleep } from '../support/wait';

export interface Answer {
  status: number;
  body: any;
}

/** What the workload needs of the HTTP client: a read, and a command retried with its key until it has a final answer. */
export interface FaultClient {
  get(path: string, token: string): Promise<Answer>;
  command(path: string, body: unknown, token: string, idempotencyKey: string): Promise<Answer & { attempts: number }>;
}

export interface CommandRecord {
  id: number;
  kind: 'task.submit' | 'task.return' | 'task.approve' | 'report.submit' | 'report.return' | 'report.approve';
  measureCode: string;
  key: string;
  actor: string;
  idempotencyKey: string;
  status: number;
  attempts: number;
  /** For submissions: the note or summary written, to find it in the state. */
  text?: string;
  body?: any;
}

const ACCOUNTS = readAccounts();
if (!ACCOUNTS.demoPassword) throw new Error('the demo accounts file names no demoPassword');
export const DEMO_PASSWORD: string = ACCOUNTS.demoPassword;
/** The staff and head username of each unit of the seed organization. */
export const UNIT_PEOPLE: Record<string, { staff: string; head: string }> = {};
for (const a of ACCOUNTS.accounts) {
  if (!a.unitCode) continue;
  UNIT_PEOPLE[a.unitCode] ??= { staff: '', head: '' };
  if (a.role === 'unit-staff') UNIT_PEOPLE[a.unitCode].staff = a.username;
  if (a.role === 'unit-head') UNIT_PEOPLE[a.unitCode].head = a.username;
}

const ORG = '/api/organizations/TCEB';
const FY = 2565;
const measurePath = (code: string) => `${ORG}/plans/${FY}/measures/${code}`;

export class Workload {
  readonly commands: CommandRecord[] = [];
  private readonly started = new Set<string>();
  private nextId = 1;
  private running = 0;
  private readonly queue: Array<() => Promise<void>> = [];

  constructor(
    private readonly client: FaultClient,
    private readonly tokens: Record<string, string>,
    private readonly measureCodes: string[],
    private readonly concurrency = 6,
  ) {}

  /**
   * Runs until every measure has completed (true), or `deadline` (ms since epoch) passes (false;
   * the commands under way are still waited for, so the checks see a quiet system).
   */
  async run(deadline: number): Promise<boolean> {
    for (;;) {
      const runs = await this.client.get(`${ORG}/plans/${FY}/measures`, this.tokens['tceb.planner']);
      if (runs.status === 200) {
        const pending = runs.body.filter(
          (m: any) => this.measureCodes.includes(m.code) && m.run?.status !== 'completed',
        );
        if (pending.length === 0 && this.running === 0 && this.queue.length === 0) return true;
        for (const m of pending) await this.discover(m.code);
      }
      if (Date.now() > deadline) {
        this.queue.length = 0;
        while (this.running > 0) await sleep(200);
        return false;
      }
      await sleep(1000);
    }
  }

  /** Queues the work that has appeared in one measure: open tasks and open reports, each worked once. */
  private async discover(code: string): Promise<void> {
    const tasks = await this.client.get(`${measurePath(code)}/tasks`, this.tokens['tceb.planner']);
    if (tasks.status === 200) {
      for (const t of tasks.body) {
        if (t.status !== 'open' || this.started.has(`${code}/${t.taskKey}`)) continue;
        this.started.add(`${code}/${t.taskKey}`);
        this.enqueue(() => this.workTask(code, t.taskKey, t.unitCode));
      }
    }
    const reports = await this.client.get(
      `${ORG}/reports?measure=${code}&fiscalYear=${FY}&status=open&pageSize=200`,
      this.tokens['tceb.deputy'],
    );
    if (reports.status === 200) {
      for (const r of reports.body.items) {
        if (this.started.has(`${code}/${r.reportKey}`)) continue;
        this.started.add(`${code}/${r.reportKey}`);
        this.enqueue(() => this.workReport(code, r.reportKey, r.units));
      }
    }
  }

  private async workTask(code: string, taskKey: string, unitCode: string): Promise<void> {
    const people = UNIT_PEOPLE[unitCode];
    const task = (action: string) => `${measurePath(code)}/tasks/${taskKey}/${action}`;
    const submit = async () => {
      const id = this.nextId;
      const text = `ดำเนินการแล้ว (คำสั่งที่ ${id})`;
      await this.send(
        'task.submit',
        code,
        taskKey,
        people.staff,
        task('submit'),
        {
          note: text,
          progress: 'done',
          evidence: [
            { kind: 'link', url: `https://www.tceb.or.th/ita/${code}/${taskKey}`, name: 'หลักฐาน', guidelines: [1] },
          ],
        },
        text,
      );
    };
    await submit();
    if (this.nextId % 5 === 0) {
      await this.send('task.return', code, taskKey, people.head, task('return'), { reason: 'ขอหลักฐานเพิ่มเติม' });
      await submit();
    }
    await this.send('task.approve', code, taskKey, people.head, task('approve'), {});
  }

  private async workReport(code: string, reportKey: string, units: string[]): Promise<void> {
    const report = (action: string) => `${measurePath(code)}/reports/${reportKey}/${action}`;
    const head = UNIT_PEOPLE[units[0]].head;
    const submit = async () => {
      const text = `สรุปผลการดำเนินงาน (คำสั่งที่ ${this.nextId})`;
      await this.send('report.submit', code, reportKey, head, report('submit'), { summary: text }, text);
    };
    await submit();
    if (this.nextId % 3 === 0) {
      await this.send('report.return', code, reportKey, 'tceb.deputy', report('return'), {
        comments: 'ขอรายละเอียดเพิ่มเติม',
      });
      await submit();
    }
    await this.send('report.approve', code, reportKey, 'tceb.deputy', report('approve'), {});
  }

  private async send(
    kind: CommandRecord['kind'],
    measureCode: string,
    key: string,
    actor: string,
    url: string,
    body: unknown,
    text?: string,
  ): Promise<void> {
    const id = this.nextId++;
    const idempotencyKey = randomUUID();
    const answer = await this.client.command(url, body, this.tokens[actor], idempotencyKey);
    this.commands.push({
      id,
      kind,
      measureCode,
      key,
      actor,
      idempotencyKey,
      status: answer.status,
      attempts: answer.attempts,
      text,
      body: answer.status >= 400 ? answer.body : undefined,
    });
    if (answer.status !== 200)
      throw new Error(`${kind} ${measureCode} ${key} by ${actor}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue.push(work);
    this.pump();
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length) {
      const work = this.queue.shift()!;
      this.running += 1;
      // A chain that failed is recorded (its command's answer) and not retried: the checks report it.
      void work()
        .catch(() => undefined)
        .finally(() => {
          this.running -= 1;
          this.pump();
        });
    }
  }
}
