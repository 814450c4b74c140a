import type { ProjectionStatus, ReadModelsDamage } from '@praktijklus/projections';

export interface ReadModelsRecovery extends ReadModelsDamage {
  /** When the damage was found (ISO 8601). */
  at: string;
}

/** The read-model file as `/ready` shows it; anything but `ok` makes the instance unready. */
export type ReadModelsReport =
  | { status: 'ok'; lastRecovery?: ReadModelsRecovery }
  | { status: 'damaged'; reason: string }
  | ({ status: 'rebuilding' } & ReadModelsRecovery);

/**
 * Whether the read-model file is sound, found damaged, or being rebuilt from the log after it was
 * moved aside; the projector reports damage here and the owner of the file repairs it.
 */
export class ReadModelsCondition {
  private damage: string | undefined;
  private recovery: ReadModelsRecovery | undefined;
  private rebuilding = false;
  private listener: ((reason: string) => void) | undefined;

  /** Neither known damaged nor being rebuilt. */
  get sound(): boolean {
    return this.damage === undefined && !this.rebuilding;
  }

  whenDamaged(listener: (reason: string) => void): void {
    this.listener = listener;
  }

  damaged(reason: string): void {
    if (this.damage !== undefined) return;
    this.damage = reason;
    this.listener?.(reason);
  }

  /** The damaged file was moved aside; an empty one is being filled from the log. */
  rebuildingAfter(recovery: ReadModelsRecovery): void {
    this.damage = undefined;
    this.recovery = recovery;
    this.rebuilding = true;
  }

  /** A rebuild ends once every projection has caught up with the log. */
  report(projections: readonly ProjectionStatus[]): ReadModelsReport {
    if (this.damage !== undefined) return { status: 'damaged', reason: this.damage };
    if (this.rebuilding && projections.every((projection) => projection.status === 'running')) {
      this.rebuilding = false;
    }
    if (this.rebuilding && this.recovery) return { status: 'rebuilding', ...this.recovery };
    return this.recovery ? { status: 'ok', lastRecovery: this.recovery } : { status: 'ok' };
  }
}
