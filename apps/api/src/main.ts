/** The API process: HTTP on API_HOST:API_PORT, OpenAPI page at /api/docs; SIGTERM closes it within SHUTDOWN_TIMEOUT_MS. */
import 'reflect-metadata';
import { exitIfShutdownOverruns } from '../../../libs/config/src/bounded-shutdown';
import { loadConfig } from '../../../libs/config/src/app-config';
import { createApp } from './app.factory';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  exitIfShutdownOverruns('api', config.shutdownTimeoutMs);
  const app = await createApp();
  await app.listen(config.api.port, config.api.host);
  console.log(`[api] listening on ${config.api.publicUrl}/api (OpenAPI: ${config.api.publicUrl}/api/docs)`);
}

bootstrap().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
