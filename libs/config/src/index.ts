export * from './settings';
export * from './tracing-settings';
export * from './open-event-store';
export * from './create-projector';
export * from './read-models-file';
export * from './reference-data';
export * from './shared-state';
