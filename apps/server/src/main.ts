// First: the OpenTelemetry SDK (when OTEL_EXPORTER_OTLP_ENDPOINT is set) must patch http and Fastify before they load.
import './tracing';
import { Logger } from '@nestjs/common';
import { bootstrap } from './app';
import { InvalidSetting, parseSettings, type Settings } from '@praktijklus/config';
import { TracingShutdownModule } from './tracing/tracing-shutdown.module';
import { WebModule } from './web/web.module';

/** Start-up failures end the process with one line on stderr and exit code 1, never a stack. */
function refuse(error: unknown, dataDir?: string): never {
  const message =
    error instanceof InvalidSetting
      ? error.message
      : `Start-up failed: ${error instanceof Error ? error.message : String(error)}${storageHint(error, dataDir)}`;
  process.stderr.write(`${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(1);
}

/** SQLite's own messages ("attempt to write a readonly database") name no file: point at DATA_DIR. */
function storageHint(error: unknown, dataDir: string | undefined): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (dataDir === undefined || !(code.startsWith('SQLITE_') || code === 'STORE_UNAVAILABLE')) return '';
  return ` (${code} in DATA_DIR ${dataDir}: check that this user may write there and that the disk has room)`;
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
    const app = await bootstrap(settings, { bufferLogs: true, modules: [WebModule, TracingShutdownModule] });
    app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    Logger.log(
      `Praktijklus listening on ${await app.getUrl()} (event store: ${settings.eventStore}, roles: ${settings.roles.join(',')}, data: ${settings.dataDir})`,
      'Main',
    );
  } catch (error) {
    refuse(error, settings.dataDir);
  }
}

void main();
