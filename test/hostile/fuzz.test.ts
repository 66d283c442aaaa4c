import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../src/config/load-config.js';
import { runCards } from '../../src/runner/run-cards.js';
import { cardcheck } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';
import type { LoopbackServer } from './server.js';
import { getCard, loopback, STACK_FRAME } from './server.js';

/**
 * Hostile configs, cards and responses through `run`: whatever comes in, a
 * card passes, fails or errors with a message; nothing is an internal error,
 * nothing prints a stack trace, and each property stops within its time limit.
 */

const SEED = 20261202;
const TIME_LIMIT = 8_000;

interface Answer {
  status: number;
  contentType: string;
  body: string;
}
let answer: Answer = { status: 200, contentType: 'application/json', body: '{}' };
let server: LoopbackServer;
beforeAll(async () => {
  server = await loopback((_req, res) => {
    res.writeHead(answer.status, { 'content-type': answer.contentType });
    res.end(answer.body);
  });
});
afterAll(async () => server.close());

const HOSTILE_TEXT = [
  '',
  '\u0000',
  '\uFEFF{"a":1}',
  '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}',
  '{"a":1,"a":2}',
  '[1,2,',
  '{"a":"\\ud800"}',
  `${'['.repeat(600)}${']'.repeat(600)}`,
  `${'{"a":'.repeat(400)}1${'}'.repeat(400)}`,
  `{"a":"${'a'.repeat(200_000)}!"}`,
  `{"data":[${Array(5000).fill('{"id":1}').join(',')}]}`,
  '1e999',
  '"just a string"',
  'null',
  'access_token=abc&refresh_token=def',
];
const PATTERNS = ['^(a+)+$', '(a|aa)+$', '(?=a)', '(a)\\1', '[', '\\u00e9', '.*.*.*.*=.*', '^', '(?i)ABC', '\\p{L}+'];

const answerArb: fc.Arbitrary<Answer> = fc.record({
  status: fc.constantFrom(200, 201, 204, 400, 404, 500, 599),
  contentType: fc.constantFrom('application/json', 'application/problem+json', 'text/plain', 'text/html', ''),
  body: fc.oneof(fc.constantFrom(...HOSTILE_TEXT), fc.string({ maxLength: 200 }), fc.json({ depthSize: 'large' })),
});

const assertionArb = fc.oneof(
  fc.record({
    path: fc.constantFrom('a', 'data[0].id', 'a.a.a', '__proto__', 'constructor.prototype'),
    matches: fc.constantFrom(...PATTERNS),
  }),
  fc.record({ path: fc.constantFrom('a', 'data', ''), equals: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ header: fc.constantFrom('content-type', 'x-none'), contains: fc.string({ maxLength: 10 }) }),
  fc.record({ path: fc.constantFrom('data', 'a'), type: fc.constantFrom('array', 'object', 'string') }),
);

const cardArb = fc.record({
  assert: fc.array(assertionArb, { maxLength: 4 }),
  schema: fc.constantFrom(
    undefined,
    { type: 'object' },
    { type: 'object', required: ['a'] },
    { items: { type: 'integer' } },
  ),
  bullets: fc.array(
    fc.constantFrom(
      '- body.a matches /^(a+)+$/',
      '- body.a matches /(?!x)/',
      '- body.data has at least 1 item',
      '- status is 200',
      '- every item in body.data has id = 1',
    ),
    { maxLength: 3 },
  ),
});

function noInternal(texts: string[]): void {
  for (const t of texts) {
    expect(t).not.toMatch(/internal error/);
    expect(t).not.toMatch(STACK_FRAME);
  }
}

describe('fuzz: hostile input through run', () => {
  it('hostile responses and cards: every card ends with a verdict or a message, never an internal error', async () => {
    const dir = await tempDir('cardcheck-hostile-fuzz-');
    const config = defaultConfig();
    await fc.assert(
      fc.asyncProperty(answerArb, cardArb, async (a, c) => {
        answer = a;
        const json = {
          status: a.status,
          ...(c.schema ? { schema: c.schema } : {}),
          ...(c.assert.length ? { assert: c.assert } : {}),
        };
        await writeFile(path.join(dir, 'json.md'), getCard('/j', { json }));
        await writeFile(
          path.join(dir, 'bullets.md'),
          getCard('/b', { bullets: c.bullets.length ? c.bullets : ['- status is 200'] }),
        );
        const run = await runCards({ paths: ['.'], cwd: dir, target: server.origin, config, retries: 0 });
        for (const card of run.cards) {
          expect(['passed', 'failed', 'errored', 'skipped']).toContain(card.outcome);
          noInternal([card.reason, ...card.diagnostics.map((d) => d.message), ...card.checks.map((k) => k.message)]);
        }
      }),
      { numRuns: 60, seed: SEED, interruptAfterTimeLimit: TIME_LIMIT },
    );
  }, 15_000);

  it('hostile configs: parseConfig never throws, every problem is located in the file', () => {
    const lines = fc.constantFrom(
      'targets:',
      '  local: http://127.0.0.1:9',
      '  bad: "not a url"',
      'a: &a [x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'auth:',
      '  p: { type: bearer, token: "{{env.T}}" }',
      '  q: *a',
      'defaultTarget: *nope',
      '<<: *a',
      '? [a, b]',
      '  : c',
      `x: ${'['.repeat(3000)}`,
      '--- !!js/function "f"',
      '\t- tab',
      'secrets: [{{env.X}}]',
    );
    fc.assert(
      fc.property(fc.array(lines, { maxLength: 12 }), (ls) => {
        const text = ls.join('\n');
        const { diagnostics } = parseConfig(text, 'cardcheck.config.yaml');
        for (const d of diagnostics) {
          expect(d.file).toBe('cardcheck.config.yaml');
          expect(d.line).toBeGreaterThanOrEqual(1);
          noInternal([d.message]);
        }
      }),
      { numRuns: 150, seed: SEED, interruptAfterTimeLimit: TIME_LIMIT },
    );
  }, 15_000);

  it('hostile configs through the CLI: exit 2 with a located message, never 70', async () => {
    const dir = await tempDir('cardcheck-hostile-fuzz-');
    await writeFile(path.join(dir, 'a.md'), getCard('/a', { json: { status: 200 } }));
    const configs = [
      'targets: &t\n  local: [*t]\n',
      `x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
      'targets:\n  local: 12\n',
      'a: &a [x]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\ntargets:\n  local: http://127.0.0.1:9\n',
    ];
    for (const text of configs) {
      await writeFile(path.join(dir, 'cardcheck.config.yaml'), text);
      const res = await cardcheck(['run', '.', '--out', dir], { cwd: dir });
      expect([0, 1, 2, 3], res.stdout + res.stderr).toContain(res.code);
      noInternal([res.stdout, res.stderr]);
    }
  }, 15_000);
});
