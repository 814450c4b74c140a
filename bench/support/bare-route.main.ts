import Fastify from 'fastify';

/*
 * The baseline of the intake benchmark: the same HTTP framework the server runs on (Fastify, in a
 * Node process started the same way), one POST route that parses the JSON body and answers a
 * constant write response. No auth, no validation, no store.
 */
async function main(): Promise<void> {
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });
  const answer = { id: '00000000-0000-4000-8000-000000000000', revision: 0, position: '1' };
  app.post('/api/v1/signals', async (_request, reply) => {
    await reply.status(201).send(answer);
  });
  const address = await app.listen({
    port: Number(process.env.PORT ?? 0),
    host: process.env.HOST ?? '127.0.0.1',
  });
  process.stdout.write(`bare route listening on ${address}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
