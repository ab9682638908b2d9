/**
 * Command bodies are JSON in UTF-8. A body sent as anything else (text/plain, a form, JSON in
 * UTF-16) would reach the handlers empty or garbled and be refused for the wrong reason ("note:
 * is required"), so it is refused up front: 415, naming Content-Type. Bodiless requests (an
 * approval) need no Content-Type. The routes that take raw bytes (plan files, evidence) are
 * mounted before this and never reach it.
 */
import type { NextFunction, Request, Response } from 'express';

const HAS_BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

export function jsonBodyOnly(req: Request, res: Response, next: NextFunction): void {
  const length = Number(req.headers['content-length'] ?? 0);
  const hasBody = length > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!HAS_BODY_METHODS.has(req.method) || !hasBody) return next();
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  const json = /^application\/([\w.+-]*\+)?json\s*(;|$)/.test(type);
  const charset = /;\s*charset="?([^";\s]+)/.exec(type)?.[1];
  if (json && (charset === undefined || charset === 'utf-8')) return next();
  const message = json
    ? `the body is in ${charset}; send it in UTF-8 (Content-Type: application/json; charset=utf-8)`
    : `the body is ${type || 'of no stated type'}; send JSON (Content-Type: application/json)`;
  res
    .status(415)
    .json({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message, problems: [{ path: 'Content-Type', message }] });
}
