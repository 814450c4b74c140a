import { InvalidSetting, parseSettings } from './settings';
import { sharedStateDatabase } from './shared-state';

describe('sharedStateDatabase', () => {
  const url = 'postgres://praktijklus@db.example.nl:5432/praktijklus?sslmode=require';

  it('keeps the vault and idempotency records in DATA_DIR for the embedded store, DATABASE_URL or not', () => {
    expect(sharedStateDatabase(parseSettings({}, '/srv'))).toBeUndefined();
    expect(sharedStateDatabase(parseSettings({ DATABASE_URL: url }, '/srv'))).toBeUndefined();
  });

  it('puts them in PostgreSQL with EventStoreDB when DATABASE_URL is set, in DATA_DIR when not', () => {
    const esdb = { EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'esdb://node1:2113?tls=true' };
    expect(sharedStateDatabase(parseSettings(esdb, '/srv'))).toBeUndefined();
    expect(
      sharedStateDatabase(parseSettings({ ...esdb, DATABASE_URL: url, PG_POOL_MAX: '4' }, '/srv')),
    ).toEqual({
      url,
      poolMax: 4,
    });
  });

  it('puts them in PostgreSQL with the PostgreSQL event store, and needs DATABASE_URL there', () => {
    expect(sharedStateDatabase({ eventStore: 'postgres', databaseUrl: url })).toEqual({ url, poolMax: 10 });
    expect(() => sharedStateDatabase({ eventStore: 'postgres' })).toThrow(/DATABASE_URL/);
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL, without repeating its password', () => {
    let refused: unknown;
    try {
      parseSettings({ DATABASE_URL: 'mysql://user:geheim@db/praktijklus' }, '/srv');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(InvalidSetting);
    expect((refused as Error).message).toContain('DATABASE_URL');
    expect((refused as Error).message).not.toContain('geheim');
  });
});
