import { statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { preparePrivateDatabase } from '@praktijklus/event-store';

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
 * One projector per DATA_DIR. The lock that counts is an abstract Unix socket named after the
 * folder's device and inode: it is no file, so nobody can delete it, it follows the folder through
 * renames, and the kernel frees it when the holder dies. Abstract sockets are Linux's and belong to
 * a network namespace, so an exclusive SQLite lock on `projector.lock` is held as well, for other
 * systems and for containers sharing the folder from separate namespaces.
 */
export async function acquireProjectorLock(dataDir: string): Promise<ProjectorLock> {
  const socket = process.platform === 'linux' ? await bindFolderSocket(dataDir) : undefined;
  let file: Database.Database;
  try {
    file = lockFile(dataDir);
  } catch (error) {
    socket?.close();
    throw error;
  }
  return {
    release: () => {
      socket?.close();
      if (file.open) file.close();
    },
  };
}

function bindFolderSocket(dataDir: string): Promise<Server> {
  const { dev, ino } = statSync(dataDir, { bigint: true });
  const server = createServer((connection) => connection.destroy());
  // The held socket must not keep a finished CLI alive.
  server.unref();
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new ProjectorBusy(dataDir) : error);
    });
    server.listen(`\0praktijklus-projector-${dev}-${ino}`, () => resolve(server));
  });
}

function lockFile(dataDir: string): Database.Database {
  preparePrivateDatabase(join(dataDir, PROJECTOR_LOCK_FILE));
  const db = new Database(join(dataDir, PROJECTOR_LOCK_FILE));
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    return db;
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
}
