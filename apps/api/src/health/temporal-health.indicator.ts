/**
 * Readiness of what the API needs beyond its database: the Temporal server (it answers
 * GetSystemInfo) and a worker polling the measures' task queue. The server keeps a queue's
 * pollers for minutes after they are gone, each with the time it last polled, so "a worker is
 * there" means "one polled within READY_WORKER_POLL_SECONDS". Both go through the client's
 * bounded call(), so with Temporal down the check answers within TEMPORAL_COMMAND_TIMEOUT_MS.
 */
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import type { AppConfig } from '@ita/config/app-config';
import { APP_CONFIG } from '@ita/config/config.module';
import { DomainError, DomainErrorCode } from '@ita/domain/domain-error';
import { TemporalClientProvider } from '../measures/temporal-client.provider';

/** What call() names in the errors it maps: no workflow here. */
const READINESS = '(readiness)';

/** call()'s 503 is worded for a command ("a command may still take effect"); readiness says what it saw. */
function whyDown(error: unknown, config: AppConfig): string {
  if (error instanceof DomainError && error.code === DomainErrorCode.Unavailable) {
    return `Temporal at ${config.temporal.address} did not answer within ${config.temporal.commandTimeoutMs} ms`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The most recent poll among a task queue's pollers, in epoch ms; null when none ever polled. */
export function lastPollAt(pollers: ReadonlyArray<temporal.api.taskqueue.v1.IPollerInfo>): number | null {
  const times = pollers.map((p) => optionalTsToMs(p.lastAccessTime)).filter((t): t is number => t !== undefined);
  return times.length ? Math.max(...times) : null;
}

@Injectable()
export class TemporalHealthIndicator {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly temporal: TemporalClientProvider,
    private readonly health: HealthIndicatorService,
  ) {}

  async server<const Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const check = this.health.check(key);
    try {
      const info = await this.temporal.call(READINESS, (client) => client.workflowService.getSystemInfo({}));
      return check.up({ address: this.config.temporal.address, serverVersion: info.serverVersion });
    } catch (error) {
      return check.down({ address: this.config.temporal.address, message: whyDown(error, this.config) });
    }
  }

  async worker<const Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const check = this.health.check(key);
    const { namespace, taskQueue } = this.config.temporal;
    const maxAgeMs = this.config.observability.workerPollMaxAgeMs;
    try {
      const described = await this.temporal.call(READINESS, (client) =>
        client.workflowService.describeTaskQueue({
          namespace,
          taskQueue: { name: taskQueue },
          taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        }),
      );
      const last = lastPollAt(described.pollers ?? []);
      const ageMs = last === null ? null : Math.max(0, Date.now() - last);
      const seen = {
        taskQueue,
        pollers: described.pollers?.length ?? 0,
        lastPollAt: last === null ? null : new Date(last).toISOString(),
      };
      if (ageMs !== null && ageMs <= maxAgeMs) return check.up(seen);
      return check.down({
        ...seen,
        message: `no worker has polled task queue "${taskQueue}" in the last ${maxAgeMs / 1000} s`,
      });
    } catch (error) {
      return check.down({ taskQueue, message: `cannot tell: ${whyDown(error, this.config)}` });
    }
  }
}
