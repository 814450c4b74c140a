import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../apps/cli/src/main';
import type { CliOutput } from '../apps/cli/src/cli-error';
import { PROJECTOR_LOCK_FILE } from '@praktijklus/projections';
import { startTestServer } from './support/test-server';

describe('one projector per DATA_DIR', () => {
  it('refuses the CLI rebuild while a server projects, also after projector.lock was deleted', async () => {
    const server = await startTestServer();
    try {
      let err = '';
      const output: CliOutput = { out: () => undefined, err: (text) => (err += text), interactive: false };
      const env = { NODE_ENV: 'test', DATA_DIR: server.dataDir, SQLITE_SYNCHRONOUS: 'NORMAL' };
      rmSync(join(server.dataDir, PROJECTOR_LOCK_FILE), { force: true });
      expect(await runCli(['projections', 'rebuild'], env, output)).toBe(1);
      expect(err).toContain('another process is projecting');
    } finally {
      await server.close();
    }
  }, 30_000);
});
