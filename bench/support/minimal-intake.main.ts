import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { jwtVerify } from 'jose';

/*
 * The honest peer of the intake benchmark: what a user would write instead of the whole stack.
 * Fastify, a JWT checked with jose (HS256, expiry, an officer's role), the body checked against a
 * JSON schema with Ajv, and the event appended by a group commit on better-sqlite3 (WAL,
 * synchronous=FULL): appends that arrive in one turn of the event loop share one transaction, and
 * every answer is sent only after its commit.
 */
const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength });
const signalSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'title', 'description', 'policyDomain', 'level', 'observedAt', 'authorities'],
  properties: {
    type: { enum: ['CONFLICTING_NORMS', 'MISSING_NORM', 'UNCLEAR_AUTHORITY', 'PROCEDURE', 'OTHER'] },
    title: text(200),
    description: text(5000),
    policyDomain: text(60),
    level: { enum: ['POLICY', 'IMPLEMENTATION', 'EXECUTION'] },
    initiativeKind: text(60),
    observedAt: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}' },
    authorities: { type: 'array', minItems: 1, maxItems: 20, items: text(20) },
    norms: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['ref'],
        properties: { ref: text(200), title: text(300) },
      },
    },
    location: {
      type: 'object',
      additionalProperties: false,
      properties: {
        municipality: text(20),
        lat: { type: 'number', minimum: -90, maximum: 90 },
        lon: { type: 'number', minimum: -180, maximum: 180 },
      },
    },
  },
} as const;

interface Pending {
  row: [string, string, string, string];
  done: (error: Error | undefined, position: number) => void;
}

async function main(): Promise<void> {
  const secret = new TextEncoder().encode(process.env.AUTH_JWT_SECRET ?? '');
  const validate = new Ajv({ allErrors: true }).compile(signalSchema);
  const dir = process.env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'praktijklus-minimal-'));
  const db = new Database(join(dir, 'minimal-events.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL, data TEXT NOT NULL, recorded_at TEXT NOT NULL)`);
  const insert = db.prepare('INSERT INTO events (stream_id, type, data, recorded_at) VALUES (?, ?, ?, ?)');
  let queue: Pending[] = [];
  const commit = db.transaction((group: Pending[]) =>
    group.map((pending) => Number(insert.run(...pending.row).lastInsertRowid)),
  );
  const flush = (): void => {
    const group = queue;
    queue = [];
    try {
      const positions = commit(group);
      group.forEach((pending, i) => pending.done(undefined, positions[i] ?? 0));
    } catch (error) {
      for (const pending of group) pending.done(error as Error, 0);
    }
  };
  const append = (row: Pending['row']): Promise<number> =>
    new Promise((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ row, done: (error, position) => (error ? reject(error) : resolve(position)) });
    });

  const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });
  app.post('/api/v1/signals', async (request, reply) => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const claims = token
      ? await jwtVerify(token, secret, { algorithms: ['HS256'] }).then(
          (verified) => verified.payload,
          () => undefined,
        )
      : undefined;
    const roles = claims?.roles;
    if (!claims || !Array.isArray(roles) || !roles.includes('officer'))
      return reply.status(401).send({ title: 'Unauthorized' });
    if (!validate(request.body)) return reply.status(400).send({ errors: validate.errors });
    const id = randomUUID();
    const data = JSON.stringify({ ...request.body, signalId: id, recordedBy: claims.sub });
    const position = await append([`signal-${id}`, 'SignalRecorded', data, new Date().toISOString()]);
    return reply.status(201).send({ id, revision: 0, position: String(position) });
  });
  const address = await app.listen({
    port: Number(process.env.PORT ?? 0),
    host: process.env.HOST ?? '127.0.0.1',
  });
  process.stdout.write(`minimal intake listening on ${address}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
