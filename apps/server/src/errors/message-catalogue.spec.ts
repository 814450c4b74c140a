import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { ESCALATION_STATUSES } from '@praktijklus/domain';
import { hasFieldLabel } from './field-labels';
import { LANGUAGES } from './language';
import { messageTexts } from './localise';
import { RULE_MESSAGES } from './rule-messages';

// The translation table is complete: every validation constraint the request classes use, every
// property they name and every code the server answers with has a Dutch and an English text.

const ROOT = resolve(__dirname, '..', '..', '..', '..');

const sourceFiles = (...paths: string[]): string[] =>
  execFileSync('git', ['ls-files', ...paths], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$|fixture/.test(file));

/** Every class of the server that carries class-validator metadata (DTOs, GraphQL inputs, args). */
function validatedClasses(): Array<{ name: string; target: new () => object }> {
  const classes: Array<{ name: string; target: new () => object }> = [];
  for (const file of sourceFiles('apps/server/src')) {
    if (!readFileSync(join(ROOT, file), 'utf8').includes("from 'class-validator'")) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads each module to walk its metadata
    const exported = require(join(ROOT, file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      if (typeof value !== 'function') continue;
      const target = value as new () => object;
      if (getMetadataStorage().getTargetValidationMetadatas(target, '', true, false).length > 0) {
        classes.push({ name, target });
      }
    }
  }
  return classes;
}

function validationMetadata() {
  return validatedClasses().flatMap(({ name, target }) =>
    getMetadataStorage()
      .getTargetValidationMetadatas(target, '', true, false)
      .map((metadata) => ({ className: name, metadata })),
  );
}

const CONSTRUCTED_CODE = [
  /new (?:InvalidInput|Forbidden|NotFound|NotVisible|IllegalState|PreconditionFailed|AuthenticationFailed|AccessDenied)\(\s*'([A-Z][A-Z0-9_]+)'/g,
  /new HttpProblem\(\s*\d{3},\s*'([A-Z][A-Z0-9_]+)'/g,
  /\bproblem\(\s*\d{3},\s*'([A-Z][A-Z0-9_]+)'/g,
  /\bcode(?: =|:) '([A-Z][A-Z0-9_]+)'/g,
  /\b\d{3}: '([A-Z][A-Z0-9_]+)'/g,
  /graphqlError\([^)]*?'([A-Z][A-Z0-9_]+)'/g,
  // A code passed as the last argument (requireWithinYears(..., 'RESPOND_BY_TOO_FAR')).
  /,\s*'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)',?\s*\)/g,
];

/** Every code a refusal is constructed with in the server and the libraries it runs. */
function answeredCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const file of sourceFiles('apps/server/src', 'libs')) {
    if (file.startsWith('libs/testing/')) continue;
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const pattern of CONSTRUCTED_CODE) {
      for (const match of text.matchAll(pattern)) codes.set(match[1], file);
    }
    // Text faults are a union of literal codes (shared/text.ts).
    const union = /TextFaultCode =([^;]+);/.exec(text);
    for (const literal of union?.[1].matchAll(/'([A-Z_]+)'/g) ?? []) codes.set(literal[1], file);
  }
  // The escalation's status rule composes its code from the status it needs or already has.
  for (const status of ESCALATION_STATUSES.slice(1)) {
    codes.set(`ESCALATION_NOT_${status}`, 'escalation.decider.ts');
    codes.set(`ESCALATION_ALREADY_${status}`, 'escalation.decider.ts');
  }
  codes.set('AUTHENTICATION_UNAVAILABLE', 'libs/auth/src/auth-errors.ts');
  return codes;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  const metadata = validationMetadata();

  it('finds the request classes it checks', () => {
    const names = new Set(metadata.map(({ className }) => className));
    expect(names.has('RaiseEscalationDto')).toBe(true);
    expect(names.has('RecordFollowUpDto')).toBe(true);
    expect(names.has('SignalFilterInput')).toBe(true);
    expect(names.size).toBeGreaterThan(30);
  });

  it('has a Dutch and an English text for every validation constraint the request classes use', () => {
    const constraints = new Set<string>(['whitelistValidation', 'unknownValue']);
    for (const { metadata: entry } of metadata) {
      if (entry.type === 'customValidation' && entry.name) constraints.add(entry.name);
      if (entry.type === 'nestedValidation') constraints.add('nestedValidation');
    }
    expect(constraints).toContain('maxLength');
    expect(constraints).toContain('isUuid');
    expect(constraints).toContain('isIsoDateTime');
    const missing = [...constraints].filter((name) =>
      LANGUAGES.some((language) => !(RULE_MESSAGES[name]?.[language] ?? '').trim()),
    );
    expect(missing).toEqual([]);
  });

  it('has a label for every property the request classes name', () => {
    const properties = new Set(metadata.map(({ metadata: entry }) => entry.propertyName));
    expect(properties).toContain('respondBy');
    expect([...properties].filter((property) => !hasFieldLabel(property))).toEqual([]);
  });

  it('has a Dutch and an English text for every code the server answers with', () => {
    const codes = answeredCodes();
    for (const known of [
      'RESPOND_BY_NOT_IN_FUTURE',
      'UNKNOWN_SIGNAL',
      'HELD_IN_FUTURE',
      'RESPOND_BY_TOO_FAR',
    ]) {
      expect(codes.has(known)).toBe(true);
    }
    expect(codes.size).toBeGreaterThan(100);
    const missing = [...codes]
      .filter(([code]) => LANGUAGES.some((language) => !(messageTexts(code)?.[language] ?? '').trim()))
      .map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('names the same parameters in Dutch and English', () => {
    const codes = [...answeredCodes().keys(), ...Object.keys(RULE_MESSAGES)];
    const differing = codes.filter((code) => {
      const texts = messageTexts(code);
      return texts !== undefined && placeholders(texts.nl).join() !== placeholders(texts.en).join();
    });
    expect(differing).toEqual([]);
  });
});
