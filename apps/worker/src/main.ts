/**
 * The worker process: a NestJS application context (no HTTP port) hosting the Temporal worker,
 * JSON log lines on stdout, the SDK's Prometheus metrics at WORKER_METRICS_ADDRESS when set;
 * SIGTERM drains it within SHUTDOWN_TIMEOUT_MS.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger, PinoLogger } from 'nestjs-pino';
import { exitIfShutdownOverruns } from '@ita/config/bounded-shutdown';
import { loadConfig } from '@ita/config/app-config';
import { createJsonLogger } from '@ita/observability/json-logger';
import { installTemporalRuntime } from './temporal-runtime';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  exitIfShutdownOverruns('worker', config.shutdownTimeoutMs);
  const logger = createJsonLogger('worker', config.observability.logLevel);
  // Before anything connects to Temporal: the runtime can be installed only once, and first.
  installTemporalRuntime(config, logger);
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    logger: new Logger(new PinoLogger({ pinoHttp: { logger } }), {}),
  });
  app.enableShutdownHooks();
}

bootstrap().catch((error) => {
  createJsonLogger('worker', 'info').fatal({ err: error }, error instanceof Error ? error.message : String(error));
  process.exit(1);
});
