import { isBlankText, normaliseText, textFault, visibleLength } from './text';

describe('text rules', () => {
  it('counts text of only white space or invisible characters as blank', () => {
    for (const blank of [
      '',
      '  ',
      '\u200b\u200b\u200b',
      '\u200d\ufeff\u00ad',
      '\u3164\u2800',
      '\u00a0\t\n',
    ]) {
      expect({ blank, isBlank: isBlankText(blank) }).toEqual({ blank, isBlank: true });
    }
    expect(isBlankText('\u200ba')).toBe(false);
    expect(visibleLength(' a\u200bb\u200bc ')).toBe(3);
  });

  it('refuses lone surrogates, controls, bidirectional overrides and private use; prose keeps line breaks', () => {
    const cases: Array<[string, string | undefined, string | undefined]> = [
      ['Zonnepanelen op het dak', undefined, undefined],
      ['regel een\nregel twee\r\n\tingesprongen', 'CONTROL_CHARACTER', undefined],
      ['a\u2028b', 'CONTROL_CHARACTER', undefined],
      ['a\u0000b', 'CONTROL_CHARACTER', 'CONTROL_CHARACTER'],
      ['a\u007fb', 'CONTROL_CHARACTER', 'CONTROL_CHARACTER'],
      ['a\u0085b', 'CONTROL_CHARACTER', 'CONTROL_CHARACTER'],
      ['gm0344\u202egnp.exe', 'BIDI_CONTROL', 'BIDI_CONTROL'],
      ['a\u2067b', 'BIDI_CONTROL', 'BIDI_CONTROL'],
      ['a\ue000a676d', 'PRIVATE_USE', 'PRIVATE_USE'],
      ['a\udb80\udc00', 'PRIVATE_USE', 'PRIVATE_USE'],
      ['a\ud800b', 'LONE_SURROGATE', 'LONE_SURROGATE'],
      ['a\udc00', 'LONE_SURROGATE', 'LONE_SURROGATE'],
      ['emoji \ud83d\ude00 en café', undefined, undefined],
    ];
    for (const [text, line, prose] of cases) {
      expect({ text, line: textFault(text, 'line')?.code, prose: textFault(text, 'prose')?.code }).toEqual({
        text,
        line,
        prose,
      });
    }
  });

  it('composes canonically, so one word is stored and found one way', () => {
    expect(normaliseText('cafe\u0301')).toBe('café');
    expect(normaliseText('café')).toBe('café');
  });
});
