/** Small helpers for tests that watch real servers. */
import type { Response } from 'superagent';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/**
 * Retries `check` until it passes or `timeoutMs` runs out (then its last error is thrown, with
 * `log()` appended when it has something to say, e.g. a worker process's output).
 */
export async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = 10_000,
  log: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) {
        if (log()) (error as Error).message += `\n--- log ---\n${log().slice(-3000)}`;
        throw error;
      }
      await sleep(200);
    }
  }
}

/** supertest parser that keeps a response body as raw bytes (`.buffer(true).parse(rawBody)`). */
export function rawBody(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
