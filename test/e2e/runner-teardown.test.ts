import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cardcheck, ROOT } from '../support/cli.js';

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

async function tempProject(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cardcheck-runner-'));
  made.push(dir);
  await mkdir(path.join(dir, 'specs/vcita'), { recursive: true });
  await copyFile(path.join(ROOT, 'cardcheck.config.yaml'), path.join(dir, 'cardcheck.config.yaml'));
  await copyFile(path.join(ROOT, 'specs/vcita/get-app.md'), path.join(dir, 'specs/vcita/get-app.md'));
  return dir;
}

const TRACE_HOOK = path.join(ROOT, 'test/support/module-trace.mjs');

/** Runs the CLI with every loaded module's URL recorded; returns the result and the URLs. */
async function tracedRun(args: string[], cwd: string) {
  const trace = path.join(cwd, 'modules.txt');
  const result = await cardcheck(args, {
    cwd,
    env: { NODE_OPTIONS: `--import ${TRACE_HOOK}`, CARDCHECK_TRACE_MODULES: trace },
  });
  const urls = (await readFile(trace, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  return { result, urls };
}

describe('the runner closes what it opened, whatever fails', () => {
  it('a .cardcheck that is a file: exit 2 with what to do, nothing sent, and the process ends', async () => {
    const dir = await tempProject();
    await writeFile(path.join(dir, '.cardcheck'), 'not a folder\n');
    const { result, urls } = await tracedRun(['run', 'specs/vcita/get-app.md', '--reporter', 'console'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cardcheck: cannot keep the cleanup journal in .cardcheck/ledger/');
    expect(result.stderr).toContain('part of that path is a file, not a folder; move the file away');
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    // The embedded sandbox had started (its server code loaded) and was closed: the process ended by itself.
    expect(urls.some((u) => u.includes('/dist/sandbox/server.js'))).toBe(true);
    expect(await readFile(path.join(dir, '.cardcheck'), 'utf8')).toBe('not a folder\n');
  });
});

describe('a run against a real target never loads the sandbox', () => {
  it("loads neither the sandbox's code nor fastify or jose", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const dir = await mkdtemp(path.join(tmpdir(), 'cardcheck-runner-'));
      made.push(dir);
      const card = [
        '---',
        'endpoint: GET /ok',
        'status: success',
        '---',
        '# OK',
        '',
        '## Request Template',
        '',
        '```json',
        '{ "method": "GET", "path": "/ok" }',
        '```',
        '',
        '## Expected Response',
        '',
        '```json',
        '{ "status": 200 }',
        '```',
        '',
      ];
      await writeFile(path.join(dir, 'ok.md'), card.join('\n'));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { result, urls } = await tracedRun(['run', 'ok.md', '--target', url, '--reporter', 'console'], dir);
      expect(result.stdout).toContain('1 passed');
      expect(result.code).toBe(0);
      // The trace works: the runner is in it.
      expect(urls.some((u) => u.includes('/dist/runner/run-cards.js'))).toBe(true);
      const sandboxCode = urls.filter((u) => /\/dist\/sandbox\/|\/node_modules\/(fastify|jose|@fastify)\//.test(u));
      expect(sandboxCode).toEqual([]);
    } finally {
      server.close();
    }
  });
});
