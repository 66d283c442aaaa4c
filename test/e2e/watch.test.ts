import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cardcheck, ROOT } from '../support/cli.js';
import type { PetstoreServer } from '../support/petstore-server.js';
import { startPetstoreServer } from '../support/petstore-server.js';
import { tempDirSync } from '../support/temp-dir.js';
import { until } from '../support/wait-files.js';

const BIN = path.join(ROOT, 'dist/cli/main.js');

const children = new Set<ReturnType<typeof spawn>>();
afterEach(() => {
  // A test that failed midway leaves its watch running: end it.
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  children.clear();
});

/** The watch as a user starts it, with its keys typed on a pipe; `footers()` are its pass summaries so far. */
function startWatch(dir: string, args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  children.add(child);
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const footers = () => out.stdout.split('\n').filter((l) => l.startsWith('watch: '));
  /** Wait for pass number `n` (1-based) to finish, and give its summary line. */
  const pass = async (n: number) => {
    await until(() => footers().length >= n, `watch pass ${n}\n${out.stdout}\n${out.stderr}`, 3000);
    return footers()[n - 1] as string;
  };
  const type = (line: string) => child.stdin.write(`${line}\n`);
  return { child, out, exited, pass, type };
}

const card = (endpoint: string, request: string, extra = '') => `---
endpoint: ${endpoint}
${extra}---
# ${endpoint}

## Request Template

\`\`\`json
${request}
\`\`\`

## Expected Response

\`\`\`json
{ "status": 200, "schema": { "type": "object", "required": ["status"] } }
\`\`\`
`;

let server: PetstoreServer;
beforeAll(async () => {
  server = await startPetstoreServer();
});
afterAll(() => server.close());

describe('cardcheck run --watch', () => {
  it('re-runs a saved card and the cards chaining on it, Enter runs all, q quits (a real target)', {
    timeout: 60_000,
  }, async () => {
    const dir = tempDirSync('cardcheck-watch-');
    mkdirSync(path.join(dir, 'specs'));
    const health = card('GET /health', '{ "method": "GET", "path": "/health" }', 'id: health\n');
    writeFileSync(path.join(dir, 'specs/health.md'), health);
    writeFileSync(
      path.join(dir, 'specs/health-again.md'),
      card(
        'GET /health',
        '{ "method": "GET", "path": "/health", "query": { "was": "{{card.health.response.status}}" } }',
      ),
    );
    writeFileSync(
      path.join(dir, 'specs/other.md'),
      card('GET /health', '{ "method": "GET", "path": "/health", "query": { "other": "1" } }'),
    );
    const w = startWatch(dir, ['run', '--watch', '--target', server.url]);
    expect(await w.pass(1)).toBe(
      'watch: ran 3 cards: 3 passed, 0 failed, 0 errored, 0 skipped (all cards) · waiting for changes; q quits, Enter re-runs all',
    );
    // Saving the card another chains on runs both; saving the other runs it alone.
    writeFileSync(path.join(dir, 'specs/health.md'), `${health}\nEdited.\n`);
    expect(await w.pass(2)).toContain('ran 2 cards: 2 passed, 0 failed, 0 errored, 0 skipped (saved: specs/health.md)');
    // Without credentials: the server answers 401.
    writeFileSync(path.join(dir, 'specs/other.md'), card('GET /pets', '{ "method": "GET", "path": "/pets" }'));
    expect(await w.pass(3)).toContain('ran 1 card: 0 passed, 1 failed, 0 errored, 0 skipped (saved: specs/other.md)');
    expect(w.out.stdout).toMatch(/✗ failed {2}GET \/pets {2}specs\/other\.md/);
    w.type('');
    expect(await w.pass(4)).toContain('ran 3 cards: 2 passed, 1 failed, 0 errored, 0 skipped (all cards)');
    w.type('q');
    expect(await w.exited).toBe(0);
  });

  it('keeps the embedded sandbox up between passes', { timeout: 60_000 }, async () => {
    const dir = tempDirSync('cardcheck-watch-sandbox-');
    cpSync(path.join(ROOT, 'specs/youhodler'), path.join(dir, 'specs/youhodler'), { recursive: true });
    cpSync(path.join(ROOT, 'cardcheck.config.yaml'), path.join(dir, 'cardcheck.config.yaml'));
    const w = startWatch(dir, ['run', '--watch', 'specs/youhodler/create-service-account.md', '--verbose']);
    expect(await w.pass(1)).toContain('ran 1 card: 1 passed');
    writeFileSync(path.join(dir, 'specs/youhodler/create-service-account.md'), '\n', { flag: 'a' });
    expect(await w.pass(2)).toContain('ran 1 card: 1 passed, 0 failed, 0 errored, 0 skipped (saved: ');
    // Both passes sent to the same sandbox: one origin in every request line.
    const origins = new Set(w.out.stdout.match(/http:\/\/127\.0\.0\.1:\d+/g));
    expect(origins.size).toBe(1);
    w.type('q');
    expect(await w.exited).toBe(0);
  });

  it('refuses flags that write the files it watches, and a first pass that cannot start ends it (exit 2)', async () => {
    const dir = tempDirSync('cardcheck-watch-flags-');
    const updating = await cardcheck(['run', '--watch', '--update-cards', '--target', server.url], { cwd: dir });
    expect(updating.code).toBe(2);
    expect(updating.stderr).toContain(
      '--watch with --update-cards: the files it rewrites would start a pass each time',
    );
    const target = await cardcheck(['run', '--watch', '--target', 'nope'], { cwd: dir });
    expect(target.code).toBe(2);
    expect(target.stderr).toContain('--target nope: no such target');
  });
});

// util-linux `script` gives the watch a pseudo-terminal: keys are read one by one, unbuffered.
const hasScript = spawnSync('script', ['--version']).status === 0;

describe.runIf(hasScript)('cardcheck run --watch at a terminal', () => {
  it('re-runs all on Enter and quits on q, each a single key press', { timeout: 60_000 }, async () => {
    const dir = tempDirSync('cardcheck-watch-tty-');
    mkdirSync(path.join(dir, 'specs'));
    writeFileSync(path.join(dir, 'specs/health.md'), card('GET /health', '{ "method": "GET", "path": "/health" }'));
    const command = `'${process.execPath}' '${BIN}' run --watch --target ${server.url}`;
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    children.add(child);
    let screen = '';
    child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const footers = () => screen.split(/\r?\n/).filter((l) => l.startsWith('watch: ran'));
    await until(() => footers().length >= 1, `the first pass\n${screen}`, 3000);
    child.stdin.write('\r');
    await until(() => footers().length >= 2, `the pass Enter starts\n${screen}`, 3000);
    expect(footers()[1]).toContain('ran 1 card: 1 passed, 0 failed, 0 errored, 0 skipped (all cards)');
    // Each pass starts on a cleared screen.
    expect(screen.split('\u001b[2J').length).toBe(3);
    child.stdin.write('q');
    expect(await exited).toBe(0);
  });
});

describe('cardcheck lint --watch', () => {
  it('lints again on save and shows the problems of the saved card at their line', { timeout: 60_000 }, async () => {
    const dir = tempDirSync('cardcheck-watch-lint-');
    mkdirSync(path.join(dir, 'specs'));
    writeFileSync(path.join(dir, 'specs/health.md'), card('GET /health', '{ "method": "GET", "path": "/health" }'));
    const w = startWatch(dir, ['lint', '--watch']);
    expect(await w.pass(1)).toBe(
      'watch: 1 card checked: 0 errors, 0 warnings (all cards) · waiting for changes; q quits, Enter re-lints all',
    );
    writeFileSync(
      path.join(dir, 'specs/typo.md'),
      card('GET /health', '{ "method": "GET", "path": "/health", "query": { "a": "1" }, "heders": {} }', 'tag: [x]\n'),
    );
    expect(await w.pass(2), w.out.stdout).toContain(
      '2 cards checked: 0 errors, 2 warnings; shown: 1 card (saved: specs/typo.md)',
    );
    expect(w.out.stdout).toMatch(/specs\/typo\.md:3:1 warning unknown-front-matter-key/);
    expect(w.out.stdout).toMatch(/specs\/typo\.md:\d+:\d+ warning unknown-key .*heders/);
    w.type('q');
    expect(await w.exited).toBe(0);
  });
});
