import { MAX_JSON_DEPTH, nestingDepthExceeds } from './json-bodies';

describe('nestingDepthExceeds', () => {
  it('counts objects and arrays alike', () => {
    expect(nestingDepthExceeds('{"a":[{"b":[1]}]}', 4)).toBe(false);
    expect(nestingDepthExceeds('{"a":[{"b":[1]}]}', 3)).toBe(true);
  });

  it('ignores brackets inside strings, also after escaped quotes', () => {
    const text = JSON.stringify({ title: '[[[[{{{{"\\"[[[[', nested: { ok: true } });
    expect(nestingDepthExceeds(text, 2)).toBe(false);
  });

  it('lets every API body through and stops thousands of levels at the limit', () => {
    expect(
      nestingDepthExceeds(JSON.stringify({ norms: [{ ref: 'Bbl 4.101' }], filter: { a: [1] } }), 32),
    ).toBe(false);
    expect(nestingDepthExceeds('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(
      false,
    );
    expect(nestingDepthExceeds('['.repeat(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(nestingDepthExceeds('{"a":'.repeat(100_000), MAX_JSON_DEPTH)).toBe(true);
  });
});
