/**
 * A real Mailpit for tests: an SMTP server whose HTTP API reads back what was sent, with its
 * Chaos triggers on, so that a test can make the server refuse mail with a chosen reply code.
 * scripts/test.sh passes the pinned build in MAILPIT_PATH (scripts/lib.sh's mailpit_path builds
 * it). Each instance has free ports of its own and a database in a temporary directory; stop()
 * and start() again on the same ports make an outage, with what it had received kept.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, portOpen } from './ports';
import { pinnedBinary } from './pinned-binary';
import { sleep } from './wait';

export interface MailSummary {
  id: string;
  /** The Message-ID header, without brackets (as Mailpit gives it). */
  messageId: string;
  subject: string;
  /** `Name <address>`, or the address alone (as MAIL_FROM is written). */
  from: string;
  to: string[];
  date: string;
}

export interface MailDetail extends MailSummary {
  text: string;
  html: string;
  /** Every header as on the wire (encoded words stay encoded), by canonical name (`X-Ita-Notification`). */
  headers: Record<string, string[]>;
}

/** SMTP reply codes Mailpit answers with (Chaos), per stage; unset: accepted. */
export interface MailpitRefusals {
  sender?: number;
  recipient?: number;
}

export interface Mailpit {
  smtpUrl: string;
  apiUrl: string;
  /** Every message received, newest first (all pages). */
  messages(): Promise<MailSummary[]>;
  message(id: string): Promise<MailDetail>;
  /** Until at least `count` messages are there; throws with what there is after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<MailSummary[]>;
  deleteAll(): Promise<void>;
  /** From now on, refuses each MAIL FROM / RCPT TO with the given code (none given: accepts all again). */
  refuse(refusals: MailpitRefusals): Promise<void>;
  /** SIGTERM, and resolves once it is gone (SIGKILL after 5 s). */
  stop(): Promise<void>;
  /** Starts it again on the same ports and database. */
  start(): Promise<void>;
  /** Everything it printed so far (shown when a wait times out). */
  log(): string;
  /** stop(), and removes its database. */
  close(): Promise<void>;
}

interface ApiAddress {
  Name: string;
  Address: string;
}

interface ApiMessage {
  ID: string;
  MessageID: string;
  Subject: string;
  From: ApiAddress;
  To: ApiAddress[] | null;
}

export function mailpitBinary(): string {
  const found = pinnedBinary('MAILPIT_PATH', 'mailpit_path');
  if (!found || !fs.existsSync(found))
    throw new Error(
      `Mailpit is missing${found ? ` at ${found}` : ''}: set MAILPIT_PATH, e.g. ` +
        `export MAILPIT_PATH=$(bash -c 'source scripts/lib.sh; mailpit_path') (scripts/test.sh does)`,
    );
  return found;
}

export async function startMailpit(): Promise<Mailpit> {
  const binary = mailpitBinary();
  const [smtpPort, httpPort] = [await freePort(), await freePort()];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ita-mailpit-'));
  const apiUrl = `http://127.0.0.1:${httpPort}`;
  const args = [
    '--smtp',
    `127.0.0.1:${smtpPort}`,
    '--listen',
    `127.0.0.1:${httpPort}`,
    '--database',
    path.join(dir, 'mailpit.db'),
    '--enable-chaos',
    '--disable-version-check',
    '--smtp-disable-rdns',
  ];
  let child: ChildProcess | undefined;
  let output = '';

  const api = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${apiUrl}/api/v1/${route}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`Mailpit ${method} /api/v1/${route}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    return (text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
  };
  const summary = (m: ApiMessage & { Created?: string; Date?: string }): MailSummary => ({
    id: m.ID,
    messageId: m.MessageID,
    subject: m.Subject,
    from: m.From.Name ? `${m.From.Name} <${m.From.Address}>` : m.From.Address,
    to: (m.To ?? []).map((a) => a.Address),
    date: m.Date ?? m.Created ?? '',
  });

  const start = async () => {
    if (child && child.exitCode === null && child.signalCode === null) return;
    const proc = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    proc.stdout?.on('data', (d) => {
      output += d;
    });
    proc.stderr?.on('data', (d) => {
      output += d;
    });
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null)
        throw new Error(`Mailpit exited (${proc.exitCode ?? proc.signalCode}) while starting:\n${output.slice(-2000)}`);
      const ready = await fetch(`${apiUrl}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready && (await portOpen(smtpPort))) return;
      if (Date.now() > deadline) throw new Error(`Mailpit did not come up within 15 s:\n${output.slice(-2000)}`);
      await sleep(100);
    }
  };
  const stop = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  };

  const mailpit: Mailpit = {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    apiUrl,
    messages: async () => {
      const all: MailSummary[] = [];
      for (;;) {
        const page = await api<{ total: number; messages: ApiMessage[] }>(
          'GET',
          `messages?start=${all.length}&limit=100`,
        );
        all.push(...page.messages.map(summary));
        if (page.messages.length === 0 || all.length >= page.total) return all;
      }
    },
    message: async (id) => {
      const m = await api<ApiMessage & { Date: string; Text: string; HTML: string }>('GET', `message/${id}`);
      const headers = await api<Record<string, string[]>>('GET', `message/${id}/headers`);
      return { ...summary(m), text: m.Text, html: m.HTML, headers };
    },
    waitForMessages: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const all = await mailpit.messages();
        if (all.length >= count) return all;
        if (Date.now() > deadline)
          throw new Error(
            `Mailpit has ${all.length} messages, not ${count}, after ${timeoutMs} ms: ${JSON.stringify(all)}`,
          );
        await sleep(100);
      }
    },
    deleteAll: async () => {
      await api('DELETE', 'messages');
    },
    refuse: async ({ sender, recipient }) => {
      const trigger = (code?: number) => ({ ErrorCode: code ?? 451, Probability: code ? 100 : 0 });
      await api('PUT', 'chaos', { Sender: trigger(sender), Recipient: trigger(recipient), Authentication: trigger() });
    },
    stop,
    start,
    log: () => output,
    close: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await start();
  } catch (error) {
    await mailpit.close();
    throw error;
  }
  return mailpit;
}
