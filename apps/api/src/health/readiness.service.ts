/**
 * Whether this API can do its work now: its database answers, the Temporal server answers and a
 * worker polls the task queue. The checks run side by side; the answer names each component as up
 * or down (terminus' shape). A change of verdict is logged once, not on every probe.
 */
import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@ita/config/app-config';
import { APP_CONFIG } from '@ita/config/config.module';
import { TemporalHealthIndicator } from './temporal-health.indicator';

export interface Readiness {
  ready: boolean;
  result: HealthCheckResult;
}

@Injectable()
export class ReadinessService {
  private readonly logger = new Logger('Readiness');
  private lastVerdict?: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
    private readonly dataSource: DataSource,
  ) {}

  async check(): Promise<Readiness> {
    let readiness: Readiness;
    try {
      readiness = {
        ready: true,
        result: await this.health.check([
          () =>
            this.database.pingCheck('database', {
              connection: this.dataSource,
              timeout: this.config.temporal.commandTimeoutMs,
            }),
          () => this.temporal.server('temporal'),
          () => this.temporal.worker('worker'),
        ]),
      };
    } catch (error) {
      // terminus answers "not ready" by throwing its result as a 503.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      readiness = { ready: false, result: error.getResponse() as HealthCheckResult };
    }
    this.logChange(readiness);
    return readiness;
  }

  private logChange({ ready, result }: Readiness): void {
    const down = Object.entries(result.error ?? {}).map(
      ([key, detail]) => `${key}: ${String((detail as { message?: unknown }).message ?? 'down')}`,
    );
    const verdict = ready ? 'ready' : `not ready (${down.join('; ')})`;
    if (verdict === this.lastVerdict) return;
    if (ready) this.logger.log(verdict);
    else this.logger.warn(verdict);
    this.lastVerdict = verdict;
  }
}
