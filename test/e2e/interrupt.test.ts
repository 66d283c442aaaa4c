import { spawn } from 'node:child_process';
import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pendingInNewestJournal } from '../../src/runner/cleanup-journal.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { cardcheck, ROOT } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';
import { until } from '../support/wait-files.js';

const BIN = path.join(ROOT, 'dist/cli/main.js');

async function project(): Promise<string> {
  const dir = await tempDir('cardcheck-int-');
  await cp(path.join(ROOT, 'specs'), path.join(dir, 'specs'), { recursive: true });
  await cp(path.join(ROOT, 'fixtures/schemas'), path.join(dir, 'fixtures/schemas'), { recursive: true });
  await cp(path.join(ROOT, 'cardcheck.config.yaml'), path.join(dir, 'cardcheck.config.yaml'));
  return dir;
}

const live = (s: Sandbox) => Object.values(s.stats().live).reduce((a, b) => a + b, 0);

function start(dir: string, sandbox: Sandbox, paths = ['specs']) {
  const child = spawn(
    process.execPath,
    [BIN, 'run', ...paths, '--target', 'local', '--out', path.join(dir, 'reports')],
    {
      cwd: dir,
      env: { ...process.env, ...sandbox.env, SANDBOX_ORIGIN: sandbox.origin, NO_COLOR: '1' },
    },
  );
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? (signal ? -1 : null))),
  );
  return { child, out, exited };
}

describe('nothing left behind when a run is stopped', () => {
  it('SIGINT mid-run: no new card starts, the cards in flight are cleaned up, exit 130', async () => {
    // Latency makes the run slow enough to interrupt in the middle.
    const sandbox = await startSandbox({ faults: { latencyMs: 60 } });
    try {
      const dir = await project();
      const run = start(dir, sandbox);
      await until(
        () => (sandbox.stats().created.app ?? 0) >= 2 && live(sandbox) > 0,
        'a card with a live resource',
        500,
      );
      run.child.kill('SIGINT');
      expect(await run.exited).toBe(130);
      expect(run.out.stderr).toContain('SIGINT: no new card starts; finishing the cards in flight and cleaning up');
      expect(run.out.stderr).toContain('the run stopped early: the run was interrupted');
      expect(live(sandbox)).toBe(0);
    } finally {
      await sandbox.close();
    }
  });

  it('SIGKILL mid-run, then `cardcheck cleanup`: the journal on disk removes every leftover', async () => {
    const sandbox = await startSandbox();
    try {
      const dir = await project();
      // A card that creates an app, then waits on a slow request: the kill lands while nothing else is in flight.
      await writeFile(
        path.join(dir, 'specs/vcita/zz-slow.md'),
        [
          '---',
          'endpoint: GET /platform/v1/apps',
          '---',
          '# Slow list',
          '## UID Resolution',
          '```json',
          JSON.stringify({
            app: {
              create_endpoint: 'POST /platform/v1/apps',
              create_body: { name: 'Slow', app_code_name: 'slow{{timestamp}}', redirect_uri: 'https://example.com/cb' },
              extract_from: 'data.client_id',
              cleanup_endpoint: 'DELETE /platform/v1/apps/{{resolved.app}}',
            },
          }),
          '```',
          '## Request Template',
          '```json',
          '{ "method": "GET", "path": "/platform/v1/apps", "headers": { "x-sandbox-fault": "latency=20000" } }',
          '```',
        ].join('\n'),
      );
      const run = start(dir, sandbox, ['specs/vcita/zz-slow.md']);
      await until(
        () => live(sandbox) === 1 && pendingInNewestJournal(dir).filter((e) => !e.mayExist).length === 1,
        'the journaled app',
      );
      run.child.kill('SIGKILL');
      await run.exited;
      expect(live(sandbox)).toBe(1);
      const res = await cardcheck(['cleanup'], { cwd: dir, env: { ...sandbox.env, SANDBOX_ORIGIN: sandbox.origin } });
      expect(res.stdout).toMatch(/^cleaned {2}POST \/platform\/v1\/apps {2}cid_\S+ {2}\(specs\/vcita\/zz-slow\.md\)$/m);
      expect(res.stdout).toContain('1 cleaned, 0 left, from 1 run');
      expect(res.code).toBe(0);
      expect(live(sandbox)).toBe(0);
      // Nothing secret went to the console.
      for (const s of sandbox.issuedSecrets()) expect(res.stdout + res.stderr).not.toContain(s);
      const again = await cardcheck(['cleanup'], { cwd: dir, env: { ...sandbox.env } });
      expect(again.stdout).toContain('nothing to clean up');
    } finally {
      await sandbox.close();
    }
  }, 30_000);
});
