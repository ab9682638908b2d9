/** Request metrics for every route, and the separate listener that serves them to Prometheus. */
import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { HttpMetricsService } from './http-metrics.service';
import { MetricsServer } from './metrics-server.service';

@Module({
  providers: [HttpMetricsService, MetricsServer],
  exports: [HttpMetricsService],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
