export * from './decider-spec';
export * from './test-secret';
export * from './test-token';
export * from './spawn-server';
export * from './http-response';
export * from './postgres';
export * from './start-script';
