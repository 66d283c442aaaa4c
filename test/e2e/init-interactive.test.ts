import { spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardcheck, ROOT } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * `cardcheck init` on a terminal asks what the flags did not say. The terminal
 * is util-linux's `script`, which gives the CLI a pseudo-terminal; each answer
 * is typed when its question is on screen.
 */

const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;
const BIN = path.join(ROOT, 'dist/cli/main.js');

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/api/status') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"up":true}');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Run `cardcheck init` on a pseudo-terminal, answering each question when it appears. */
function initOnTerminal(cwd: string, answers: [question: string, answer: string][]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', `"${process.execPath}" "${BIN}" init`, '/dev/null'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let screen = '';
    let next = 0;
    child.stdout.on('data', (d: Buffer) => {
      screen += d.toString();
      const [question, answer] = answers[next] ?? [];
      if (question && answer !== undefined && screen.includes(question)) {
        next++;
        child.stdin.write(`${answer}\r`);
      }
    });
    child.on('error', reject);
    child.on('close', () => resolve(screen));
  });
}

describe('cardcheck init on a terminal', () => {
  it.skipIf(!HAS_SCRIPT)(
    'asks the base URL, the auth style and the path, then writes what the flags would',
    async () => {
      const dir = await tempDir('cardcheck-init-tty-');
      const screen = await initOnTerminal(dir, [
        ['Base URL of your API', 'not a url'],
        ['an http(s) URL, please', base],
        ['Auth style [none]:', ''],
        ['A GET path for the first card', '/status'],
      ]);
      expect(screen).toContain('How does it authenticate?');
      expect(screen).toContain('specs/get-status.md');
      expect(screen).toContain('first card: GET /status, from the path given; expects 200');
      const config = await readFile(path.join(dir, 'cardcheck.config.yaml'), 'utf8');
      expect(config).toContain(`api: "${base}"`);
      expect(config).not.toContain('auth:\n');
      const run = await cardcheck(['run'], { cwd: dir });
      expect(run.code, run.stdout + run.stderr).toBe(0);
    },
  );
});
