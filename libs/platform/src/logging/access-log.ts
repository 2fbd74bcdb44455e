import { Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathOf } from '../request-context/request-path.js';

const logger = new Logger('HTTP');

/**
 * One line per request: method, path (no query string, which may carry personal data),
 * status and duration. Health probes are left out to keep the log readable.
 */
export function accessLogMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const path = pathOf(req);
  if (path.startsWith('/health/')) return next();
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    logger.log(`${req.method} ${path} ${res.statusCode} ${durationMs.toFixed(1)}ms`);
  });
  next();
}
