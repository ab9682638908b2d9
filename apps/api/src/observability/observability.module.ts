/** Request metrics (recorded by httpMetricsMiddleware, which createApp mounts), and the separate listener that serves them to Prometheus. */
import { Module } from '@nestjs/common';
import { HttpMetricsService } from './http-metrics.service';
import { MetricsServer } from './metrics-server.service';

@Module({
  providers: [HttpMetricsService, MetricsServer],
  exports: [HttpMetricsService],
})
export class ObservabilityModule {}
