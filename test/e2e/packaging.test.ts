import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * The package as a user gets it: `npm pack` of this repository (dist/ as the
 * test run built it), installed from the tarball in an empty folder, its
 * dependencies from the npm registry (the only network besides loopback; the
 * tests are skipped, saying so, when it does not answer).
 */

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
};
const SANDBOX_PEERS = ['fastify', '@fastify/formbody', 'jose'];
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user's shell: none of npm's variables from a `npm test` around this run, no colour. */
function userEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'FORCE_COLOR') env[k] = v;
  return { ...env, NO_COLOR: '1', TMPDIR: path.join(dir, 'tmp'), ...extra };
}

/** Runs a command to its end, killed after `timeoutMs` (then code is null). */
function run(cmd: string, args: string[], cwd: string, timeoutMs: number, env?: Record<string, string>): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: userEnv(cwd, env), timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Whether the npm registry answers, and if not, why (the reason the tests give for skipping). */
async function registry(): Promise<string | undefined> {
  const dir = await tempDir('cardcheck-pack-ping-');
  await mkdir(path.join(dir, 'tmp'));
  const ping = await run(NPM, ['ping'], dir, 20_000).catch((err: Error) => ({
    code: -1,
    stdout: '',
    stderr: err.message,
  }));
  if (ping.code === 0) return undefined;
  const why = ping.code === null ? 'no answer in 20 s' : ping.stderr.trim().split('\n').at(-1);
  return `the npm registry is unreachable from here (npm ping: ${why}); the packed tarball's install needs it`;
}

const unreachable = await registry();

/** The folder a user installs cardcheck into, and the tarball. */
let app = '';
let tarball = '';
/** The sandbox started in the background with `npx cardcheck sandbox` (its own process group). */
let sandbox: ChildProcess | undefined;

afterAll(() => {
  if (sandbox?.pid && sandbox.exitCode === null) process.kill(-sandbox.pid, 'SIGKILL');
});

describe('the packed tarball, installed in an empty folder', () => {
  it('holds the built files, the card reference and the schemas; no sources, source maps or build scripts', async (ctx) => {
    if (unreachable) ctx.skip(unreachable);
    app = await tempDir('cardcheck-pack-');
    await mkdir(path.join(app, 'tmp'));
    // dist/ is what the test run built (test/global-setup.ts); prepack's clean build is not run here.
    const packed = await run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', app], ROOT, 60_000, {
      TMPDIR: path.join(app, 'tmp'),
    });
    expect(packed.code, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(app, info?.filename ?? '');
    const files = (info?.files ?? []).map((f) => f.path);
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('specs/README.md');
    expect(files).toContain('schemas/config.schema.json');
    expect(files.filter((f) => f.endsWith('.map') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
    expect(files.filter((f) => f.startsWith('src/') || /\.test\.|tsbuildinfo/.test(f))).toEqual([]);
  }, 90_000);

  it('installs without an engine warning on this Node, and without the sandbox or browser packages', async (ctx) => {
    if (unreachable || !tarball) ctx.skip(unreachable ?? 'the tarball was not made');
    await writeFile(path.join(app, 'package.json'), '{ "name": "user-project", "private": true }\n');
    const install = await run(NPM, ['install', '--no-audit', '--no-fund', tarball], app, 120_000);
    expect(install.code, install.stderr).toBe(0);
    expect(`${install.stdout}\n${install.stderr}`).not.toContain('EBADENGINE');
    expect(existsSync(path.join(app, 'node_modules/cardcheck/dist/cli/main.js'))).toBe(true);
    const installed = JSON.parse(readFileSync(path.join(app, 'node_modules/cardcheck/package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    // npm runs these for a dependency (prepare only for a git dependency): none may build or fetch anything.
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare'])
      expect(installed.scripts?.[script], script).toBeUndefined();
    for (const name of [...SANDBOX_PEERS, 'playwright-core'])
      expect(existsSync(path.join(app, 'node_modules', name)), name).toBe(false);
    const version = await run(NPX, ['--no', '--', 'cardcheck', '--version'], app, 30_000);
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
  }, 150_000);

  it('says what to install when the embedded sandbox is asked for (exit 2)', async (ctx) => {
    if (unreachable || !tarball) ctx.skip(unreachable ?? 'the tarball was not made');
    const hint = 'npm install -D fastify@5 @fastify/formbody@9 jose@6';
    const runSandbox = await run(NPX, ['--no', '--', 'cardcheck', 'run', '--target', 'sandbox'], app, 30_000);
    expect(runSandbox.code).toBe(2);
    expect(runSandbox.stderr).toContain(
      'the embedded sandbox (cardcheck sandbox, --target sandbox) needs fastify, @fastify/formbody and jose',
    );
    expect(runSandbox.stderr).toContain(hint);
    expect(runSandbox.stderr).not.toMatch(/internal error|\n\s+at /);
    const standalone = await run(NPX, ['--no', '--', 'cardcheck', 'sandbox', '--port', '0'], app, 30_000);
    expect(standalone.code).toBe(2);
    expect(standalone.stderr).toContain(hint);
  }, 90_000);

  it('with the sandbox packages added: init against the sandbox, then run passes the first card', async (ctx) => {
    if (unreachable || !tarball) ctx.skip(unreachable ?? 'the tarball was not made');
    const peers = SANDBOX_PEERS.map((name) => `${name}@${pkg.devDependencies[name]}`);
    const add = await run(NPM, ['install', '--no-audit', '--no-fund', '-D', ...peers], app, 120_000);
    expect(add.code, add.stderr).toBe(0);

    // `npx cardcheck sandbox` in the background, as a user starts it in another terminal.
    const child = spawn(NPX, ['--no', '--', 'cardcheck', 'sandbox', '--port', '0'], {
      cwd: app,
      env: userEnv(app),
      detached: true,
    });
    sandbox = child;
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (/DIRECTORY_TOKEN=\S+\n/.test(out)) resolve();
      };
      child.stdout?.on('data', check);
      child.on('close', (code) => reject(new Error(`cardcheck sandbox ended (${code}) before it listened:\n${out}`)));
      check();
    });
    const vcita = /^\s*vcita\s+(http:\/\/\S+)$/m.exec(out)?.[1];
    const token = /^DIRECTORY_TOKEN=(\S+)$/m.exec(out)?.[1];
    expect(vcita, out).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/vcita$/);

    // The sandbox's vcita API: GET /platform/v1/apps takes a bearer token (src/sandbox/README.md).
    const init = await run(
      NPX,
      [
        '--no',
        'cardcheck',
        'init',
        '--base-url',
        vcita ?? '',
        '--auth',
        'bearer',
        '--path',
        '/platform/v1/apps',
        '--yes',
      ],
      app,
      30_000,
    );
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('written: the first card');

    const first = await run(NPX, ['--no', '--', 'cardcheck', 'run'], app, 60_000, { API_TOKEN: token ?? '' });
    expect(first.code, `${first.stdout}\n${first.stderr}`).toBe(0);
    expect(first.stdout).toMatch(/✓ passed {2}GET \/\S+ {2}specs\/\S+\.md/);
    expect(first.stdout).toContain('1 card: 1 passed, 0 failed, 0 skipped, 0 errored');

    const closed = new Promise((resolve) => child.on('exit', resolve));
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await closed;
  }, 180_000);
});
