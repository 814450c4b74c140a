export * from './decider-spec';
export * from './test-secret';
export * from './test-token';
export * from './spawn-server';
export * from './http-response';
export type { StartTestServerOptions, TestRequestOptions, TestServer } from './test-server';

// The in-process server harness loads the whole application; loaded on first use so that specs
// importing this package for decider helpers stay light.
type TestServerModule = typeof import('./test-server');

export function startTestServer(
  ...args: Parameters<TestServerModule['startTestServer']>
): ReturnType<TestServerModule['startTestServer']> {
  const { startTestServer: start } = module.require('./test-server') as TestServerModule;
  return start(...args);
}
