/** The API process: HTTP on API_HOST:API_PORT, OpenAPI page at /api/docs, JSON log lines on stdout; SIGTERM closes it within SHUTDOWN_TIMEOUT_MS. */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { exitIfShutdownOverruns } from '@ita/config/bounded-shutdown';
import { loadConfig } from '@ita/config/app-config';
import { createJsonLogger } from '@ita/observability/json-logger';
import { createApp } from './app.factory';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  exitIfShutdownOverruns('api', config.shutdownTimeoutMs);
  const app = await createApp();
  await app.listen(config.api.port, config.api.host);
  new Logger('api').log(`listening on ${config.api.publicUrl}/api (OpenAPI: ${config.api.publicUrl}/api/docs)`);
}

bootstrap().catch((error) => {
  // Before the configuration is read there is no configured logger: a JSON line all the same.
  createJsonLogger('api', 'info').fatal({ err: error }, error instanceof Error ? error.message : String(error));
  process.exit(1);
});
