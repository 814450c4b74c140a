export * from './actor';
export * from './domain-error';
export * from './decider';
export * from './vocabulary';
