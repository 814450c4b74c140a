import {
  Inject,
  Injectable,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { AsOfReadModels } from '@praktijklus/projections';
import { ReferenceData } from '@praktijklus/reference';
import { READ_MODELS } from '../../projections/projections.tokens';
import { Metrics } from '../../metrics/metrics';
import { runAsOfQuery, type AsOfQueryAnswer, type AsOfQueryInput, type AsOfQueryName } from './as-of-queries';
import type { AsOfThread } from './as-of-thread';

/** The token of the AsOfReadModels the views travel back in time with. */
export const AS_OF_READ_MODELS = Symbol('AsOfReadModels');
/** The token of the AsOfThread (undefined where no history is read). */
export const AS_OF_THREAD = Symbol('AsOfThread');

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
export class TimeTravel implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(AS_OF_READ_MODELS) private readonly asOf: AsOfReadModels,
    private readonly reference: ReferenceData,
    private readonly metrics: Metrics,
    @Optional() @Inject(AS_OF_THREAD) private readonly thread: AsOfThread | undefined,
  ) {}

  read<T>(asOf: Date | undefined, query: (db: Database, now: Date) => T): Promise<T> {
    if (asOf === undefined) return Promise.resolve(query(this.db, new Date()));
    return this.asOf.read(asOf, query);
  }

  /**
   * A named question (AS_OF_QUERIES): now on the live read models; as of a moment in the as-of
   * thread from time travel's history, off the request loop, or else as `read` does.
   */
  async ask<Name extends AsOfQueryName>(
    asOf: Date | undefined,
    name: Name,
    input: AsOfQueryInput<Name>,
  ): Promise<AsOfQueryAnswer<Name>> {
    const query = runAsOfQuery(name, input, this.reference);
    if (asOf === undefined || this.thread === undefined) return this.read(asOf, query);
    const answered = await this.thread.ask(asOf, name, input);
    if (answered === undefined) return this.read(asOf, query);
    this.metrics.asOfHistoryAnswers.inc({ reader: 'thread' });
    return answered.answer;
  }

  onApplicationBootstrap(): void {
    this.thread?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.asOf.close();
    await this.thread?.stop();
  }
}
