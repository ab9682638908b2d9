/**
 * Times every request that reaches the app and records it when the answer is finished (or the
 * client goes away). Mounted with app.use() rather than as Nest middleware: Nest mounts a
 * prefixed wildcard middleware as an extra all-methods route on /api, which would be a route the
 * API does not serve.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HttpMetricsService } from './http-metrics.service';
import { routeOf } from './request-log';

export function httpMetricsMiddleware(metrics: HttpMetricsService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const start = process.hrtime.bigint();
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      // The route is known only now: Express sets it when a route matches, after this middleware.
      metrics.observe(req.method, routeOf(req), res.statusCode, Number(process.hrtime.bigint() - start) / 1e9);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}
