import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { removeTempDirs, tempDir } from '../../test/support/temp-dir.js';
import { isCardcheckError } from './errors.js';
import { BROWSER_PACKAGES, importOptional, missingMessage, packageName, SANDBOX_PACKAGES } from './optional-import.js';

afterAll(removeTempDirs);

/**
 * The error Node itself gives for `import(name)` in an empty folder, as in a
 * user's project without that package (vitest would resolve it from this
 * repository, so a child Node does the import).
 */
async function importerOf(name: string): Promise<() => Promise<unknown>> {
  const dir = await tempDir('cardcheck-optional-');
  const script = `import(${JSON.stringify(name)}).catch((e) => process.stdout.write(JSON.stringify({ code: e.code, message: e.message })))`;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
  const { code, message } = JSON.parse(out.stdout) as { code: string; message: string };
  return () => Promise.reject(Object.assign(new Error(message), { code }));
}

describe('importOptional', () => {
  it('says what to install, exit-2 kind, when one of the feature’s packages is missing', async () => {
    const err = await importOptional(SANDBOX_PACKAGES, await importerOf('jose')).catch((e: unknown) => e);
    expect(isCardcheckError(err) && err.code).toBe('local-state');
    expect((err as Error).message).toBe(
      'the embedded sandbox (cardcheck sandbox, --target sandbox) needs fastify, @fastify/formbody and jose, optional packages cardcheck does not install itself (jose is missing): npm install -D fastify@5 @fastify/formbody@9 jose@6',
    );
  });

  it('passes on a missing package that is not the feature’s, and any other failure, as they are', async () => {
    const other = await importOptional(BROWSER_PACKAGES, await importerOf('no-such-package-xyz')).catch(
      (e: unknown) => e,
    );
    expect(isCardcheckError(other)).toBe(false);
    expect((other as NodeJS.ErrnoException).code).toBe('ERR_MODULE_NOT_FOUND');
    const boom = new Error('boom');
    await expect(importOptional(BROWSER_PACKAGES, () => Promise.reject(boom))).rejects.toBe(boom);
  });

  it('returns the module when it loads', async () => {
    await expect(importOptional(BROWSER_PACKAGES, async () => 42)).resolves.toBe(42);
  });

  it('names one package without a list', () => {
    expect(missingMessage(BROWSER_PACKAGES, 'playwright-core')).toBe(
      'a browser flow (run --browser) needs playwright-core, optional packages cardcheck does not install itself (playwright-core is missing): npm install -D playwright-core@1',
    );
  });

  it('asks for the majors package.json declares as optional peers, and this repository develops with', () => {
    const peers: Record<string, string> = packageJson.peerDependencies;
    const meta: Record<string, { optional?: boolean }> = packageJson.peerDependenciesMeta;
    const dev: Record<string, string> = packageJson.devDependencies;
    for (const spec of [...SANDBOX_PACKAGES.install, ...BROWSER_PACKAGES.install]) {
      const name = packageName(spec);
      const major = spec.slice(name.length + 1);
      expect(peers[name], name).toMatch(new RegExp(`^\\^${major}\\.`));
      expect(meta[name]?.optional, name).toBe(true);
      expect(dev[name], name).toMatch(new RegExp(`^${major}\\.`));
      expect(Object.keys(packageJson.dependencies), name).not.toContain(name);
    }
  });
});
