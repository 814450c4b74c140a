import { parseSettings } from '@praktijklus/config';
import { projectorInThread } from './projector-thread';

const inThread = (env: Record<string, string>): boolean =>
  projectorInThread(parseSettings({ DATABASE_URL: 'postgres://praktijklus@db/praktijklus', ...env }, '/srv'));

describe('where the projector runs', () => {
  it('runs in a thread of its own by default, with SQLite and the projector role', () => {
    expect(inThread({})).toBe(true);
    expect(inThread({ BACKGROUND_THREAD: 'main' })).toBe(false);
    expect(inThread({ ROLES: 'commands,queries' })).toBe(false);
  });

  it('stays on the request loop with tracing on, so its spans join the command trace', () => {
    expect(inThread({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(false);
  });

  it('stays on the request loop with PostgreSQL or EventStoreDB as the log', () => {
    expect(inThread({ EVENT_STORE: 'postgres' })).toBe(false);
  });
});
