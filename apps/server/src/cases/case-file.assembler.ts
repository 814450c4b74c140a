import { Inject, Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { type ExistingCaseState, signalDecider, type StreamCategory, streamIdOf } from '@praktijklus/domain';
import type { EventStore } from '@praktijklus/event-store';
import {
  agreementIdsOfEscalations,
  escalationIdsOfSignals,
  experimentIdsOfEscalations,
} from '@praktijklus/projections';
import { ReferenceData } from '@praktijklus/reference';
import { readAggregate } from '../escalations/aggregate-stream';
import { EVENT_STORE } from '../event-store/event-store.tokens';
import { READ_MODELS } from '../projections/projections.tokens';
import { type CaseFileEntity, entryOf, inTimeOrder, type TimelineEntry } from './case-file.timeline';
import { type HoldingPeriod, holdingPeriodsOf, type Waiting, waitingOf } from './case-file.waiting';

export interface CaseFile {
  id: string;
  title: string;
  authorities: string[];
  timeline: TimelineEntry[];
  waiting: Waiting[];
}

/** The file, and what the PDF draws besides: the holding periods behind `waiting`. */
export interface AssembledCaseFile {
  file: CaseFile;
  periods: HoldingPeriod[];
  assembledAt: string;
}

type Reached = Record<CaseFileEntity, string[]>;

/**
 * What a case reaches beyond its signals, in the order the ids become known. A new kind of record
 * (policy changes) is one entry here, with its summaries in case-file.timeline.ts.
 */
const SOURCES: ReadonlyArray<{
  entity: Exclude<CaseFileEntity, 'signal'>;
  category: StreamCategory;
  reach(db: Database, reached: Reached): string[];
}> = [
  { entity: 'escalation', category: 'escalation', reach: (db, r) => escalationIdsOfSignals(db, r.signal) },
  {
    entity: 'agreement',
    category: 'agreement',
    reach: (db, r) => agreementIdsOfEscalations(db, r.escalation),
  },
  {
    entity: 'experiment',
    category: 'experiment',
    reach: (db, r) => experimentIdsOfEscalations(db, r.escalation),
  },
];

/** The platform acting on time passing. */
const SYSTEM = 'system';

/** Authorities in the order they first acted or began to hold the matter; the platform is none. */
const authoritiesOf = (timeline: readonly TimelineEntry[], periods: readonly HoldingPeriod[]): string[] => {
  const appearances = [
    ...timeline.map((entry) => ({ authority: entry.authority, at: Date.parse(entry.at) })),
    ...periods.map((period) => ({ authority: period.authority, at: period.from })),
  ].sort((a, b) => a.at - b.at);
  const seen: string[] = [];
  for (const { authority } of appearances) {
    if (authority !== SYSTEM && !seen.includes(authority)) seen.push(authority);
  }
  return seen;
};

/**
 * Assembles a case file at read time from the log: the streams of its signals and of what the read
 * models link to them. The read models may trail the log by a moment; the streams themselves never do.
 */
@Injectable()
export class CaseFileAssembler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
  ) {}

  nameOf(authority: string): string {
    if (authority === SYSTEM) return 'het platform';
    return this.reference.authority(authority)?.name ?? authority;
  }

  async assemble(found: ExistingCaseState, now: Date): Promise<AssembledCaseFile> {
    const nameOf = (authority: string): string => this.nameOf(authority);
    const entries: TimelineEntry[] = [];
    for (const signalId of found.signalIds) {
      const { state, events } = await readAggregate(
        this.store,
        streamIdOf('signal', signalId),
        signalDecider,
      );
      const initiativeErased = state.status !== 'EMPTY' && state.personalDataErasedAt !== null;
      entries.push(
        ...events.map((event) => entryOf('signal', signalId, event, { nameOf, initiativeErased })),
      );
    }

    const reached: Reached = { signal: found.signalIds, escalation: [], agreement: [], experiment: [] };
    const periods: HoldingPeriod[] = [];
    for (const source of SOURCES) {
      reached[source.entity] = source.reach(this.db, reached);
      for (const id of reached[source.entity]) {
        const events = await this.store.readStream(streamIdOf(source.category, id), { whenMissing: 'empty' });
        entries.push(
          ...events.map((event) => entryOf(source.entity, id, event, { nameOf, initiativeErased: false })),
        );
        if (source.entity === 'escalation') periods.push(...holdingPeriodsOf(events, now.getTime()));
      }
    }

    const timeline = inTimeOrder(entries);
    const authorities = authoritiesOf(timeline, periods);
    const waiting = waitingOf(periods).sort(
      (a, b) => authorities.indexOf(a.authority) - authorities.indexOf(b.authority),
    );
    return {
      file: {
        id: found.id,
        title: found.title,
        authorities,
        timeline,
        waiting,
      },
      periods,
      assembledAt: now.toISOString(),
    };
  }
}
