import { deterministicUuid, eventIdFor } from './event-ids';

describe('deterministicUuid', () => {
  it('is a version-5-layout UUID, the same for the same parts', () => {
    const id = deterministicUuid('officer-1', 'key-1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicUuid('officer-1', 'key-1')).toBe(id);
  });

  it('differs when any part differs, also when parts only shift their boundary', () => {
    expect(deterministicUuid('ab', 'c')).not.toBe(deterministicUuid('a', 'bc'));
    expect(eventIdFor('seed', 'signal-1', 0)).not.toBe(eventIdFor('seed', 'signal-1', 1));
    expect(eventIdFor('seed', 'signal-1', 0)).not.toBe(eventIdFor('seed', 'signal-2', 0));
  });
});
