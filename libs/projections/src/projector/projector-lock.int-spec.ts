import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { acquireProjectorLock, ProjectorBusy } from './projector-lock';

describe('acquireProjectorLock', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'projector-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets one holder in at a time', () => {
    const first = acquireProjectorLock(dir);
    expect(() => acquireProjectorLock(dir)).toThrow(ProjectorBusy);
    first.release();
    acquireProjectorLock(dir).release();
  });

  it('is free again once a holder process is killed', async () => {
    const script = join(dir, 'hold.js');
    const register = resolve(__dirname, '../../../testing/src/ts-register.js');
    writeFileSync(
      script,
      `require(${JSON.stringify(register)});
       const { acquireProjectorLock } = require(${JSON.stringify(join(__dirname, 'projector-lock.ts'))});
       acquireProjectorLock(${JSON.stringify(dir)});
       process.send('held');
       setInterval(() => undefined, 1000);`,
    );
    const child = fork(script, [], { stdio: 'ignore' });
    await new Promise<void>((done) => child.once('message', () => done()));
    expect(() => acquireProjectorLock(dir)).toThrow(ProjectorBusy);
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
    acquireProjectorLock(dir).release();
  });
});
