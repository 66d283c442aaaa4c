import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cardcheck, ROOT } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';
import type { LoopbackServer } from './server.js';
import { getCard, loopback, STACK_FRAME, sendJson } from './server.js';

/**
 * One card with 5,000 unset `{{env.…}}` placeholders on one 500 KB line
 * wrote 3.9 GB of stdout in 33 s (every diagnostic repeated the line) and
 * the JSON reporter died with "Invalid string length". Now a line is shown
 * as a window around the caret, a card shows 20 problems and counts the
 * rest, and results.json is written card by card. A pipe closed early
 * (`| head -1`) loses neither the report files nor the exit code.
 */

const BIN = path.join(ROOT, 'dist/cli/main.js');
const servers: LoopbackServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const PAD = 'PADDING'.repeat(10);
function placeholderBomb(n: number): string {
  const headers = Array.from({ length: n }, (_, i) => `"h${i}":"{{env.UNSET_${i}_${PAD}}}"`).join(',');
  return getCard('/x', { json: { status: 200 } }).replace(
    '{"method":"GET","path":"/x"}',
    `{"method":"GET","path":"/x","headers":{${headers}}}`,
  );
}

interface Results {
  cards: { outcome: string; diagnostics: { source?: string; sourceStart?: number; column: number }[] }[];
}

describe('bounded output', () => {
  it('5,000 problems on one 500 KB line: a window of the line, 20 problems then a count; results.json whole', async () => {
    const dir = await tempDir('cardcheck-hostile-out-');
    await writeFile(path.join(dir, 'big.md'), placeholderBomb(5000));
    const started = Date.now();
    const res = await cardcheck(['run', '.', '--target', 'http://127.0.0.1:9', '--out', dir], { cwd: dir });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(res.code).toBe(2);
    expect(res.stdout + res.stderr).not.toMatch(/Invalid string length|internal error/);
    expect(res.stdout + res.stderr).not.toMatch(STACK_FRAME);
    expect(res.stdout.length).toBeLessThan(64 * 1024);
    expect(res.stdout).toContain('… and 4980 more problems in this card (all are in results.json)');
    expect(Math.max(...res.stdout.split('\n').map((l) => l.length))).toBeLessThan(400);
    const text = await readFile(path.join(dir, 'results.json'), 'utf8');
    // Written card by card, it is the same text as one JSON.stringify of the whole.
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    const [card] = (JSON.parse(text) as Results).cards;
    expect(card?.diagnostics).toHaveLength(5000);
    expect(Math.max(...(card?.diagnostics ?? []).map((d) => d.source?.length ?? 0))).toBeLessThanOrEqual(162);
    const last = card?.diagnostics.at(-1);
    expect(last?.sourceStart).toBeGreaterThan(1);
    expect(last?.source?.startsWith('…')).toBe(true);
  }, 15_000);

  it('lint shows 20 problems of a file and counts the rest; the caret stays under its column in a window', async () => {
    const dir = await tempDir('cardcheck-hostile-out-');
    const asserts = Array.from({ length: 5000 }, () => `{"path":"a","matches":"(?=${PAD})"}`).join(',');
    const card = getCard('/x', { json: { status: 200 } }).replace(
      /```json\n\{\n {2}"status": 200\n\}/,
      `\`\`\`json\n{"status":200,"assert":[${asserts}]}`,
    );
    await writeFile(path.join(dir, 'big.md'), card);
    const res = await cardcheck(['lint', '.'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stdout.length).toBeLessThan(64 * 1024);
    expect(res.stdout).toContain('big.md: … and 4980 more problems in this file');
    const lines = res.stdout.split('\n');
    const i = lines.findIndex((l) => l.startsWith('big.md:16:') && !l.startsWith('big.md:16:25 '));
    const caret = lines[i + 2]?.indexOf('^') ?? -1;
    expect(lines[i + 1]).toMatch(/^ {2}16 \| …/);
    expect(lines[i + 1]?.slice(caret, caret + 8)).toBe('{"path":');
  }, 15_000);

  it('| head -1: the pipe closes, the run goes on and writes results.json, exit code kept, no stack trace', async () => {
    const s = await loopback((_req, res) => setTimeout(() => sendJson(res, '{"ok":true}', 500), 30));
    servers.push(s);
    const dir = await tempDir('cardcheck-hostile-out-');
    for (let i = 0; i < 20; i++)
      await writeFile(
        path.join(dir, `c${String(i).padStart(2, '0')}.md`),
        getCard(`/c${i}`, { json: { status: 200 } }),
      );
    const child = spawn(process.execPath, [BIN, 'run', '.', '--target', s.origin, '--out', dir], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Like `head -1`: read the first line, then close the reading end.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    expect(code).toBe(1);
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(stderr).not.toMatch(/EPIPE|internal error/);
    const results = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as Results;
    expect(results.cards.map((c) => c.outcome)).toEqual(Array(20).fill('failed'));
  }, 15_000);
});
