/** One JSON object per line, for log shippers; callers pass no personal data (no names, ids of people, addresses). */
export type LogSink = (line: string) => void;

export const STDOUT_SINK: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

export const SILENT_SINK: LogSink = () => undefined;

export class StructuredLog {
  constructor(private readonly sink: LogSink = STDOUT_SINK) {}

  write(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown>): void {
    this.sink(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));
  }
}

export const STRUCTURED_LOG = Symbol('StructuredLog');
