import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSettings, type Environment } from './settings';

/** The names in the first column of the README's settings table (`NAME`, or several on one row). */
function documentedSettings(): Set<string> {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Settings (environment)'));
  const table = section.slice(0, section.indexOf('\n## '));
  const names = new Set<string>();
  for (const row of table.split('\n').filter((line) => line.startsWith('| `'))) {
    const first = row.split('|')[1];
    for (const match of first.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(match[1]);
  }
  return names;
}

/** Every variable `parseSettings` looks at for `env`, whether set or not. */
function settingsRead(env: Environment): Set<string> {
  const read = new Set<string>();
  const watched = new Proxy(env, {
    get(target, name) {
      if (typeof name === 'string') read.add(name);
      return target[name as string];
    },
  });
  parseSettings(watched, '/srv');
  return read;
}

describe("the README's settings table", () => {
  it('lists every variable the settings parser reads, with any event store', () => {
    const documented = documentedSettings();
    expect(documented.size).toBeGreaterThan(30);
    const read = new Set([
      ...settingsRead({}),
      ...settingsRead({ EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'esdb://node1:2113?tls=true' }),
      ...settingsRead({
        EVENT_STORE: 'postgres',
        DATABASE_URL: 'postgres://praktijklus@db:5432/praktijklus',
      }),
    ]);
    expect(read.size).toBeGreaterThan(30);
    expect([...read].filter((name) => !documented.has(name))).toEqual([]);
  });
});
