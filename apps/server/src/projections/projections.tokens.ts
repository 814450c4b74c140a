/** The read-model database (better-sqlite3), for query services: `@Inject(READ_MODELS) db: Database`. */
export const READ_MODELS = Symbol('ReadModels');
/** The running Projector (only on instances whose ROLES include `projector`; otherwise undefined). */
export const PROJECTOR = Symbol('Projector');
/** What `X-Consistent-With` waits on. */
export const CONSISTENCY_WAITER = Symbol('ConsistencyWaiter');
/** The projector lock of DATA_DIR, held from start-up by instances whose ROLES include `projector`. */
export const PROJECTOR_LOCK = Symbol('ProjectorLock');
/** Time travel's history thread (only where `keepsHistory`; otherwise undefined). */
export const HISTORY_THREAD = Symbol('HistoryThread');
