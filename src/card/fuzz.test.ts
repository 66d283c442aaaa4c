import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParseCardResult } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { lintCards } from '../lint/lint-cards.js';
import { RULE_DOCS } from '../lint/rule-docs.js';
import type { LoadedCard } from '../plan/plan-run.js';
import { planRun } from '../plan/plan-run.js';
import { parseCard } from './parse-card.js';

/**
 * Any bytes given as a card give a card or located diagnostics, never an
 * exception (issue 3). The seed cards and the runnable specs are mutated at
 * random, byte by byte and line by line, and the whole lint pipeline runs on
 * the mutants. Runs are bounded and replayable: fixed seed, fixed count.
 * To search harder: FUZZ_RUNS=5000 FUZZ_SEED=7 npx vitest run src/card/fuzz.test.ts
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const SEED = Number(process.env.FUZZ_SEED ?? 20260125);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

function baseCards(): { file: string; bytes: Uint8Array }[] {
  const seeds = ['000_e5b2871b98d23f98.txt', '001_6e7fb2f22a9061ea.txt'].map((f) => `fixtures/seeds/${f}`);
  // The runnable specs of every API: between them they use every part of the card language.
  const specs = readdirSync(path.join(ROOT, 'specs'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(ROOT, 'specs', d.name))
        .filter((f) => f.endsWith('.md') && f !== 'README.md')
        .map((f) => `specs/${d.name}/${f}`),
    )
    .sort();
  return [...seeds, ...specs].map((file) => ({ file, bytes: readFileSync(path.join(ROOT, file)) }));
}

const BASES = baseCards();
const KNOWN_RULES = new Set(RULE_DOCS.map((r) => r.id));
const LF = 10;

/** Bytes that are not UTF-8, or are easy to get wrong: lone continuation, overlong, surrogate, truncated, past U+10FFFF. */
const BAD_UTF8 = [
  [0x80],
  [0xff],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe9],
  [0xf0, 0x9f],
];
/** Text that matters to the card grammar. */
const TOKENS = [
  '---',
  '```',
  '```json',
  '~~~',
  '{',
  '}',
  '[',
  ']',
  '"',
  ',',
  ':',
  '{{',
  '}}',
  '{{resolved.x}}',
  '{{card.a.response.b}}',
  '<<x>>',
  '#',
  '## Request Template',
  '## UID Resolution Procedure',
  '## Expected Response',
  '| Field | Source | Notes |',
  '|---|---|---|',
  '**200 OK**',
  '\t',
  '\r',
  '\r\n',
  '\ufeff',
  '\u2028',
  '\\',
  '\u0000',
  'status: skip',
  'endpoint: GET /x',
];

type Mutation = (bytes: Uint8Array) => Uint8Array;

const cat = (...parts: ArrayLike<number>[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const utf8 = (s: string) => new TextEncoder().encode(s);
/** Split into lines, keeping each line's own bytes (no LF). */
const linesOf = (b: Uint8Array): Uint8Array[] => {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= b.length; i++) {
    if (i === b.length || b[i] === LF) {
      out.push(b.subarray(start, i));
      start = i + 1;
    }
  }
  return out;
};
const joinLines = (ls: Uint8Array[]) => cat(...ls.flatMap((l, i) => (i ? [[LF], l] : [l])));
/** A position in [0, length], from a fraction. */
const at = (b: Uint8Array, f: number) => Math.floor(f * (b.length + 1)) % (b.length + 1);

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fraction, fc.uint8Array({ minLength: 1, maxLength: 8 })).map(
    ([f, ins]): Mutation =>
      (b) =>
        cat(b.subarray(0, at(b, f)), ins, b.subarray(at(b, f))),
  ),
  fc.tuple(fraction, fc.integer({ min: 1, max: 64 })).map(
    ([f, n]): Mutation =>
      (b) =>
        cat(b.subarray(0, at(b, f)), b.subarray(Math.min(b.length, at(b, f) + n))),
  ),
  fc.tuple(fraction, fc.integer({ min: 0, max: 255 })).map(
    ([f, v]): Mutation =>
      (b) => {
        const out = Uint8Array.from(b);
        if (out.length) out[at(b, f) % out.length] = v;
        return out;
      },
  ),
  fraction.map(
    (f): Mutation =>
      (b) =>
        b.subarray(0, at(b, f)),
  ),
  fc.tuple(fraction, fc.constantFrom(...BAD_UTF8)).map(
    ([f, bad]): Mutation =>
      (b) =>
        cat(b.subarray(0, at(b, f)), bad, b.subarray(at(b, f))),
  ),
  fc.tuple(fraction, fc.constantFrom(...TOKENS)).map(
    ([f, t]): Mutation =>
      (b) =>
        cat(b.subarray(0, at(b, f)), utf8(t), b.subarray(at(b, f))),
  ),
  fc.tuple(fraction, fc.constantFrom(...TOKENS)).map(
    ([f, t]): Mutation =>
      (b) => {
        const ls = linesOf(b);
        ls.splice(at(b, f) % (ls.length + 1), 0, utf8(t));
        return joinLines(ls);
      },
  ),
  fc.tuple(fraction, fc.integer({ min: 1, max: 3 })).map(
    ([f, times]): Mutation =>
      (b) => {
        const ls = linesOf(b);
        const i = Math.floor(f * ls.length);
        const line = ls[i] ?? new Uint8Array();
        ls.splice(i, 0, ...Array.from({ length: times }, () => line));
        return joinLines(ls);
      },
  ),
  fc.tuple(fraction, fc.integer({ min: 1, max: 5 })).map(
    ([f, n]): Mutation =>
      (b) => {
        const ls = linesOf(b);
        ls.splice(Math.floor(f * ls.length), n);
        return joinLines(ls);
      },
  ),
  fc.tuple(fraction, fraction).map(
    ([f, g]): Mutation =>
      (b) => {
        const ls = linesOf(b);
        const i = Math.floor(f * ls.length);
        const j = Math.floor(g * ls.length);
        [ls[i], ls[j]] = [ls[j] ?? new Uint8Array(), ls[i] ?? new Uint8Array()];
        return joinLines(ls);
      },
  ),
  fc.constant<Mutation>((b) => cat([0xef, 0xbb, 0xbf], b)),
  fc.constant<Mutation>((b) => joinLines(linesOf(b).map((l) => cat(l, [13])))),
  fc.constant<Mutation>((b) => Uint8Array.from(b, (x) => (x === LF ? 13 : x))),
  fc.constant<Mutation>((b) => joinLines(linesOf(b).map((l) => cat([9], l)))),
);

const mutatedBase = fc
  .tuple(fc.integer({ min: 0, max: BASES.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([i, ms]) => {
    const base = BASES[i] ?? { file: 'x.md', bytes: new Uint8Array() };
    return { file: `mutants/${i}-${path.basename(base.file)}`, bytes: ms.reduce((b, m) => m(b), base.bytes) };
  });

/** A card put together from the grammar's pieces and random text, line by line. */
const assembled = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...TOKENS) },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    ),
    { maxLength: 40 },
  )
  .map((lines) => ({ file: 'mutants/assembled.md', bytes: utf8(lines.join('\n')) }));

const mutant = fc.oneof({ weight: 4, arbitrary: mutatedBase }, { weight: 1, arbitrary: assembled });

/** Every diagnostic is located in the file and names a documented rule. */
function expectWellFormed(d: Diagnostic, file: string, lines: string[]): void {
  const where = `${d.ruleId} at ${d.line}:${d.column}`;
  expect(d.file, where).toBe(file);
  expect(KNOWN_RULES.has(d.ruleId), `${where}: undocumented rule id`).toBe(true);
  expect(['error', 'warning'], where).toContain(d.severity);
  expect(
    Number.isInteger(d.line) && d.line >= 1 && d.line <= lines.length + 1,
    `${where}: line outside the file (${lines.length} lines)`,
  ).toBe(true);
  expect(Number.isInteger(d.column) && d.column >= 1, `${where}: column`).toBe(true);
  expect(d.column <= (lines[d.line - 1]?.length ?? 0) + 1, `${where}: column past the end of its line`).toBe(true);
  expect(typeof d.message === 'string' && d.message.trim().length > 0, `${where}: message`).toBe(true);
}

function checkParse(result: ParseCardResult, file: string): void {
  expect(result.card !== undefined || result.diagnostics.length > 0, 'neither a card nor a diagnostic').toBe(true);
  for (const d of result.diagnostics) expectWellFormed(d, file, result.text.split('\n'));
}

/** What `cardcheck lint` does with parsed cards (src/runner/lint-project.ts). */
function lintAndPlan(cards: LoadedCard[]): void {
  const linted = lintCards(cards);
  const withLint = cards.map((c) => ({ ...c, diagnostics: linted.get(c.file) ?? c.diagnostics }));
  const plan = planRun(withLint, {
    profiles: { 'vcita-directory': { type: 'bearer', token: '{{env.DIRECTORY_TOKEN}}' } },
  });
  const lines = new Map(cards.map((c) => [c.file, c.text.split('\n')]));
  for (const ds of linted.values()) for (const d of ds) expectWellFormed(d, d.file, lines.get(d.file) ?? []);
  for (const p of plan.cards) for (const d of p.diagnostics) expectWellFormed(d, d.file, lines.get(d.file) ?? []);
  expect(plan.cards).toHaveLength(cards.length);
}

describe('parseCard on mutated cards', () => {
  it('the unmutated bases parse', () => {
    expect(BASES.length).toBeGreaterThan(2);
    for (const b of BASES) expect(parseCard(b.bytes, b.file).card, b.file).toBeDefined();
  });

  it('never throws, and gives a card or well-formed diagnostics', () => {
    fc.assert(
      fc.property(mutant, ({ file, bytes }) => {
        checkParse(parseCard(bytes, file), file);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('the lint pipeline (lintCards + planRun) never throws on a set of mutants', () => {
    fc.assert(
      fc.property(fc.array(mutant, { minLength: 1, maxLength: 4 }), fc.boolean(), (mutants, withBases) => {
        // Unique names; sometimes the untouched cards too, so duplicates and chains have partners.
        const inputs = [
          ...mutants.map((m, i) => ({ ...m, file: `${m.file.replace(/\.\w+$/, '')}-${i}.md` })),
          ...(withBases ? BASES : []),
        ];
        const cards: LoadedCard[] = inputs.map(({ file, bytes }) => ({ file, ...parseCard(bytes, file) }));
        lintAndPlan(cards);
      }),
      { numRuns: Math.ceil(RUNS / 3), seed: SEED },
    );
  });
});

describe('parseCard on edge-case files', () => {
  const parse = (bytes: Uint8Array | string, file = 'edge.md') => {
    const result = parseCard(bytes, file);
    checkParse(result, file);
    lintAndPlan([{ file, ...result }]);
    return result;
  };

  it('an empty file is not a card', () => {
    expect(parse(new Uint8Array()).diagnostics.map((d) => d.ruleId)).toEqual(['not-a-card']);
  });

  it('a file of only --- is an unclosed front-matter', () => {
    expect(parse('---').diagnostics.map((d) => d.ruleId)).toEqual(['unclosed-front-matter']);
    expect(parse('---\n---\n---\n').diagnostics.map((d) => d.ruleId)).toEqual(['not-a-card']);
  });

  it('a BOM, CRLF line ends and tabs are accepted silently', () => {
    const text = new TextDecoder().decode(BASES.find((b) => b.file.endsWith('get-app.md'))?.bytes);
    const crlf = cat([0xef, 0xbb, 0xbf], utf8(text.replace(/\n/g, '\r\n').replace(/^ {2}/gm, '\t')));
    const result = parse(crlf);
    expect(result.diagnostics).toEqual([]);
    expect(result.card?.request).toMatchObject({ method: 'GET', path: '/platform/v1/apps/{{resolved.client_id}}' });
  });

  it('a 5 MB card parses into a card', () => {
    const big = `"${'x'.repeat(5 * 1024 * 1024)}"`;
    const text = `---\nendpoint: POST /platform/v1/apps\nstatus: success\n---\n# Big\n\n## Request Template\n\n\`\`\`json\n{ "method": "POST", "path": "/platform/v1/apps", "body": { "blob": ${big} } }\n\`\`\`\n`;
    const result = parse(utf8(text));
    expect(result.diagnostics).toEqual([]);
    expect(result.card?.request?.body).toEqual({ blob: big.slice(1, -1) });
  });

  it('5 MB of repeated seed text, and 5 MB of random bytes, give diagnostics, not exceptions', () => {
    const seed = BASES[0]?.bytes ?? new Uint8Array();
    const repeated = cat(...Array.from({ length: Math.ceil((5 * 1024 * 1024) / seed.length) }, () => seed));
    expect(parse(repeated).card).toBeDefined();
    let x = SEED;
    const noise = Uint8Array.from({ length: 5 * 1024 * 1024 }, () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x >>> 24;
    });
    expect(parse(noise).diagnostics.map((d) => d.ruleId)).toContain('invalid-utf8');
  });
});
