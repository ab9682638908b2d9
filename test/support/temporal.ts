/**
 * Real Temporal servers for tests: the Temporal CLI's dev server (scripts/test.sh passes the
 * pinned build in TEMPORAL_CLI_PATH). Without it the SDK downloads its own, where there is internet.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';

export function startDevServer(options: { dbFilename?: string } = {}): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_CLI_PATH;
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: path ? { type: 'existing-path', path } : undefined,
      ip: '127.0.0.1',
      dbFilename: options.dbFilename,
      log: { format: 'pretty', level: 'error' },
    },
  });
}

/**
 * The official Java time-skipping test server (scripts/test.sh passes it in
 * TEMPORAL_TEST_SERVER_PATH): timers fire as soon as nothing else is pending, so a whole fiscal
 * year of durable timers runs in seconds.
 */
export function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: path ? { type: 'existing-path', path } : undefined },
  });
}

/** A fiscal calendar compressed to `quarterMs` per quarter, starting `startInMs` from now. */
export function compressedCalendar(fiscalYearBE: number, quarterMs: number, startInMs = 500) {
  const t0 = Date.now() + startInMs;
  const at = (i: number) => new Date(t0 + i * quarterMs).toISOString();
  return {
    fiscalYearBE,
    start: at(0),
    end: at(4),
    quarters: ([1, 2, 3, 4] as const).map((quarter) => ({ quarter, start: at(quarter - 1), end: at(quarter) })),
  };
}
