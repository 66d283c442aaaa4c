import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { parseSimpleYaml } from './simple-yaml.js';

/** What front-matter.ts computes with the full parser. */
function viaYaml(text: string): { errors: number; record: unknown; keyLines: Record<string, number> } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, schema: 'core', prettyErrors: false, uniqueKeys: true });
  const keyLines: Record<string, number> = {};
  if (isMap(doc.contents)) {
    for (const item of doc.contents.items) {
      if (isScalar(item.key) && item.key.range)
        keyLines[String(item.key.value)] = lineCounter.linePos(item.key.range[0]).line;
    }
  }
  const data: unknown = doc.errors.length ? {} : doc.toJS();
  const record = typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {};
  return { errors: doc.errors.length, record, keyLines };
}

const KEYS = [
  'endpoint',
  'status',
  'tags',
  'savedAt',
  'id',
  'a',
  'b-c',
  '_x',
  'true',
  'null',
  'key with space',
  '__proto__',
  'toString',
  '1',
  'k:',
];
const VALUES = [
  'POST /oauth/token',
  'GET /apps/{client_id}',
  'success',
  'skip',
  '2026-01-25T05:30:54.250Z',
  '2026-01-25',
  '0',
  '42',
  '007',
  '0x1F',
  '0o17',
  '1e3',
  '1.5',
  '.5',
  '-1',
  '+1',
  '.inf',
  '-.inf',
  '.nan',
  'null',
  'Null',
  '~',
  'true',
  'False',
  'yes',
  'no',
  '[]',
  '[a, b]',
  '[ a , b ]',
  '[a,, b]',
  '[a, b,]',
  '[1, 2]',
  '[a: b]',
  '[x',
  'a, b',
  'a: b',
  'a #c',
  'a#b',
  'a :b',
  'text (with) parens - and, commas.',
  '"quoted"',
  "'single'",
  '"a\\"b"',
  "'it''s'",
  '"unclosed',
  '"a" # c',
  '{a: 1}',
  '{{env.X}}',
  '*alias',
  '&anchor x',
  '!tag x',
  '|',
  '>',
  '- item',
  '? q',
  '%x',
  '@x',
  '`x`',
  ',x',
  'https://example.com/a?b=c#d',
  'trailing ',
  '',
  'tab\tinside',
  'ünïcödé',
  '😀',
  '(paren',
  '/path',
  '_under',
  'x:',
  'x::y',
  'C:\\dir',
];
const SEPARATORS = [': ', ':  ', ':', ' : ', ':\t'];
const EXTRA_LINES = [
  '',
  '   ',
  '# comment',
  '  indented: x',
  '\t',
  '- item',
  '...',
  '---',
  'no colon',
  '  - a',
  '%YAML 1.2',
];

const line = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...KEYS), fc.constantFrom(...SEPARATORS), fc.constantFrom(...VALUES))
      .map(([k, s, v]) => `${k}${s}${v}`),
  },
  { weight: 1, arbitrary: fc.constantFrom(...EXTRA_LINES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

describe('parseSimpleYaml, the front-matter fast path', () => {
  it('reads the seed front-matter', () => {
    const text =
      '\nendpoint: POST /oauth/service/token\ndomain: apps\ntags: []\nstatus: success\nsavedAt: 2026-01-25T05:30:54.250Z\ntimesReused: 0';
    expect(parseSimpleYaml(text)).toEqual({
      record: {
        endpoint: 'POST /oauth/service/token',
        domain: 'apps',
        tags: [],
        status: 'success',
        savedAt: '2026-01-25T05:30:54.250Z',
        timesReused: 0,
      },
      keyLines: { endpoint: 2, domain: 3, tags: 4, status: 5, savedAt: 6, timesReused: 7 },
    });
  });

  it('gives up on anything it is not sure of', () => {
    for (const text of [
      'a: null',
      'a: 1.5',
      'a: {x: 1}',
      'a: |\n  x',
      'a:\n  b: 1',
      'a: x\na: y',
      'a: "x\\ty"',
      'a: [x',
      'a: x # c',
    ]) {
      expect(parseSimpleYaml(text), text).toBeUndefined();
    }
  });

  it('agrees with the yaml package whenever it answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const text = ['', ...lines].join('\n');
        const fast = parseSimpleYaml(text);
        if (!fast) return;
        answered++;
        const full = viaYaml(text);
        expect(full.errors, text).toBe(0);
        expect(fast.record, text).toStrictEqual(full.record);
        expect(fast.keyLines, text).toStrictEqual(full.keyLines);
      }),
      { numRuns: 3000, seed: 20260125 },
    );
    // The property is only worth something if the fast path answers often.
    expect(answered).toBeGreaterThan(300);
  });
});
