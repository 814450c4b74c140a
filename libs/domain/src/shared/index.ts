export * from './actor';
export * from './command';
export * from './dates';
export * from './domain-error';
export * from './decider';
export * from './validation';
export * from './system-actor';
export * from './vocabulary';
