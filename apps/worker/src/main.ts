/** The worker process: a NestJS application context (no HTTP port) hosting the Temporal worker; SIGTERM drains it within SHUTDOWN_TIMEOUT_MS. */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { exitIfShutdownOverruns } from '../../../libs/config/src/bounded-shutdown';
import { loadConfig } from '../../../libs/config/src/app-config';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  exitIfShutdownOverruns('worker', loadConfig().shutdownTimeoutMs);
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
}

bootstrap().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
