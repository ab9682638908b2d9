/** Times every request that reaches the app and records it when the answer is finished (or the client goes away). */
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { HttpMetricsService } from './http-metrics.service';
import { routeOf } from './request-log';

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: HttpMetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const start = process.hrtime.bigint();
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      // The route is known only now: Express sets it when a route matches, after this middleware.
      this.metrics.observe(req.method, routeOf(req), res.statusCode, Number(process.hrtime.bigint() - start) / 1e9);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  }
}
