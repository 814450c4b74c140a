import { Logger } from '@nestjs/common';
import { createApp } from '../../apps/server/src/app';
import { parseSettings } from '@praktijklus/config';
import { TallyProbeModule } from './tally.probe';

// The real application plus the probe aggregate, as its own process: what durability tests kill.
async function main(): Promise<void> {
  const settings = parseSettings(process.env);
  const app = await createApp(settings, { logger: ['error'], modules: [TallyProbeModule] });
  await app.listen({ port: settings.port, host: settings.host });
  Logger.log(`probe server listening on ${await app.getUrl()}`, 'Main');
  process.stdout.write(`listening on ${await app.getUrl()}\n`);
}

void main();
