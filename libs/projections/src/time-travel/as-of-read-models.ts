import type { Database } from 'better-sqlite3';
import type { EventStore, Position, RecordedEvent } from '@praktijklus/event-store';
import type { Projection } from '../projection';
import { openReadModels } from '../read-models';
import type { HistoryReadModels } from './history-read-models';
import { type Snapshot, type SnapshotStore, versionsOf } from './snapshot-store';

export interface AsOfReadModelsOptions {
  store: EventStore;
  snapshots: SnapshotStore;
  /** A fresh set of every projection (they keep per-batch state, so each cut gets its own). */
  projections: () => Projection[];
  /** Cuts held open at once (one per snapshot); the least recently used idle one is let go. */
  openCuts: number;
  /** Page cache of each open cut, MiB. Default 64: a replay's pages stay in memory rather than spill to its WAL. */
  cacheMiB?: number;
  /**
   * Events read from the log and applied at a time while replaying, default 10,000: each projection
   * flushes once per page (the full-text index, the statistics), so larger pages replay faster.
   */
  pageSize?: number;
  /**
   * Longest stretch, ms, a replay runs before it lets the event loop serve other requests, default
   * 20. A new moment a million signals deep replays for seconds: without these pauses every other
   * request of the process (intake, health checks) would wait for it.
   */
  sliceMs?: number;
  /**
   * Time travel's history, when one is kept: a question it can answer is answered from it, without
   * a replay; the others (a moment it has not reached yet) replay from a snapshot.
   */
  history?: HistoryReadModels;
  /** Told of each question the history answered (metrics). */
  onHistoryAnswer?: () => void;
  /** Told after each question that had to replay: how many events, in how many seconds (metrics). */
  onReplay?: (replay: { events: number; seconds: number }) => void;
}

/** Events read from the log at once while filling a page: one read holds the event loop too. */
const LOG_CHUNK = 2_000;

/** Lets the event loop run once a slice of replay has used its time. */
class Slicer {
  private since = performance.now();

  /** `closed`: time travel was closed meanwhile (shutdown), so the replay stops at its next pause. */
  constructor(
    private readonly sliceMs: number,
    private readonly closed: () => boolean,
  ) {}

  /** True once this slice has run `sliceMs`: the caller then awaits `pause`. */
  get due(): boolean {
    return performance.now() - this.since >= this.sliceMs;
  }

  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.closed()) throw new Error('time travel is closed');
    this.since = performance.now();
  }
}

interface Slot {
  projection: Projection;
  /** Its checkpoint in the snapshot; then the last event applied to it. */
  position: Position | null;
  halted: boolean;
}

interface CheckpointRow {
  name: string;
  position: string | null;
  status: string;
}

/**
 * A snapshot opened with one write transaction that is never committed: the log's events after
 * the snapshot, up to the cut, are applied inside it, so the queries of that connection see the
 * read models as they stood at the cut while the file itself stays the snapshot (a crash leaves
 * only uncommitted frames in its write-ahead log, which SQLite ignores).
 */
class Cut {
  readonly db: Database;
  slots: Slot[] = [];
  /** The last event applied (or the snapshot's), where the next replay reads from. */
  position: Position | null;
  /** `recordedAt` of that event, epoch ms. */
  atMs: number;
  /** `recordedAt` of the first event not applied, when it was read; undefined: the log ended there. */
  nextMs: number | undefined;
  lastUsed = 0;
  doomed = false;
  private queue: Promise<unknown> = Promise.resolve();
  private busy = 0;

  constructor(
    readonly snapshot: Snapshot,
    private readonly makeProjections: () => Projection[],
    cacheMiB: number,
  ) {
    this.db = openReadModels(snapshot.file, { cacheMiB });
    this.position = snapshot.position;
    this.atMs = snapshot.recordedAtMs;
    this.nextMs = undefined;
    this.begin();
  }

  get idle(): boolean {
    return this.busy === 0;
  }

  /** Runs `work` after every earlier one on this cut: one replay or query at a time. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.busy += 1;
    const run = this.queue.then(work, work);
    this.queue = run.then(
      () => this.done(),
      () => this.done(),
    );
    return run;
  }

  /** Back to the snapshot: the replay is rolled back. */
  reset(): void {
    this.db.exec('ROLLBACK');
    for (const slot of this.slots) slot.projection.discard?.();
    this.position = this.snapshot.position;
    this.atMs = this.snapshot.recordedAtMs;
    this.nextMs = undefined;
    this.begin();
  }

  /**
   * Applies events (ordered by position, all after `position`) to every projection not halted,
   * pausing whenever `slicer` says so; nothing else uses this cut meanwhile (`exclusive`).
   */
  async apply(
    events: readonly RecordedEvent[],
    compare: (a: Position, b: Position) => number,
    slicer: Slicer,
  ): Promise<void> {
    if (events.length === 0) return;
    for (const slot of this.slots) {
      if (slot.halted) continue;
      let touched = false;
      for (const event of events) {
        if (slot.position !== null && compare(event.position, slot.position) <= 0) continue;
        slot.projection.apply(this.db, event);
        slot.position = event.position;
        touched = true;
        if (slicer.due) await slicer.pause();
      }
      if (touched) slot.projection.flush?.(this.db);
      if (slicer.due) await slicer.pause();
    }
    const last = events[events.length - 1];
    this.position = last.position;
    this.atMs = Date.parse(last.recordedAt);
  }

  close(): void {
    if (!this.db.open) return;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    for (const slot of this.slots) slot.projection.discard?.();
    this.db.close();
  }

  private begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
    const rows = this.db
      .prepare<[], CheckpointRow>('SELECT name, position, status FROM projector_checkpoints')
      .all();
    this.slots = this.makeProjections().map((projection) => {
      // Idempotent on the snapshot's tables; makes this connection's temporary ones.
      projection.migrate(this.db);
      const row = rows.find((candidate) => candidate.name === projection.name);
      return { projection, position: row?.position ?? null, halted: row?.status === 'halted' };
    });
  }

  private done(): void {
    this.busy -= 1;
    if (this.doomed && this.busy === 0) this.close();
  }
}

/**
 * Time travel: the read models as they stood at a moment, from the events recorded up to it:
 * from the history (`history.ts`) when it holds the moment; otherwise the newest snapshot taken
 * at or before the moment is opened, and the events after it whose `recordedAt` is not later are
 * replayed into an uncommitted transaction on it (the log's `recordedAt` never decreases with the
 * position: the SQLite store's RecordingClock). A cut stays open for the next query: one at the
 * same or a later moment only replays what lies between.
 */
export class AsOfReadModels {
  private readonly cuts = new Map<string, Cut>();
  private readonly versions: string;
  private readonly pageSize: number;
  private readonly sliceMs: number;
  private closed = false;

  constructor(private readonly options: AsOfReadModelsOptions) {
    this.versions = versionsOf(options.projections());
    this.pageSize = Math.max(1, Math.floor(options.pageSize ?? 10_000));
    this.sliceMs = Math.max(0, options.sliceMs ?? 20);
    options.snapshots.onRemoval((file) => this.release(file));
  }

  /**
   * Runs `query` against the read models as they stood at `at`, with `at` as the clock its
   * time-dependent facts are judged by. The query runs synchronously on a connection no other
   * query uses meanwhile.
   */
  read<T>(at: Date, query: (db: Database, now: Date) => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('time travel is closed'));
    try {
      const answered = this.options.history?.read(at, query);
      if (answered !== undefined) {
        this.options.onHistoryAnswer?.();
        return Promise.resolve(answered.answer);
      }
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const atMs = at.getTime();
    const cut = this.cutFor(atMs);
    return cut.exclusive(async () => {
      await this.moveTo(cut, atMs);
      cut.lastUsed = performance.now();
      return query(cut.db, at);
    });
  }

  /** Lets every cut go (at shutdown). */
  close(): void {
    this.closed = true;
    this.options.history?.close();
    for (const cut of this.cuts.values()) {
      cut.doomed = true;
      if (cut.idle) cut.close();
    }
    this.cuts.clear();
  }

  private cutFor(atMs: number): Cut {
    const candidates = this.options.snapshots
      .list()
      .filter((snapshot) => snapshot.versions === this.versions && snapshot.recordedAtMs <= atMs);
    const snapshot =
      candidates.length > 0
        ? candidates[candidates.length - 1]
        : this.options.snapshots.emptyBase(this.options.projections());
    const open = this.cuts.get(snapshot.file);
    if (open && !open.doomed) return open;
    this.makeRoom();
    const cut = new Cut(snapshot, this.options.projections, this.options.cacheMiB ?? 64);
    this.cuts.set(snapshot.file, cut);
    return cut;
  }

  /** Below `openCuts`: the least recently used idle cuts are closed. */
  private makeRoom(): void {
    const limit = Math.max(1, this.options.openCuts);
    const idle = [...this.cuts.values()].filter((cut) => cut.idle).sort((a, b) => a.lastUsed - b.lastUsed);
    while (this.cuts.size >= limit && idle.length > 0) {
      const cut = idle.shift();
      if (!cut) break;
      cut.close();
      this.cuts.delete(cut.snapshot.file);
    }
  }

  private release(file: string): void {
    const cut = this.cuts.get(file);
    if (!cut) return;
    this.cuts.delete(file);
    cut.doomed = true;
    if (cut.idle) cut.close();
  }

  /** Replays (or rolls back and replays) until the cut holds every event recorded up to `atMs`. */
  private async moveTo(cut: Cut, atMs: number): Promise<void> {
    const started = performance.now();
    if (cut.atMs > atMs) cut.reset();
    if (cut.nextMs !== undefined && cut.nextMs > atMs) return;
    const { store } = this.options;
    const compare = (a: Position, b: Position): number => store.comparePositions(a, b);
    const slicer = new Slicer(this.sliceMs, () => this.closed);
    let replayed = 0;
    try {
      for (;;) {
        const { page, ended } = await this.readPage(cut.position, slicer);
        const later = page.findIndex((event) => Date.parse(event.recordedAt) > atMs);
        const due = later === -1 ? page : page.slice(0, later);
        await cut.apply(due, compare, slicer);
        replayed += due.length;
        if (later !== -1 || ended) {
          cut.nextMs = later === -1 ? undefined : Date.parse(page[later].recordedAt);
          break;
        }
      }
    } catch (error) {
      // A replay that failed half-way is not a state of the log: start that cut over next time
      // (a doomed cut has no next time: it is closed once idle).
      if (!cut.doomed) cut.reset();
      throw error;
    }
    if (replayed > 0)
      this.options.onReplay?.({ events: replayed, seconds: (performance.now() - started) / 1000 });
  }

  /** The next `pageSize` events after `from`, read in chunks with pauses between; `ended`: the log did. */
  private async readPage(
    from: Position | null,
    slicer: Slicer,
  ): Promise<{ page: RecordedEvent[]; ended: boolean }> {
    const page: RecordedEvent[] = [];
    let after = from;
    while (page.length < this.pageSize) {
      const limit = Math.min(LOG_CHUNK, this.pageSize - page.length);
      const chunk = await this.options.store.readAll({ ...(after === null ? {} : { from: after }), limit });
      page.push(...chunk);
      if (chunk.length < limit) return { page, ended: true };
      after = chunk[chunk.length - 1].position;
      if (slicer.due) await slicer.pause();
    }
    return { page, ended: false };
  }
}
