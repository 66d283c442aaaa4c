import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cardcheck, ROOT } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';
import type { LoopbackServer } from './server.js';
import { getCard, loopback, STACK_FRAME, sendJson } from './server.js';

/**
 * `matches` runs on RE2 (re2js): `^(a+)+$` against a long value that almost
 * matches takes time linear in the value, where a backtracking engine would
 * spin for ever with the signal handlers starved.
 */

const BIN = path.join(ROOT, 'dist/cli/main.js');
const EVIL = '^(a+)+$';
const servers: LoopbackServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function almostMatching(length: number, onAnswered?: () => void): Promise<LoopbackServer> {
  const body = JSON.stringify({ name: `${'a'.repeat(length)}!` });
  const s = await loopback((_req, res) => {
    res.on('finish', () => onAnswered?.());
    sendJson(res, body);
  });
  servers.push(s);
  return s;
}

describe('hostile patterns', () => {
  it('lookaround and backreferences are a located lint error, in bullets, JSON and YAML', async () => {
    const dir = await tempDir('cardcheck-hostile-re-');
    await writeFile(path.join(dir, 'bullets.md'), getCard('/a', { bullets: ['- body.name matches /^(?!admin)/'] }));
    await writeFile(
      path.join(dir, 'json.md'),
      getCard('/b', { json: { status: 200, assert: [{ path: 'name', matches: '(a)\\1' }] } }),
    );
    await writeFile(path.join(dir, 'yaml.md'), getCard('/c', { yaml: '- jsonpath: $.name\n  matches: "(?<=x)y"' }));
    const res = await cardcheck(['lint', '.'], { cwd: dir });
    expect(res.code).toBe(2);
    const lines = res.stdout.split('\n').filter((l) => l.includes('unsupported-pattern'));
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['bullets.md:15:3', 'json.md:19:5', 'yaml.md:16:3']);
    expect(lines[0]).toContain('/^(?!admin)/ uses syntax cardcheck does not run');
    expect(res.stdout + res.stderr).not.toMatch(/internal error/);
    expect(res.stdout + res.stderr).not.toMatch(STACK_FRAME);
  });

  it('^(a+)+$ against a 1 MB value that almost matches fails the card in well under a second of matching', async () => {
    const s = await almostMatching(1_000_000);
    const dir = await tempDir('cardcheck-hostile-re-');
    await writeFile(
      path.join(dir, 'evil.md'),
      getCard('/evil', { json: { status: 200, assert: [{ path: 'name', matches: EVIL }] } }),
    );
    const started = Date.now();
    const res = await cardcheck(['run', '.', '--target', s.origin, '--out', dir], { cwd: dir });
    const took = Date.now() - started;
    expect(res.code).toBe(1);
    const results = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as {
      cards: { outcome: string }[];
    };
    expect(results.cards.map((c) => c.outcome)).toEqual(['failed']);
    expect(took).toBeLessThan(8000);
    // The value found is shown cut: neither the console nor results.json carries the 1 MB value.
    expect(res.stdout.length).toBeLessThan(5000);
    // results.json keeps the exchange's body cut at 64 KiB (twice at most: request and response).
    expect((await readFile(path.join(dir, 'results.json'))).length).toBeLessThan(200_000);
  }, 15_000);

  it('a pattern too large for fast matching is refused by lint; one within it, on a value too long for it, fails as not checked', async () => {
    const s = await almostMatching(200_000);
    const dir = await tempDir('cardcheck-hostile-re-');
    const check = (matches: string) => ({ json: { status: 200, assert: [{ path: 'name', matches }] } });
    await writeFile(path.join(dir, 'huge.md'), getCard('/huge', check('[a-c]{0,900}!|[a-c]{900}d$')));
    const lint = await cardcheck(['lint', 'huge.md'], { cwd: dir });
    expect(lint.stdout).toMatch(
      /huge\.md:19:5 error unsupported-pattern .* is too large to match fast \(2706 instructions, at most 2000\)/,
    );
    await writeFile(path.join(dir, 'huge.md'), getCard('/huge', check('(?:[a-c]{0,300}){3}d$')));
    const started = Date.now();
    const res = await cardcheck(['run', '.', '--target', s.origin, '--out', dir], { cwd: dir });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(
      'name: not checked: matching "(?:[a-c]{0,300}){3}d$" against 200001 characters would take too long',
    );
  }, 15_000);

  it('SIGINT while such a pattern is being matched ends the run promptly (exit 130)', async () => {
    let answered!: () => void;
    const firstAnswer = new Promise<void>((r) => (answered = r));
    const s = await almostMatching(2_000_000, () => answered());
    const dir = await tempDir('cardcheck-hostile-re-');
    for (const n of [1, 2, 3, 4, 5, 6])
      await writeFile(
        path.join(dir, `evil-${n}.md`),
        getCard(`/evil${n}`, { json: { status: 200, assert: [{ path: 'name', matches: EVIL }] } }),
      );
    const child = spawn(process.execPath, [BIN, 'run', '.', '--target', s.origin, '--out', dir, '--concurrency', '1'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    await firstAnswer;
    const signalled = Date.now();
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(Date.now() - signalled).toBeLessThan(5000);
    expect(stderr).toContain('SIGINT');
    expect(s.hits.length).toBeLessThan(6);
  }, 15_000);
});
