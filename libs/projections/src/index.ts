import type { Projection, ProjectionContext } from './projection';
import { createAccountabilityProjection } from './accountability/accountability.projection';
import { createAgreementsProjection } from './agreements/agreements.projection';
import { createEscalationBoardProjection } from './escalation-board/escalation-board.projection';
import { createExperimentsProjection } from './experiments/experiments.projection';
import { createCasesProjection } from './cases/cases.projection';
import { createFeedbackLoopProjection } from './feedback-loop/feedback-loop.projection';
import { createNormConflictsProjection } from './norm-conflicts/norm-conflicts.projection';
import { createSignalStatsProjection } from './signal-stats/signal-stats.projection';
import { createPolicyChangesProjection } from './policy-changes/policy-changes.projection';
import { createSignalsProjection } from './signals/signals.projection';

export type { Projection, ProjectionContext } from './projection';
export {
  damageReason,
  isReadModelsDamage,
  openCheckedReadModels,
  openReadModels,
  replaceDamagedReadModels,
} from './read-models';
export type { ReadModelsDamage, ReadModelsOptions } from './read-models';
export { Projector } from './projector/projector';
export { BatchReader } from './projector/batch-reader';
export { PositionWaiters } from './projector/position-waiters';
export { snapshotReached, statusOfSnapshot } from './projector/projector-snapshot';
export type { ProjectionSnapshot, ProjectorSnapshot } from './projector/projector-snapshot';
export { rebuildReadModelsFile } from './projector/rebuild-file';
export { acquireProjectorLock, PROJECTOR_LOCK_FILE, ProjectorBusy } from './projector/projector-lock';
export type { ProjectorLock } from './projector/projector-lock';
export type { ReadModelsFileRebuild } from './projector/rebuild-file';
export type {
  BatchTracer,
  ProjectionState,
  ProjectionStatus,
  ProjectorLogger,
  ProjectorOptions,
  RebuildProgress,
} from './projector/projector';

export { createSignalsProjection, SIGNALS_PROJECTION } from './signals/signals.projection';
export { createSignalStatsProjection, SIGNAL_STATS_PROJECTION } from './signal-stats/signal-stats.projection';
export {
  createNormConflictsProjection,
  NORM_CONFLICTS_PROJECTION,
} from './norm-conflicts/norm-conflicts.projection';
export {
  createAccountabilityProjection,
  createAgreementsProjection,
  createEscalationBoardProjection,
  createExperimentsProjection,
  createFeedbackLoopProjection,
};

export { DEFAULT_SIGNAL_STATUSES, observedDayOf } from './signals/signal-filter';
export type { SignalFilter } from './signals/signal-filter';
export { normaliseNormRef } from './signals/norm-ref';
export { isoWeekOf, TIME_BUCKETS } from './signal-stats/period';
export type { TimeBucket } from './signal-stats/period';
export * from './signals/signals.queries';
export type { SnippetPart } from './signals/search-snippet';
export * from './signal-stats/signal-stats.queries';
export * from './norm-conflicts/norm-conflicts.queries';
export * from './escalation-board/escalation-board.queries';
export * from './accountability/accountability.queries';
export * from './feedback-loop/feedback-loop.queries';
export * from './agreements/agreements.queries';
export * from './experiments/experiments.queries';
export * from './cases/cases.queries';
export { CASES_PROJECTION } from './cases/cases.projection';
export * from './policy-changes/policy-changes.queries';
export * from './policy-changes/policy-change-funnel';
export { poissonRateRatio } from './policy-changes/rate-ratio';
export type { RateRatio } from './policy-changes/rate-ratio';
export {
  createPolicyChangesProjection,
  POLICY_CHANGES_PROJECTION,
} from './policy-changes/policy-changes.projection';
export * from './tasks/tasks.queries';

/** Every read model, in the order the projector feeds them. */
export function allProjections(ctx: ProjectionContext): Projection[] {
  return [
    createSignalsProjection(ctx),
    createSignalStatsProjection(ctx),
    createNormConflictsProjection(ctx),
    createEscalationBoardProjection(ctx),
    createAccountabilityProjection(ctx),
    createFeedbackLoopProjection(ctx),
    createAgreementsProjection(ctx),
    createExperimentsProjection(ctx),
    createCasesProjection(ctx),
    createPolicyChangesProjection(ctx),
  ];
}
export { keysetPage, keysetRead, type KeysetPage, type PageWindow } from './paging';
export * from './knowledge/similar-signals.queries';
export * from './knowledge/case-outcomes.queries';
export * from './knowledge/precedents.queries';
export { AsOfReadModels } from './time-travel/as-of-read-models';
export type { AsOfReadModelsOptions } from './time-travel/as-of-read-models';
export { HISTORY_FILE, historyVersionsOf, openHistoryProjector } from './time-travel/history';
export type { HistoryProjector, HistoryProjectorOptions } from './time-travel/history';
export { HistoryReadModels, NotInHistory } from './time-travel/history-read-models';
export type { HistoryReadModelsOptions } from './time-travel/history-read-models';
export { keepSnapshots, SnapshotKeeper } from './time-travel/snapshot-keeper';
export type { SnapshotKeeperOptions, SnapshotsOfOptions } from './time-travel/snapshot-keeper';
export {
  removeDatabase,
  SNAPSHOTS_DIR,
  SnapshotStore,
  snapshotStoreOf,
  versionsOf,
} from './time-travel/snapshot-store';
export type { Snapshot } from './time-travel/snapshot-store';
