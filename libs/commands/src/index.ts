export * from './handle-command';
export * from './event-ids';
export * from './idempotency-records';
export * from './sqlite-idempotency-records';
export * from './postgres-idempotency-records';
export * from './signal-stream';
export * from './initiative-personal-data';
