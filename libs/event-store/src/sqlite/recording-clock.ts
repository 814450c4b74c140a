/**
 * The time an append is recorded at: the clock's, but never before the last event of the log, so
 * a clock that stepped back cannot reorder the history. The step back is reported, not hidden.
 */
export class RecordingClock {
  constructor(
    private readonly clock: () => number = Date.now,
    private readonly onClockBehind?: (behindMs: number) => void,
  ) {}

  /** The ISO time to record at, given the last recorded event's time (undefined: an empty log). */
  timeAfter(lastRecordedAt: string | undefined): string {
    const now = this.clock();
    const last = Date.parse(lastRecordedAt ?? '');
    if (Number.isNaN(last) || now >= last) return new Date(now).toISOString();
    this.onClockBehind?.(last - now);
    return new Date(last).toISOString();
  }
}
