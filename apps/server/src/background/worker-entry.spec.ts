import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { threadExecArgv, threadResourceLimits } from './worker-entry';

/** Allocates short-lived garbage for a while, then reports the largest young generation it saw. */
const CHURN = `
const { parentPort } = require('node:worker_threads');
const v8 = require('node:v8');
let largest = 0;
for (let round = 0; round < 200; round += 1) {
  let kept = [];
  for (let i = 0; i < 20000; i += 1) kept.push({ i, text: 'signal ' + i });
  kept = null;
  for (const space of v8.getHeapSpaceStatistics()) {
    if (space.space_name === 'new_space') largest = Math.max(largest, space.space_size);
  }
}
parentPort.postMessage(largest);
`;

async function largestYoungGeneration(youngMiB?: number): Promise<number> {
  const worker = new Worker(CHURN, {
    eval: true,
    ...(youngMiB === undefined ? {} : { resourceLimits: threadResourceLimits(youngMiB) }),
  });
  const [bytes] = (await once(worker, 'message')) as [number];
  await worker.terminate();
  return bytes / 1024 / 1024;
}

describe('the V8 heap limits of a background thread', () => {
  it('keeps the young generation within BACKGROUND_THREAD_YOUNG_MB while the thread makes garbage', async () => {
    const bounded = await largestYoungGeneration(6);
    const unbounded = await largestYoungGeneration();
    expect(bounded).toBeLessThanOrEqual(6);
    expect(unbounded).toBeGreaterThan(6);
  });
});

describe('the node options of a background thread', () => {
  it("starts a thread from a process run with npm start's heap flags, which a thread refuses", async () => {
    const execArgv = ['--max-semi-space-size=2', '--enable-source-maps', '--max-old-space-size=512'];
    expect(() => new Worker('0', { eval: true, execArgv })).toThrow('invalid execArgv');
    expect(threadExecArgv(execArgv)).toEqual(['--enable-source-maps']);
    const worker = new Worker('require("node:worker_threads").parentPort.postMessage("up")', {
      eval: true,
      execArgv: threadExecArgv(execArgv),
    });
    const [message] = (await once(worker, 'message')) as [string];
    await worker.terminate();
    expect(message).toBe('up');
  });
});
