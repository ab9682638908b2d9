/**
 * The Temporal SDK's process-wide runtime, installed once before the worker connects: the SDK's
 * log lines become JSON lines of the worker's logger (its native core's warnings are JSON too),
 * and with WORKER_METRICS_ADDRESS set the SDK's Prometheus exporter serves the worker's metrics
 * (temporal_*: polls, task latencies, slots, sticky cache) at /metrics there.
 */
import type { LogLevel as TemporalLogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import { Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { AppConfig } from '@ita/config/app-config';

const LEVELS: Record<TemporalLogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** The SDK's Logger interface over pino; an `error` in the metadata is logged as pino's `err` (with its stack). */
export class PinoTemporalLogger implements TemporalLogger {
  constructor(private readonly pino: Logger) {}

  log(level: TemporalLogLevel, message: string, meta: LogMetadata = {}): void {
    const { error, ...rest } = meta as { error?: unknown };
    this.pino[LEVELS[level] ?? 'info'](
      { ...rest, ...(error instanceof Error ? { err: error } : error !== undefined ? { error } : {}) },
      message,
    );
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

export function installTemporalRuntime(config: AppConfig, logger: Logger): Runtime {
  const metricsAddress = config.observability.workerMetricsAddress;
  return Runtime.install({
    logger: new PinoTemporalLogger(logger.child({ context: 'Temporal' })),
    telemetryOptions: {
      // The native core's own lines (its default filter: warnings and errors) as JSON on the
      // console. Forwarding them to the logger above would hold every SDK line for 100 ms to sort
      // them, and lose the last ones when the process exits.
      logging: { filter: { core: 'WARN', other: 'ERROR' }, console: { format: 'json' } },
      ...(metricsAddress ? { metrics: { prometheus: { bindAddress: metricsAddress } } } : {}),
    },
  });
}
