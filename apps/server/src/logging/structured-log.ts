import type { Logger } from 'pino';
import { createLogger, lineDestination } from './logger';

/** One JSON object per line, for log shippers; callers pass no personal data (no names, ids of people, addresses). */
export type LogSink = (line: string) => void;

export const STDOUT_SINK: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

export const SILENT_SINK: LogSink = () => undefined;

/**
 * Named events (`authorization_refused`, `clock_behind_stream`, ...) on the application's pino
 * logger: `{ time, level, event, ...fields }`, the shape log queries and tests rely on.
 */
export class StructuredLog {
  private readonly logger: Logger;

  constructor(target: Logger | LogSink = STDOUT_SINK) {
    this.logger =
      typeof target === 'function'
        ? createLogger({ logFormat: 'json', logLevel: 'info' }, lineDestination(target))
        : target;
  }

  write(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown>): void {
    this.logger[level]({ event, ...fields });
  }
}

export const STRUCTURED_LOG = Symbol('StructuredLog');
