import fc from 'fast-check';
import type { ParseError } from 'jsonc-parser';
import { getNodeValue, parseTree } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { parseJsonBlock } from './json-block.js';

/** Pieces of JSON and of near-JSON, glued at random. */
const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  ' ',
  '\n',
  '\t',
  '\r',
  '\u00a0',
  '\ufeff',
  '\v',
  '"a"',
  '"b"',
  '"{{resolved.id}}"',
  '"é\\u00e9\\n\\"\\\\"',
  '"\\x"',
  '"\u0001"',
  '"\\ud800"',
  '0',
  '-0',
  '1',
  '01',
  '1.5',
  '1.',
  '.5',
  '1e3',
  '1E+2',
  '-',
  '+1',
  'true',
  'false',
  'null',
  'NaN',
  'Infinity',
  '//c',
  '/*c*/',
  "'s'",
  'x',
  '"__proto__"',
  '1e400',
  '12345678901234567890',
];
const jsonish = fc.oneof(
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 20 }).map((t) => t.join('')),
  fc.json(),
  fc.json().map((j) => j.replace(/,/, ',,')),
);

describe('parseJsonBlock', () => {
  it('reads valid JSON exactly as jsonc-parser does, and locates nodes and placeholders', () => {
    const content = '{\n  "method": "GET",\n  "path": "/apps/{{resolved.id}}"\n}';
    const { json, diagnostic } = parseJsonBlock(content, 10, 'c.md', 'the Request Template');
    expect(diagnostic).toBeUndefined();
    expect(json?.value).toEqual({ method: 'GET', path: '/apps/{{resolved.id}}' });
    expect(json?.positionOf([])).toEqual({ line: 10, column: 1 });
    expect(json?.keyPositionOf(['path'])).toEqual({ line: 12, column: 3 });
    expect(json?.placeholders(['method'])).toEqual([]);
    expect(json?.placeholders([], [['path']])).toEqual([]);
    expect(json?.placeholders()).toEqual([{ expr: 'resolved.id', raw: '{{resolved.id}}', line: 12, column: 18 }]);
  });

  it('locates the first error in the file', () => {
    const { diagnostic } = parseJsonBlock('{\n  "a": 1,\n}', 5, 'c.md', 'the Request Template');
    expect(diagnostic).toMatchObject({
      ruleId: 'invalid-json',
      line: 6,
      column: 9,
      message: 'the Request Template is not valid JSON: trailing comma before a closing bracket',
    });
  });

  it('JSON.parse accepts only what jsonc-parser accepts without errors, with the same value', () => {
    fc.assert(
      fc.property(jsonish, (text) => {
        const errors: ParseError[] = [];
        const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
        const { json, diagnostic } = parseJsonBlock(text, 1, 'c.md', 'x');
        if (errors.length || !root) {
          expect(diagnostic?.ruleId, text).toBe('invalid-json');
          return;
        }
        expect(diagnostic, text).toBeUndefined();
        // Same values and key order; only the prototype differs (getNodeValue
        // makes null-prototype objects, JSON.parse ordinary ones).
        const reference: unknown = getNodeValue(root);
        expect(json?.value, text).toEqual(reference);
        expect(JSON.stringify(json?.value), text).toBe(JSON.stringify(reference));
        expect(json?.find([])?.offset, text).toBe(root.offset);
      }),
      { numRuns: 3000, seed: 20260125 },
    );
  });
});
