import { rebuildInto, theBenchLog } from './bench-data';
import { memoryOf } from './bench-server';

/**
 * A rebuild in a process of its own, as `npm run cli -- projections rebuild` runs it: replays the
 * benchmark log into the file named by the first argument and prints one JSON line with the
 * rebuild's milliseconds and the process's peak resident memory (VmHWM, every byte it ever held,
 * not a sample).
 */
async function main(): Promise<void> {
  const target = process.argv[2];
  if (target === undefined) throw new Error('usage: rebuild-process.ts <read-model file>');
  const ms = await rebuildInto(theBenchLog(), target);
  const { peakMiB } = memoryOf(process.pid);
  process.stdout.write(`${JSON.stringify({ ms, peakMiB })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
