import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const logger = new Logger('HTTP');

/**
 * One line per request: method, path (no query string, which may carry personal data),
 * status and duration. Health probes are left out to keep the log readable.
 */
export function accessLogMiddleware(req: Request, res: Response, next: NextFunction): void {
  if (req.path.startsWith('/health/')) return next();
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    logger.log(`${req.method} ${req.path} ${res.statusCode} ${durationMs.toFixed(1)}ms`);
  });
  next();
}
