import { StoreUnavailable, StreamDeleted } from '@praktijklus/event-store';
import { answerFor } from './problem';

describe('event store errors as problems', () => {
  it('answers an unavailable store 503 STORE_UNAVAILABLE with Retry-After, logged', () => {
    const answer = answerFor(new StoreUnavailable('EventStoreDB unavailable: cancelled'));
    expect(answer.problem).toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
    expect(answer.problem.detail).not.toMatch(/EventStoreDB|cancelled/);
    expect(answer.headers).toEqual({ 'retry-after': '5' });
    expect(answer.unexpected).toBe(true);
  });

  it('answers a deleted stream 410 STREAM_DELETED without its name, logged', () => {
    const answer = answerFor(new StreamDeleted('signal-7f0c'));
    expect(answer.problem).toMatchObject({ status: 410, title: 'Gone', code: 'STREAM_DELETED' });
    expect(answer.problem.detail).not.toMatch(/signal-7f0c/);
    expect(answer.unexpected).toBe(true);
  });
});
