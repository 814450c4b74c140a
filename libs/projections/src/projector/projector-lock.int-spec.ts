import { fork } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { acquireProjectorLock, PROJECTOR_LOCK_FILE, ProjectorBusy } from './projector-lock';

describe('acquireProjectorLock', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'projector-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const attempt = async (where = dir) => acquireProjectorLock(where);

  it('lets one holder in at a time', async () => {
    const first = await attempt();
    await expect(attempt()).rejects.toThrow(ProjectorBusy);
    first.release();
    (await attempt()).release();
  });

  it('stays held when its lock file is deleted under the holder', async () => {
    const first = await attempt();
    rmSync(join(dir, PROJECTOR_LOCK_FILE), { force: true });
    await expect(attempt()).rejects.toThrow(ProjectorBusy);
    first.release();
    (await attempt()).release();
  });

  it('follows the folder, not its name', async () => {
    const first = await attempt();
    const moved = `${dir}-moved`;
    renameSync(dir, moved);
    try {
      await expect(attempt(moved)).rejects.toThrow(ProjectorBusy);
    } finally {
      first.release();
      renameSync(moved, dir);
    }
  });

  it('is free again once a holder process is killed', async () => {
    const script = join(dir, 'hold.js');
    const register = resolve(__dirname, '../../../testing/src/ts-register.js');
    writeFileSync(
      script,
      `require(${JSON.stringify(register)});
       const { acquireProjectorLock } = require(${JSON.stringify(join(__dirname, 'projector-lock.ts'))});
       Promise.resolve(acquireProjectorLock(${JSON.stringify(dir)})).then(() => process.send('held'));
       setInterval(() => undefined, 1000);`,
    );
    const child = fork(script, [], { stdio: 'ignore' });
    await new Promise<void>((done) => child.once('message', () => done()));
    await expect(attempt()).rejects.toThrow(ProjectorBusy);
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
    (await attempt()).release();
  });
});
