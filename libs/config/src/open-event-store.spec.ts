import { streamCategories, streamIdOf, type StreamCategory } from '@praktijklus/domain';
import { esdbStoreOptions } from './open-event-store';

describe('EventStoreDB adapter options', () => {
  it('counts the streams of every aggregate as ours, and nothing else', () => {
    const prefixes = esdbStoreOptions().streamPrefixes ?? [];
    const ours = (streamId: string) => prefixes.some((prefix) => streamId.startsWith(prefix));
    for (const category of Object.keys(streamCategories) as StreamCategory[]) {
      expect([category, ours(streamIdOf(category, '7f0c'))]).toEqual([category, true]);
    }
    expect(ours('orders-7f0c')).toBe(false);
    expect(ours('$stats-127.0.0.1:2113')).toBe(false);
  });

  it('reports passed-over foreign events where the caller says, else where the adapter does', () => {
    const heard: string[] = [];
    const options = esdbStoreOptions((message) => heard.push(message));
    options.warn?.('skipped 1 event(s)');
    expect(heard).toEqual(['skipped 1 event(s)']);
    expect(esdbStoreOptions()).not.toHaveProperty('warn');
  });
});
