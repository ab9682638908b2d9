/**
 * The fault suite's HTTP client, behaving as a browser with a patient user: a command is sent
 * again, with the same Idempotency-Key, whenever it gets no answer (connection refused or reset,
 * a timeout), a 502/503/504, or a 409 saying the first request with its key is still being
 * answered (honouring Retry-After, capped), until it has a final answer or a bound runs out.
 * Reads are retried the same way.
 */
import { sleep } from '../../support/wait';
import type { Answer, FaultClient } from '../workload';

const RETRYABLE = new Set([502, 503, 504]);

export class RetryingClient implements FaultClient {
  /** Answers that were retried, by cause (e.g. "ECONNREFUSED", "503"). */
  readonly retries = new Map<string, number>();

  constructor(
    private readonly baseUrl: string,
    private readonly boundMs = 180_000,
    private readonly attemptMs = 20_000,
  ) {}

  get(path: string, token: string): Promise<Answer> {
    return this.send('GET', path, undefined, { Authorization: `Bearer ${token}` });
  }

  command(path: string, body: unknown, token: string, idempotencyKey: string): Promise<Answer & { attempts: number }> {
    return this.send('POST', path, body, { Authorization: `Bearer ${token}`, 'Idempotency-Key': idempotencyKey });
  }

  async login(username: string, password: string): Promise<string> {
    const answer = await this.send('POST', '/api/auth/login', { username, password }, {});
    if (answer.status !== 200)
      throw new Error(`sign-in of ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.accessToken;
  }

  private async send(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<Answer & { attempts: number }> {
    const deadline = Date.now() + this.boundMs;
    for (let attempts = 1; ; attempts++) {
      let cause: string;
      let wait = Math.min(2000, 100 * 2 ** Math.min(attempts, 5));
      try {
        const res = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.attemptMs),
        });
        const text = await res.text();
        const answer = text ? JSON.parse(text) : null;
        const inProgress = res.status === 409 && answer?.code === 'IDEMPOTENCY_KEY_IN_PROGRESS';
        if (!RETRYABLE.has(res.status) && !inProgress) return { status: res.status, body: answer, attempts };
        cause = inProgress ? '409 in progress' : String(res.status);
        const retryAfter = Number(res.headers.get('retry-after'));
        if (retryAfter > 0) wait = Math.min(2000, retryAfter * 1000);
      } catch (error) {
        const e = error as Error & { cause?: { code?: string } };
        cause = e.cause?.code ?? e.name;
      }
      this.retries.set(cause, (this.retries.get(cause) ?? 0) + 1);
      if (Date.now() + wait > deadline)
        return { status: 0, body: { error: `no answer within ${this.boundMs} ms (last: ${cause})` }, attempts };
      await sleep(wait);
    }
  }
}
