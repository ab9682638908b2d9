/**
 * The api's Prometheus metrics: a histogram of request durations by method, route template and
 * status code (templates and codes are bounded sets, so the series stay few), and prom-client's
 * default process metrics (CPU, memory, event-loop lag, GC, handles). Each app has a registry of
 * its own, so tests that build several apps in one process do not collide.
 */
import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Seconds; up to the 5 s a command waits for Temporal and past it (uploads, slow databases). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

@Injectable()
export class HttpMetricsService {
  private readonly registry = new Registry();
  private readonly duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of API requests, from arrival to the last byte of the answer',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  observe(method: string, route: string, statusCode: number, seconds: number): void {
    this.duration.observe({ method, route, status_code: String(statusCode) }, seconds);
  }

  /** The exposition text Prometheus scrapes, and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
