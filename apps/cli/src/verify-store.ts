import Database from 'better-sqlite3';
import type { EventStore, Position } from '@praktijklus/event-store';

export interface VerificationReport {
  events: number;
  streams: number;
  problems: string[];
}

const PAGE_SIZE = 1000;
const MAX_PROBLEMS = 100;

/**
 * Walks the whole log through the port: positions strictly increasing, event ids unique, each
 * stream's revisions 0, 1, 2, ... without gap or repeat, and the metadata every event must carry.
 */
export async function verifyStore(
  store: EventStore,
  onProgress: (events: number) => void = () => undefined,
): Promise<VerificationReport> {
  const problems: string[] = [];
  const report = (problem: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  const nextRevision = new Map<string, number>();
  const seenIds = new Set<string>();
  let previous: Position | undefined;
  let events = 0;

  for (;;) {
    const page = await store.readAll({
      ...(previous !== undefined ? { from: previous } : {}),
      limit: PAGE_SIZE,
    });
    if (page.length === 0) break;
    for (const event of page) {
      if (previous !== undefined && store.comparePositions(previous, event.position) >= 0) {
        report(`position ${event.position} does not follow ${previous}`);
      }
      if (seenIds.has(event.id)) report(`event id ${event.id} appears twice (position ${event.position})`);
      seenIds.add(event.id);
      const expected = nextRevision.get(event.streamId) ?? 0;
      if (event.revision !== expected) {
        report(`stream ${event.streamId}: revision ${event.revision} where ${expected} was expected`);
      }
      nextRevision.set(event.streamId, event.revision + 1);
      const metadata = event.metadata as Partial<typeof event.metadata> | undefined;
      if (!metadata?.actor?.sub || !metadata.actor.authority || typeof metadata.correlationId !== 'string') {
        report(`event at position ${event.position} lacks actor or correlation id in its metadata`);
      }
      if (Number.isNaN(Date.parse(event.recordedAt))) {
        report(`event at position ${event.position} has no valid recording time`);
      }
      previous = event.position;
      events++;
    }
    onProgress(events);
    if (page.length < PAGE_SIZE) break;
  }
  return { events, streams: nextRevision.size, problems };
}

/** SQLite's own check of the file: pages, indexes and constraints. Empty when sound. */
export function sqliteIntegrityProblems(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((r) => r.integrity_check).filter((message) => message !== 'ok');
  } finally {
    db.close();
  }
}
