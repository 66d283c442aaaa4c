import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cardcheck } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';
import type { LoopbackServer } from './server.js';
import { getCard, loopback, STACK_FRAME } from './server.js';

/**
 * 10,000-deep JSON overflowed the stack in redaction ("internal error"). A
 * response nested past 512 levels errors its card with a message; one within
 * the bound goes through every check and every reporter; cards nested too
 * deep (JSON, YAML, front-matter) are located lint errors.
 */

const servers: LoopbackServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const deepObject = (d: number) => `${'{"a":'.repeat(d)}1${'}'.repeat(d)}`;
const deepArray = (d: number) => `${'['.repeat(d)}${']'.repeat(d)}`;
const ALL = ['--reporter', 'console,json,junit,html,github'];
const noCrash = (out: string) => {
  expect(out).not.toMatch(/internal error|Maximum call stack/);
  expect(out).not.toMatch(STACK_FRAME);
};

async function server(): Promise<LoopbackServer> {
  const s = await loopback((req, res) => {
    const [, kind, depth] = /^\/(\w+)\/(\d+)/.exec(req.url ?? '') ?? [];
    const body = kind === 'arr' ? deepArray(Number(depth)) : deepObject(Number(depth));
    res.writeHead(200, { 'content-type': kind === 'text' ? 'text/plain' : 'application/json' });
    res.end(body);
  });
  servers.push(s);
  return s;
}

describe('deep JSON', () => {
  it('a 10,000-deep response errors its card with a message; as text/plain it is shown as text', async () => {
    const s = await server();
    const dir = await tempDir('cardcheck-hostile-deep-');
    const expect200 = { json: { status: 200, assert: [{ path: 'a.a', exists: true }] } };
    await writeFile(path.join(dir, 'obj.md'), getCard('/obj/10000', expect200));
    await writeFile(
      path.join(dir, 'arr.md'),
      getCard('/arr/10000', { json: { status: 200, schema: { type: 'array' } } }),
    );
    await writeFile(path.join(dir, 'text.md'), getCard('/text/10000', { json: { status: 200 } }));
    const started = Date.now();
    const res = await cardcheck(['run', '.', '--target', s.origin, '--out', dir, ...ALL], { cwd: dir });
    expect(Date.now() - started).toBeLessThan(10_000);
    noCrash(res.stdout + res.stderr);
    expect(res.code).toBe(2);
    const results = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as {
      cards: { file: string; outcome: string; reason: string }[];
    };
    const deep = 'the response is JSON nested deeper than 512 levels, more than cardcheck reads: it is not checked';
    expect(results.cards.map((c) => [c.file, c.outcome, c.reason])).toEqual([
      ['arr.md', 'errored', deep],
      ['obj.md', 'errored', deep],
      ['text.md', 'passed', ''],
    ]);
  }, 15_000);

  it('a 500-deep response goes through schema, assertions and every reporter', async () => {
    const s = await server();
    const dir = await tempDir('cardcheck-hostile-deep-');
    const schema = {
      $ref: '#/$defs/n',
      $defs: { n: { anyOf: [{ type: 'integer' }, { type: 'object', properties: { a: { $ref: '#/$defs/n' } } }] } },
    };
    await writeFile(
      path.join(dir, 'ok.md'),
      getCard('/obj/500', { json: { status: 200, schema, assert: [{ path: 'a.a', exists: true }] } }),
    );
    await writeFile(
      path.join(dir, 'fail.md'),
      getCard('/obj/500', { json: { status: 200, assert: [{ path: 'a', equals: 1 }] } }),
    );
    const res = await cardcheck(['run', '.', '--target', s.origin, '--out', dir, ...ALL], { cwd: dir });
    noCrash(res.stdout + res.stderr);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('a: expected to equal 1, found {"a":{"a":');
    expect((await readdir(dir)).filter((f) => /\.(json|xml|html)$/.test(f)).sort()).toEqual([
      'junit.xml',
      'report.html',
      'results.json',
    ]);
  }, 15_000);

  it('cards nested too deep are located errors: a JSON block, a YAML block, front-matter', async () => {
    const dir = await tempDir('cardcheck-hostile-deep-');
    const deep = deepArray(10_000);
    await writeFile(
      path.join(dir, 'json.md'),
      getCard('/a', { json: { status: 200, schema: { items: 'X' } } }).replace('"X"', deep),
    );
    await writeFile(path.join(dir, 'yaml.md'), getCard('/b', { yaml: `- jsonpath: $.x\n  equals: ${deep}` }));
    await writeFile(
      path.join(dir, 'front.md'),
      getCard('/c', { json: { status: 200 } }).replace('auth: none\n', `auth: none\nx: ${deep}\n`),
    );
    const res = await cardcheck(['lint', '.'], { cwd: dir });
    expect(res.code).toBe(2);
    noCrash(res.stdout + res.stderr);
    const firsts = res.stdout
      .split('\n')
      .filter((l) => / error /.test(l))
      .map((l) => l.replace(/^(\S+) error (\S+) (.*)$/, '$1 $2 $3'));
    expect(firsts).toEqual([
      // yaml stops where its parser runs out of stack: the column depends on the stack left.
      expect.stringMatching(
        /^front\.md:4:\d+ invalid-front-matter front-matter is not valid YAML: it nests deeper than/,
      ),
      expect.stringMatching(/^json\.md:19:268 invalid-json the Expected Response block nests deeper than 256 levels/),
      expect.stringMatching(/^yaml\.md:17:\d+ invalid-yaml the assertion list is not valid YAML: it nests deeper than/),
    ]);
  }, 15_000);
});
