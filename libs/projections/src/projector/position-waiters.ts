import type { Position } from '@praktijklus/event-store';

interface Waiter {
  position: Position;
  resolve(reached: boolean): void;
  timer: NodeJS.Timeout;
}

/** Callers waiting for the projections to reach a log position (read-your-writes), each with a time limit. */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  /** Resolves true once `settleReached` finds its position reached, false after `timeoutMs`. */
  wait(position: Position, timeoutMs: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        position,
        resolve,
        timer: setTimeout(() => this.settle(waiter, false), timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  settleReached(reached: (position: Position) => boolean): void {
    for (const waiter of [...this.waiters]) {
      if (reached(waiter.position)) this.settle(waiter, true);
    }
  }

  /** Everybody still waiting is answered false (the projector stopped). */
  settleAll(): void {
    for (const waiter of [...this.waiters]) this.settle(waiter, false);
  }

  private settle(waiter: Waiter, reached: boolean): void {
    if (!this.waiters.delete(waiter)) return;
    clearTimeout(waiter.timer);
    waiter.resolve(reached);
  }
}
