/**
 * A bound on shutdown, for the api and the worker alike (SHUTDOWN_TIMEOUT_MS). On SIGTERM or
 * SIGINT Nest closes the app gracefully (enableShutdownHooks: the worker drains, connections
 * close); should that not be over within the bound (Temporal gone, a poll or a request that does
 * not end), the process exits anyway, saying so, instead of hanging until an orchestrator kills it.
 */
export function exitIfShutdownOverruns(name: string, timeoutMs: number): void {
  const signals = ['SIGTERM', 'SIGINT'] as const;
  const arm = (signal: NodeJS.Signals) => {
    signals.forEach((s) => process.removeListener(s, arm));
    // A signal before the app has hooked its graceful close (still starting): the default, at once.
    if (process.listenerCount(signal) === 0) {
      process.kill(process.pid, signal);
      return;
    }
    // unref: a graceful close that finishes in time ends the process as usual.
    setTimeout(() => {
      console.error(`[${name}] still shutting down after ${timeoutMs} ms; exiting now`);
      process.exit(1);
    }, timeoutMs).unref();
  };
  signals.forEach((s) => process.once(s, arm));
}
