// A second process on the same file: appends events one at a time through the real adapter and
// prints one JSON line per acknowledged append. Usage: node appender.js <file> <stream> <count|forever>
require('./register-typescript');
const { randomUUID } = require('node:crypto');
const { SqliteEventStore } = require('../sqlite-event-store.ts');

const [file, streamId, count] = process.argv.slice(2);
const limit = count === 'forever' ? Number.POSITIVE_INFINITY : Number(count);
const metadata = {
  actor: { sub: 'child', authority: 'gm0344', roles: ['officer'] },
  correlationId: 'child',
  causationId: 'child',
  schemaVersion: 1,
};

async function main() {
  const store = SqliteEventStore.open({ file });
  let expectedRevision = 'NO_STREAM';
  for (let index = 0; index < limit; index += 1) {
    const id = randomUUID();
    const result = await store.append(streamId, [{ id, type: 'ChildAppended', data: { index }, metadata }], {
      expectedRevision,
    });
    expectedRevision = result.nextRevision;
    process.stdout.write(
      `${JSON.stringify({ id, position: result.position, revision: result.nextRevision })}\n`,
    );
  }
  await store.close();
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
