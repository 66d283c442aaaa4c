import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

const BIN = path.join(ROOT, 'dist/cli/main.js');

/** Start `cardcheck sandbox` with args; once it is up, `probe` runs with its stdout, then it gets SIGTERM. */
function sandbox(args: string[], probe: (stdout: string) => Promise<unknown>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; probed: unknown }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let probed: Promise<unknown> | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (probed || !stdout.includes('Press Ctrl+C to stop.')) return;
      probed = probe(stdout).finally(() => child.kill('SIGTERM'));
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', async (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, probed: await probed?.catch((e: unknown) => String(e)) });
    });
  });
}

const stats = (origin: string) => fetch(`${origin}/__sandbox/stats`).then((r) => r.status);

describe('cardcheck sandbox --host', () => {
  it('0.0.0.0: warns that it binds beyond loopback with its fixed password, prints the address it bound', async () => {
    const run = await sandbox(['--host', '0.0.0.0'], (out) => {
      const local = /^ {2}this machine (http:\/\/\S+)$/m.exec(out)?.[1] ?? '';
      return stats(local);
    });
    expect(run.stderr).toMatch(
      /^cardcheck sandbox: warning: bound to 0\.0\.0\.0:(\d+), beyond loopback: other machines that reach this one can use the sandbox, and its sign-in page takes a fixed password \(demo@sandbox\.test \/ sandbox-password\); use --host 127\.0\.0\.1 unless you mean to share it$/m,
    );
    const port = /bound to 0\.0\.0\.0:(\d+)/.exec(run.stderr)?.[1];
    expect(run.stdout).toContain(`cardcheck sandbox listening on 0.0.0.0:${port} (beyond loopback)`);
    expect(run.stdout).toContain(`  this machine http://127.0.0.1:${port}`);
    expect(run.probed).toBe(200);
    expect(run.code).toBe(0);
  }, 15_000);

  it('the default (127.0.0.1) prints its loopback URL and no warning', async () => {
    const run = await sandbox([], (out) => stats(/listening on (\S+)/.exec(out)?.[1] ?? ''));
    expect(run.stdout).toMatch(/^cardcheck sandbox listening on http:\/\/127\.0\.0\.1:\d+$/m);
    expect(run.stderr).not.toMatch(/warning/);
    expect(run.probed).toBe(200);
    expect(run.code).toBe(0);
  }, 15_000);
});
