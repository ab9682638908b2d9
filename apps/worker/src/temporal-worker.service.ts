/**
 * Hosts the Temporal worker inside the NestJS application context: created on bootstrap, run in
 * the background, drained and closed on shutdown (SIGTERM/SIGINT), so no task is left half-done.
 */
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { AppConfig } from '../../../libs/config/src/app-config';
import { APP_CONFIG } from '../../../libs/config/src/config.module';
import { WORKFLOWS_PATH } from '../../../libs/contracts/src/temporal-connection';
import { MeasureProjectionActivities } from './measure-projection.activities';

@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projection: MeasureProjectionActivities,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { address, namespace, taskQueue } = this.config.temporal;
    this.connection = await NativeConnection.connect({ address });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace,
      taskQueue,
      workflowsPath: WORKFLOWS_PATH,
      activities: this.projection.asActivities(),
    });
    this.running = this.worker.run();
    this.running.catch((error) => this.logger.error(`worker stopped: ${(error as Error).message}`));
    this.logger.log(`worker polling task queue "${taskQueue}" on ${address} (namespace ${namespace})`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}
