export { DUE_KINDS, dueChangesOf } from './due-dates';
export type { Due, DueChange, DueDateRules, DueKind } from './due-dates';
export {
  acquireReactorLock,
  REACTOR_FILE,
  REACTOR_LOCK_FILE,
  ReactorBusy,
  ReactorStore,
} from './reactor-store';
export { Reactor } from './reactor';
export type { ReactorLogger, ReactorOptions, ReactorStatus, TimeCommandIssuer } from './reactor';
