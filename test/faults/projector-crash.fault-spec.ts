import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SpawnedServer } from '@praktijklus/testing';
import { benchLog } from '../../bench/support/bench-log.fixture';
import {
  dumpReadModels,
  expectSameReadModels,
  headOf,
  readCheckpoints,
  rebuildReadModels,
} from './support/read-model-dump';
import {
  EVENTS_FILE,
  eventually,
  READ_MODELS_FILE,
  startServer,
  temporaryDataDir,
} from './support/fault-server';

const EVENTS = 15_000;
const KILLS = 4;

describe('the projector killed in the middle of a large catch-up, again and again', () => {
  const data = temporaryDataDir('projector-crash');
  let server: SpawnedServer | undefined;

  afterAll(async () => {
    await server?.kill();
    data.remove();
  });

  it('never moves a checkpoint backwards and ends with read models equal to a full rebuild', async () => {
    const T: Array<[string, number]> = [];
    const t0 = Date.now();
    const mark = (what: string) => T.push([what, Date.now() - t0]);
    const log = benchLog(join(data.dir, 'fixture.sqlite'), EVENTS, 3);
    const eventsFile = join(data.dir, EVENTS_FILE);
    const readModelsFile = join(data.dir, READ_MODELS_FILE);
    copyFileSync(log.file, eventsFile);
    const head = headOf(eventsFile);
    mark('fixture');
    expect(head).toBe(EVENTS);

    // Every checkpoint ever seen, per projection, in the order seen: across kills and restarts.
    const seen = new Map<string, number[]>();
    const watch = (): number => {
      let lowest = Number.POSITIVE_INFINITY;
      let checkpoints: ReturnType<typeof readCheckpoints> = [];
      try {
        checkpoints = readCheckpoints(readModelsFile);
      } catch {
        return Number.NaN;
      }
      for (const checkpoint of checkpoints) {
        const position = checkpoint.position === null ? 0 : Number(checkpoint.position);
        const history = seen.get(checkpoint.name) ?? [];
        history.push(position);
        seen.set(checkpoint.name, history);
        lowest = Math.min(lowest, position);
        expect(checkpoint.status).not.toBe('halted');
      }
      return checkpoints.length === 0 ? 0 : lowest;
    };

    let killsMidway = 0;
    for (let round = 0; round < KILLS; round += 1) {
      server = await startServer(data.dir, { ROLES: 'projector' });
      mark(`started ${watch()}`);
      // Somewhere in the next stretch of the log, whatever the machine's speed: always mid catch-up.
      const target = Math.round((head * (round + 1)) / (KILLS + 1) + (Math.random() - 0.5) * 1000);
      await eventually(
        `the projector to pass ${target}`,
        () => (watch() >= target ? true : undefined),
        120_000,
        20,
      );
      const before = watch();
      await server.kill();
      server = undefined;
      if (before < head) killsMidway += 1;
      mark(`killed ${before}`);
      watch();
    }
    expect(killsMidway).toBe(KILLS);

    server = await startServer(data.dir, { ROLES: 'projector' });
    await eventually(
      'the projector to reach the head',
      async () => {
        const lowest = watch();
        return lowest === head ? true : undefined;
      },
      120_000,
      100,
    );
    mark('caught up');
    await server.stop();
    server = undefined;

    for (const [name, history] of seen) {
      const backwards = history.findIndex((position, i) => i > 0 && position < (history[i - 1] as number));
      expect({ name, backwards }).toEqual({ name, backwards: -1 });
    }
    expect(seen.size).toBeGreaterThan(0);

    const rebuiltFile = join(data.dir, 'rebuilt.sqlite');
    await rebuildReadModels(eventsFile, rebuiltFile);
    mark('rebuilt');
    const live = dumpReadModels(readModelsFile);
    const rebuilt = dumpReadModels(rebuiltFile);
    expectSameReadModels(live, rebuilt);
    expect((live.signals ?? []).length).toBe(log.signals);
    console.log(
      `projector-crash: ${killsMidway} of ${KILLS} kills in the middle of the catch-up; milestones (ms) ${JSON.stringify(T)}`,
    );
  });
});
