import { npmStartCommand, parseStartScript } from './start-script';

describe('the start script', () => {
  it('splits into the environment it sets, node options and the entry', () => {
    expect(parseStartScript('MALLOC_ARENA_MAX=2 node --max-semi-space-size=2 dist/main.js')).toEqual({
      env: { MALLOC_ARENA_MAX: '2' },
      nodeArgs: ['--max-semi-space-size=2'],
      entry: 'dist/main.js',
    });
    expect(parseStartScript('node dist/main.js')).toEqual({ env: {}, nodeArgs: [], entry: 'dist/main.js' });
  });

  it('refuses what it cannot run the same way', () => {
    expect(() => parseStartScript('nest start server')).toThrow('does not run node');
    expect(() => parseStartScript('node dist/main.js --inspect')).toThrow('is not');
  });

  it('runs the built server with two malloc arenas and no V8 heap flag (a 2 MiB semi-space cost intake)', () => {
    expect(npmStartCommand()).toEqual({
      env: { MALLOC_ARENA_MAX: '2' },
      nodeArgs: [],
      entry: 'dist/apps/server/src/main.js',
    });
  });
});
