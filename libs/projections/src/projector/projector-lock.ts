import { join } from 'node:path';
import Database from 'better-sqlite3';

export const PROJECTOR_LOCK_FILE = 'projector.lock';

/** Held while a process projects into DATA_DIR's read models; `release` lets the next one in. */
export interface ProjectorLock {
  release(): void;
}

export class ProjectorBusy extends Error {
  constructor(dataDir: string) {
    super(
      `another process is projecting into the read models in ${dataDir} (a server with ROLES including projector, or a rebuild); stop it first`,
    );
    this.name = 'ProjectorBusy';
  }
}

/**
 * One projector per read-model file: an exclusive SQLite lock on a small file next to it. The
 * operating system drops the lock when the holder dies, so a killed server never leaves a stale one.
 */
export function acquireProjectorLock(dataDir: string): ProjectorLock {
  const db = new Database(join(dataDir, PROJECTOR_LOCK_FILE));
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    // Another holder shows up as SQLITE_BUSY or, from the journal-mode switch, as a locked database.
    if (
      typeof error === 'object' &&
      error !== null &&
      'code' in error &&
      /^SQLITE_(BUSY|LOCKED)/.test(String(error.code))
    ) {
      throw new ProjectorBusy(dataDir);
    }
    throw error;
  }
  return {
    release: () => {
      if (db.open) db.close();
    },
  };
}
