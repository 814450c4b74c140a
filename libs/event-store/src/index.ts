export * from './event-store.port';
export * from './errors';
export { assertExpectedRevision, isExpectedRevisionMet, NO_REVISION } from './expected-revision';
export { SqliteEventStore, parseSqlitePosition, serializeSqlitePosition } from './sqlite/sqlite-event-store';
export { WalCheckpointer, type WalCheckpointerOptions } from './sqlite/wal-checkpointer';
export type {
  SqliteEventStoreOptions,
  SqliteSynchronous,
  GroupCommitStats,
  WalCheckpoint,
  WalCheckpointMode,
} from './sqlite/sqlite-event-store';
export { EVENTS_TABLE_DDL, INSERT_EVENT_SQL } from './sqlite/sqlite-schema';
export { isStorageFailure as isSqliteStorageFailure, sqliteCode } from './sqlite/sqlite-errors';
export type { EventRow } from './sqlite/sqlite-schema';
// The EventStoreDB adapter's runtime is loaded on demand; see connect-esdb-event-store.ts.
export type { EsdbEventStore, EsdbEventStoreOptions } from './esdb/esdb-event-store';
export { connectEsdbEventStore } from './esdb/connect-esdb-event-store';
export {
  ensurePrivateDirectory,
  ensurePrivateFile,
  preparePrivateDatabase,
  PRIVATE_DIRECTORY_MODE,
  PRIVATE_FILE_MODE,
} from './private-files';
// Shared state (vault, idempotency records) on PostgreSQL for several instances; see shared-state/.
export {
  createSharedStatePool,
  inTransaction,
  migrateSharedState,
  toSharedStateError,
} from './shared-state/postgres-shared-state';
export type { SharedStateDatabase, SharedStateMigrations } from './shared-state/postgres-shared-state';
export { PostgresEventStore, APPEND_LOCK_KEY } from './postgres/postgres-event-store';
export { EVENTS_CHANNEL } from './postgres/postgres-wakeups';
export type {
  PostgresEventStoreOptions,
  PostgresPoolStatus,
  PostgresDatabaseStatus,
} from './postgres/postgres-event-store';
export { parsePostgresPosition, serializePostgresPosition } from './postgres/postgres-rows';
export {
  runPostgresMigrations,
  EVENT_STORE_MIGRATIONS,
  MIGRATION_LOCK_KEY,
} from './postgres/postgres-migrations';
export type { PostgresMigration, MigrationReport } from './postgres/postgres-migrations';
export { isPostgresUnavailable, toStoreError as toPostgresStoreError } from './postgres/postgres-errors';
