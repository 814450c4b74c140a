import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { Settings } from '@praktijklus/config';

/** Headers and fields that must never reach a log line, whoever logs the request or reply. */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/** One shape for every line: ISO time, level as a word, no host or pid (the shipper adds those). */
export function loggerOptions(level: Settings['logLevel']): LoggerOptions {
  return {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
}

/**
 * The process's one logger: JSON lines on stdout, or pino-pretty's readable lines when
 * LOG_FORMAT=pretty (a developer's terminal). Tests pass their own destination.
 */
export function createLogger(
  settings: Pick<Settings, 'logFormat' | 'logLevel'>,
  destination?: DestinationStream,
): Logger {
  const options = loggerOptions(settings.logLevel);
  if (destination !== undefined) return pino(options, destination);
  if (settings.logFormat === 'pretty') {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return pino(options, pino.destination({ fd: 1, sync: false }));
}

/** A destination that hands each line, without its newline, to `sink` (tests, log capture). */
export function lineDestination(sink: (line: string) => void): DestinationStream {
  return { write: (chunk: string) => sink(chunk.replace(/\n$/, '')) };
}
