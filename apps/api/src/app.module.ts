import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '@ita/config/app-config';
import { APP_CONFIG, ConfigModule } from '@ita/config/config.module';
import { createJsonLogger } from '@ita/observability/json-logger';
import { PersistenceModule } from '@ita/persistence/persistence.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { EvidenceModule } from './evidence/evidence.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { MeasuresModule } from './measures/measures.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ObservabilityModule } from './observability/observability.module';
import { requestLogOptions } from './observability/request-log';
import { PlansModule } from './plans/plans.module';

export interface AppModuleOptions {
  /** Where the JSON log lines go (stdout when undefined); false: the app logs nothing (tests). */
  log: DestinationStream | undefined | false;
}

@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule,
        PersistenceModule,
        ObservabilityModule,
        IdempotencyModule,
        AuthModule,
        PlansModule,
        EvidenceModule,
        MeasuresModule,
        AuditModule,
        NotificationsModule,
        HealthModule,
        CalendarModule,
        ...(options.log === false ? [] : [requestLogging(options.log)]),
      ],
    };
  }
}

/**
 * nestjs-pino: the request log line (observability/request-log.ts), and every line logged while
 * a request is handled carries its request id.
 */
function requestLogging(destination: DestinationStream | undefined): DynamicModule {
  return LoggerModule.forRootAsync({
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => ({
      pinoHttp: requestLogOptions(createJsonLogger('api', config.observability.logLevel, destination)),
      forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    }),
  });
}
