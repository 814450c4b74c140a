import type {
  AllStreamResolvedEvent,
  AppendResult,
  AppendToStreamOptions,
  EventData,
  ReadAllOptions,
  ReadStreamOptions,
  ResolvedEvent,
  SubscribeToAllOptions,
} from '@eventstore/db-client';

/** The part of the client's `$all` subscription the adapter uses. */
export interface EsdbAllSubscription extends AsyncIterable<AllStreamResolvedEvent> {
  unsubscribe(): Promise<void>;
  destroy(): void;
}

/**
 * The calls the adapter makes on `EventStoreDBClient`, which satisfies this as it is; unit tests
 * pass a small fake instead, since no cluster runs where they do.
 */
export interface EsdbClient {
  appendToStream(
    streamName: string,
    events: EventData[],
    options: AppendToStreamOptions,
  ): Promise<AppendResult>;
  readStream(streamName: string, options: ReadStreamOptions): AsyncIterable<ResolvedEvent>;
  readAll(options: ReadAllOptions): AsyncIterable<AllStreamResolvedEvent>;
  subscribeToAll(options: SubscribeToAllOptions): EsdbAllSubscription;
  dispose(): Promise<void>;
}
