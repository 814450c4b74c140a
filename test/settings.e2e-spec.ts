import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer } from '@praktijklus/testing';

// Child processes start in a few seconds each; the e2e default timeout is too short on 2 cores.
jest.setTimeout(60_000);

describe('start-up with bad settings', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'praktijklus-settings-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const refusal = async (env: Record<string, string>) => {
    const server = await spawnServer({ env: { DATA_DIR: dataDir, ...env } });
    const { code } = await server.exited;
    return { code, url: server.url, output: server.output() };
  };

  it('stops with exit code 1 and one line naming the setting, without a stack', async () => {
    const { code, url, output } = await refusal({ PORT: 'abc' });
    expect(url).toBeUndefined();
    expect(code).toBe(1);
    expect(output).toBe(
      'Invalid setting PORT: expected an integer 0-65535 (0 picks a free port), got "abc"\n',
    );
  });

  it('names EVENTSTORE_CONNECTION_STRING when EVENT_STORE=esdb lacks it', async () => {
    const { code, output } = await refusal({ EVENT_STORE: 'esdb' });
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toMatch(/^Invalid setting EVENTSTORE_CONNECTION_STRING: /);
  });

  it('names REFERENCE_DATA_FILE when the file it names is not valid reference data', async () => {
    const file = join(dataDir, 'registry.json');
    writeFileSync(file, '{"authorities": "none"}');
    const { code, output } = await refusal({ REFERENCE_DATA_FILE: file });
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toMatch(/^Invalid setting REFERENCE_DATA_FILE: /);
    expect(output).not.toMatch(/\n\s+at /);
  });
});
