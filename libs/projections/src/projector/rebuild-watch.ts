import type { Position } from '@praktijklus/event-store';
import type { Outcome, RebuildProgress, Slot } from './projector-types';

/** A rebuild in progress: counts what its projections applied and settles once they reach `head`. */
export class RebuildWatch {
  readonly finished: Promise<void>;
  private done = 0;
  private resolve!: () => void;
  private rejectWith!: (error: Error) => void;

  constructor(
    private readonly targets: readonly Slot[],
    private readonly head: Position,
    private readonly total: number | undefined,
    private readonly onProgress: RebuildProgress | undefined,
    private readonly comparePositions: (a: Position, b: Position) => number,
  ) {
    this.finished = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.rejectWith = reject;
    });
  }

  reject(error: Error): void {
    this.rejectWith(error);
  }

  /** After each committed batch: progress, a halt of a target (fails the rebuild), or done. */
  track(outcomes: readonly Outcome[]): void {
    const applied = outcomes
      .filter((outcome) => this.targets.includes(outcome.slot))
      .reduce((most, outcome) => Math.max(most, outcome.applied), 0);
    if (applied > 0) {
      this.done += applied;
      this.onProgress?.(this.done, this.total === undefined ? undefined : Math.max(this.total, this.done));
    }
    const halted = this.targets.find((slot) => slot.halted);
    if (halted) {
      this.reject(new Error(`${halted.projection.name} halted during the rebuild: ${halted.error ?? ''}`));
      return;
    }
    const done = this.targets.every(
      (slot) => slot.position !== null && this.comparePositions(slot.position, this.head) >= 0,
    );
    if (done) this.resolve();
  }
}
