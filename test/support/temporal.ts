/**
 * Real Temporal servers for tests: the Temporal CLI's dev server (scripts/test.sh passes the
 * pinned build in TEMPORAL_CLI_PATH). Without it the SDK downloads its own, where there is internet.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { compressedFiscalCalendar } from '@ita/domain/fiscal-calendar';
import { pinnedBinary } from './pinned-binary';

export function startDevServer(
  options: { dbFilename?: string; extraArgs?: string[] } = {},
): Promise<TestWorkflowEnvironment> {
  const path = pinnedBinary('TEMPORAL_CLI_PATH', 'temporal_cli_path');
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: path ? { type: 'existing-path', path } : undefined,
      ip: '127.0.0.1',
      dbFilename: options.dbFilename,
      log: { format: 'pretty', level: 'error' },
      extraArgs: options.extraArgs,
    },
  });
}

/**
 * The official Java time-skipping test server (scripts/test.sh passes it in
 * TEMPORAL_TEST_SERVER_PATH): timers fire as soon as nothing else is pending, so a whole fiscal
 * year of durable timers runs in seconds.
 */
export function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const path = pinnedBinary('TEMPORAL_TEST_SERVER_PATH', 'temporal_test_server_path');
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: path ? { type: 'existing-path', path } : undefined },
  });
}

/** A fiscal calendar compressed to `quarterMs` per quarter, starting `startInMs` from now. */
export function compressedCalendar(fiscalYearBE: number, quarterMs: number, startInMs = 500) {
  return compressedFiscalCalendar(fiscalYearBE, new Date(Date.now() + startInMs), quarterMs);
}
