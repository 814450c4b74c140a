export * from './actor';
export * from './command';
export * from './dates';
export * from './domain-error';
export * from './decider';
export * from './text';
export * from './validation';
export * from './vocabulary';
