import type { EsdbEventStore, EsdbEventStoreOptions } from './esdb-event-store';

type EsdbModule = typeof import('./esdb-event-store');

/**
 * Loads the EventStoreDB adapter, and with it the gRPC client (about 300 ms and 20 MB), only when a
 * cluster is configured, so importing this package for the embedded store never pays for it.
 */
export function connectEsdbEventStore(
  connectionString: string,
  options: EsdbEventStoreOptions = {},
): EsdbEventStore {
  const { EsdbEventStore: Adapter } = module.require('./esdb-event-store') as EsdbModule;
  return Adapter.connect(connectionString, options);
}
