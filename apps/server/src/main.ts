import { Logger } from '@nestjs/common';
import { bootstrap } from './app';
import { InvalidSetting, parseSettings, type Settings } from './config/settings';
import { WebModule } from './web/web.module';

/** Start-up failures end the process with one line on stderr and exit code 1, never a stack. */
function refuse(error: unknown): never {
  const message =
    error instanceof InvalidSetting
      ? error.message
      : `Start-up failed: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let settings: Settings;
  try {
    settings = parseSettings(process.env);
  } catch (error) {
    refuse(error);
  }
  try {
    // The web app is mounted by the deployable only; tests mount it where they exercise it.
    const app = await bootstrap(settings, { bufferLogs: true, modules: [WebModule] });
    app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    Logger.log(
      `Praktijklus listening on ${await app.getUrl()} (event store: ${settings.eventStore}, roles: ${settings.roles.join(',')}, data: ${settings.dataDir})`,
      'Main',
    );
  } catch (error) {
    refuse(error);
  }
}

void main();
