import type { ProjectorSnapshot } from '@praktijklus/projections';
import type { Settings } from '@praktijklus/config';
import type { ThreadLogLine } from '../background/worker-entry';

/** What the projector thread is started with (`workerData`). */
export interface ProjectorThreadInit {
  settings: Settings;
  /** The log's file (the SQLite store) and the read models' file, as the request loop opened them. */
  eventsFile: string;
  readModelsFile: string;
  /** How often the thread's own connection looks for events the request loop appended. */
  pollIntervalMs: number;
}

/** From the request loop to the projector thread. */
export type ToProjectorThread =
  | { type: 'stop' }
  /** The read-model file is damaged: stop the loop, have it replaced, replay the log. */
  | { type: 'replace' }
  /** The request loop replaced the file (`error` when it could not). */
  | { type: 'replaced'; error?: string };

/** From the projector thread to the request loop. */
export type FromProjectorThread =
  | { type: 'started'; snapshot: ProjectorSnapshot }
  | { type: 'failed'; message: string; code: string | undefined }
  | { type: 'snapshot'; snapshot: ProjectorSnapshot }
  | { type: 'damaged'; reason: string }
  /** The loop stopped: the request loop may now replace the file. */
  | { type: 'replace-file' }
  /** The file was replaced and the loop replays the log into it (`error` when that failed). */
  | { type: 'replace-done'; error?: string }
  | ThreadLogLine;
