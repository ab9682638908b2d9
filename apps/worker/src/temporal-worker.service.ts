/**
 * Hosts the Temporal worker inside the NestJS application context: created on bootstrap, run in
 * the background, drained and closed on shutdown (SIGTERM/SIGINT), so no task is left half-done.
 * Draining is bounded by SHUTDOWN_TIMEOUT_MS: running activities get half of it to finish, and
 * past most of it the worker stops waiting (with Temporal gone, its pollers may never return).
 * What is cut short is not lost: Temporal retries the activity and replays the workflow task.
 */
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { AppConfig } from '@ita/config/app-config';
import { APP_CONFIG } from '@ita/config/config.module';
import { WORKFLOWS_PATH } from '@ita/contracts/temporal-connection';
import { MeasureProjectionActivities } from './measure-projection.activities';
import { NotificationActivities } from './notification.activities';

/** Kept from the shutdown bound for closing the connection and the database after draining. */
const CLOSE_MARGIN_MS = 1500;

@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projection: MeasureProjectionActivities,
    private readonly notifications: NotificationActivities,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { address, namespace, taskQueue } = this.config.temporal;
    this.connection = await NativeConnection.connect({ address });
    const bound = this.config.shutdownTimeoutMs;
    this.worker = await Worker.create({
      connection: this.connection,
      namespace,
      taskQueue,
      workflowsPath: WORKFLOWS_PATH,
      activities: { ...this.projection.asActivities(), ...this.notifications.asActivities() },
      // After a worker dies, the server waits this long on its sticky queue before handing the
      // measure's next task to another worker: the default (10 s) outlasts a command's bound,
      // so every measure's first command after a crash would answer 503.
      stickyQueueScheduleToStartTimeout: '3s',
      shutdownGraceTime: Math.floor(bound / 2),
      // The rest of the bound is for closing the connection and the database.
      shutdownForceTime: Math.max(500, bound - CLOSE_MARGIN_MS),
    });
    this.running = this.worker.run();
    this.running.catch((error) => this.logger.error(`worker stopped: ${(error as Error).message}`));
    this.logger.log(`worker polling task queue "${taskQueue}" on ${address} (namespace ${namespace})`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.notifications.close();
    // After a forced stop the connection may still be held by the worker's native half: close it
    // if it will, but never wait on it.
    await Promise.race([
      this.connection
        ?.close()
        .catch((error) => this.logger.warn(`Temporal connection not closed: ${(error as Error).message}`)),
      new Promise((resolve) => setTimeout(resolve, CLOSE_MARGIN_MS / 2).unref()),
    ]);
  }
}
