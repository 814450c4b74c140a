import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { AsOfReadModels } from '@praktijklus/projections';
import { READ_MODELS } from '../../projections/projections.tokens';

/** The token of the AsOfReadModels the views travel back in time with. */
export const AS_OF_READ_MODELS = Symbol('AsOfReadModels');

const MOMENT = Symbol('asOf');

type Tagged = { [MOMENT]?: Date };

/**
 * A row a view answered as of a moment remembers it, so the fields resolved under it (a signal's
 * escalations, a policy change's effect) are read at the same moment.
 */
export function atMoment<T extends object>(row: T, asOf: Date | undefined): T {
  if (asOf !== undefined) Object.defineProperty(row, MOMENT, { value: asOf, enumerable: false });
  return row;
}

/** The moment a row was answered at; undefined: now. */
export const momentOf = (row: object): Date | undefined => (row as Tagged)[MOMENT];

/**
 * Where a view reads: the live read models at the clock of the request, or with `asOf` the read
 * models as they stood then (AsOfReadModels), with `asOf` as the clock.
 */
@Injectable()
export class TimeTravel implements OnApplicationShutdown {
  constructor(
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(AS_OF_READ_MODELS) private readonly asOf: AsOfReadModels,
  ) {}

  read<T>(asOf: Date | undefined, query: (db: Database, now: Date) => T): Promise<T> {
    if (asOf === undefined) return Promise.resolve(query(this.db, new Date()));
    return this.asOf.read(asOf, query);
  }

  onApplicationShutdown(): void {
    this.asOf.close();
  }
}
