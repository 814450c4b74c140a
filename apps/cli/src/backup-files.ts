import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SECRET_FILE_NAME } from '@praktijklus/auth';
import { EVENTS_FILE, PERSONAL_DATA_FILE } from '@praktijklus/config';
import { PRIVATE_FILE_MODE, serializeSqlitePosition } from '@praktijklus/event-store';
import { REACTOR_FILE } from '@praktijklus/reactor';

/** The server's idempotency records (apps/server's IDEMPOTENCY_FILE; the CLI may not import the server). */
export const IDEMPOTENCY_FILE = 'idempotency.sqlite';
export const MANIFEST_FILE = 'manifest.json';

/**
 * What a backup holds, in the order it is taken. Each file is copied on its own, so the order is
 * what keeps them consistent with one another while the server writes:
 * - idempotency records before the log: a record is saved after its events, so every record
 *   copied answers for events that are in the copied log;
 * - the reactor before the log: its checkpoint is then never ahead of the copied log;
 * - personal data after the log: a name is stored before the event that refers to it, and an
 *   erasure after the copy of the log shows as erased, never as a name coming back.
 * Read models are not copied: they are rebuilt from the log.
 */
export const BACKED_UP_DATABASES = [IDEMPOTENCY_FILE, REACTOR_FILE, EVENTS_FILE, PERSONAL_DATA_FILE] as const;

export interface ManifestFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: 'praktijklus-backup/1';
  createdAt: string;
  /** The last position in the copied log (null: an empty log). */
  headPosition: string | null;
  events: number;
  files: ManifestFile[];
}

/** SQLite's online backup API: a consistent copy while other processes keep writing. */
export async function backUpDatabase(source: string, target: string): Promise<void> {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target);
  } finally {
    db.close();
  }
  // The copy keeps the source's WAL mode; a rollback journal leaves it one self-contained file.
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  chmodSync(target, PRIVATE_FILE_MODE);
}

export function copyPrivateFile(source: string, target: string): void {
  copyFileSync(source, target);
  chmodSync(target, PRIVATE_FILE_MODE);
}

export function describeFile(dir: string, name: string): ManifestFile {
  const path = join(dir, name);
  return {
    name,
    bytes: statSync(path).size,
    sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
  };
}

export function logHead(eventsFile: string): { headPosition: string | null; events: number } {
  const db = new Database(eventsFile, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT max(position) AS head, count(*) AS events FROM events').get() as {
      head: number | null;
      events: number;
    };
    return { headPosition: row.head === null ? null : serializeSqlitePosition(row.head), events: row.events };
  } finally {
    db.close();
  }
}

/** Files of the manifest whose size or hash differ from what is in `dir`, or that are missing. */
export function manifestMismatches(dir: string, manifest: Manifest): string[] {
  return manifest.files.flatMap((file) => {
    if (!existsSync(join(dir, file.name))) return [`${file.name} is missing`];
    const actual = describeFile(dir, file.name);
    return actual.bytes === file.bytes && actual.sha256 === file.sha256
      ? []
      : [`${file.name} does not match the manifest (size or sha256)`];
  });
}

export function readManifest(dir: string): Manifest {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) throw new Error(`no ${MANIFEST_FILE} in ${dir}: not a backup`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>;
  if (manifest.format !== 'praktijklus-backup/1' || !Array.isArray(manifest.files)) {
    throw new Error(`${path} is not a Praktijklus backup manifest`);
  }
  return manifest as Manifest;
}

export { SECRET_FILE_NAME };
