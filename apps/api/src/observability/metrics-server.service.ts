/**
 * Serves GET /metrics on a listener of its own (METRICS_HOST:METRICS_PORT, loopback by default),
 * never on the public API port: the metrics say a lot about the system and nobody outside should
 * scrape them. Off unless METRICS_PORT is set. A port already taken fails the start-up, as the
 * API port would.
 */
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '@ita/config/app-config';
import { APP_CONFIG } from '@ita/config/config.module';
import { HttpMetricsService } from './http-metrics.service';

@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server?: http.Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: HttpMetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const listen = this.config.observability.apiMetrics;
    if (!listen) return;
    const server = http.createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(listen.port, listen.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const { address, port } = server.address() as AddressInfo;
    this.logger.log(`metrics on http://${address}:${port}/metrics`);
  }

  private async answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('only GET /metrics here\n');
      return;
    }
    try {
      const { contentType, body } = await this.metrics.scrape();
      res.writeHead(200, { 'Content-Type': contentType }).end(body);
    } catch (error) {
      this.logger.error(`metrics not collected: ${(error as Error).message}`);
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end('metrics not collected\n');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    // A scraper's keep-alive connection must not hold the shutdown.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
