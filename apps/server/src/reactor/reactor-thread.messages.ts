import type { Due, ReactorStatus } from '@praktijklus/reactor';
import type { Settings } from '@praktijklus/config';
import type { ThreadLogLine } from '../background/worker-entry';
import type { DeliveryResult } from './server-reactor';

/** What the reactor thread is started with (`workerData`). */
export interface ReactorThreadInit {
  settings: Settings;
  /** The log's file (the SQLite store), as the request loop opened it. */
  eventsFile: string;
}

/** From the request loop to the reactor thread. */
export type ToReactorThread =
  | { type: 'stop' }
  | { type: 'status'; id: number }
  /** How the time command the thread asked for went: recorded or not, or why it failed. */
  | { type: 'issued'; id: number; recorded: boolean; error?: string };

/** From the reactor thread to the request loop. */
export type FromReactorThread =
  | { type: 'started' }
  | { type: 'failed'; message: string }
  | { type: 'status'; id: number; status: ReactorStatus }
  | { type: 'attempt'; result: DeliveryResult }
  /** Record what fell due: the request loop issues the time command through its store. */
  | { type: 'issue'; id: number; due: Due; now: string }
  | ThreadLogLine;
