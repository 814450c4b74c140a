// A projector in its own process that is killed (SIGKILL) in the middle of a batch transaction:
// the second projection kills the process on its Nth event, after the first projection already
// wrote its part of the batch. Usage: node crash-projector.js <store file> <read-model file> <N>
// The shared loader also resolves @praktijklus/* imports, which read-models.ts has.
require('../../../../testing/src/ts-register.js');
const { SqliteEventStore } = require('../../../../event-store/src/sqlite/sqlite-event-store.ts');
const { openReadModels } = require('../../read-models.ts');
const { Projector } = require('../projector.ts');
const { createCountingProjection } = require('./counting.projection.ts');

const [storeFile, readModelFile, killAt] = process.argv.slice(2);
let seen = 0;
const killer = () => {
  seen += 1;
  if (seen === Number(killAt)) process.kill(process.pid, 'SIGKILL');
  return false;
};

const projector = new Projector({
  store: SqliteEventStore.open({ file: storeFile }),
  db: openReadModels(readModelFile),
  projections: [
    createCountingProjection({ name: 'counting-a' }),
    createCountingProjection({ name: 'counting-b', failOn: killer }),
  ],
  batchSize: 10,
  logger: { log: () => undefined, error: (message) => process.stderr.write(`${message}\n`) },
});
projector.start().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
