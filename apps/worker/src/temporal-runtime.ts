/**
 * The Temporal SDK's process-wide runtime, installed once before the worker connects: its log
 * lines (the SDK's own and, forwarded, its native core's warnings) become JSON lines of the
 * worker's logger, and with WORKER_METRICS_ADDRESS set the SDK's Prometheus exporter serves the
 * worker's metrics (temporal_*: polls, task latencies, slots, sticky cache) at /metrics there.
 */
import type { LogLevel as TemporalLogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import { Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { AppConfig } from '../../../libs/config/src/app-config';

const LEVELS: Record<TemporalLogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/** The SDK's Logger interface over pino; an `error` in the metadata is logged as pino's `err` (with its stack). */
export class PinoTemporalLogger implements TemporalLogger {
  constructor(private readonly pino: Logger) {}

  log(level: TemporalLogLevel, message: string, meta: LogMetadata = {}): void {
    const { error, ...rest } = meta as { error?: unknown };
    this.pino[LEVELS[level] ?? 'info']({ ...rest, ...(error instanceof Error ? { err: error } : error !== undefined ? { error } : {}) }, message);
  }
  trace(message: string, meta?: LogMetadata): void { this.log('TRACE', message, meta); }
  debug(message: string, meta?: LogMetadata): void { this.log('DEBUG', message, meta); }
  info(message: string, meta?: LogMetadata): void { this.log('INFO', message, meta); }
  warn(message: string, meta?: LogMetadata): void { this.log('WARN', message, meta); }
  error(message: string, meta?: LogMetadata): void { this.log('ERROR', message, meta); }
}

export function installTemporalRuntime(config: AppConfig, logger: Logger): Runtime {
  const metricsAddress = config.observability.workerMetricsAddress;
  return Runtime.install({
    logger: new PinoTemporalLogger(logger.child({ context: 'Temporal' })),
    telemetryOptions: {
      // The core's own default filter, forwarded to the logger above instead of printed as text.
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      ...(metricsAddress ? { metrics: { prometheus: { bindAddress: metricsAddress } } } : {}),
    },
  });
}
