import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { currentRequestId } from '../request-context/request-context.js';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Levels at and above the given threshold, in Nest's order. */
export function levelsFrom(threshold: LogLevel): LogLevel[] {
  return LEVELS.slice(0, LEVELS.indexOf(threshold) + 1);
}

type JsonLogOptions = Parameters<ConsoleLogger['getJsonLogObject']>[1];

/**
 * One JSON object per line (Nest's own JSON mode), tagged with the service and the current
 * request id, so logs from all services can be joined on `requestId`.
 */
export class JsonLogger extends ConsoleLogger {
  constructor(
    private readonly service: string,
    threshold: LogLevel,
  ) {
    super(service, { json: true, logLevels: levelsFrom(threshold), colors: false });
  }

  protected override getJsonLogObject(message: unknown, options: JsonLogOptions): ReturnType<ConsoleLogger['getJsonLogObject']> {
    const entry = super.getJsonLogObject(message, options);
    const requestId = currentRequestId();
    return { ...entry, service: this.service, ...(requestId ? { requestId } : {}) };
  }
}
