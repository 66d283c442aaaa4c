import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cardcheck } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

const ESC = '\u001b[';
let out: string;

beforeAll(async () => {
  out = await tempDir('cc-conventions-');
});

/** One quick card through the console reporter, its stdout a pipe (as `cardcheck run … | cat`). */
const piped = (env: Record<string, string>) =>
  cardcheck(['run', 'specs', '--grep', 'get-app', '--reporter', 'console', '--out', path.join(out, 'colour')], {
    env: { NO_COLOR: '', ...env },
  });

describe('colour follows the ecosystem', () => {
  it('FORCE_COLOR=1 colours a pipe; NO_COLOR=1, TERM=dumb and FORCE_COLOR=0 do not', async () => {
    const forced = await piped({ FORCE_COLOR: '1' });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`${ESC}32m✓ passed`);
    for (const env of [{ NO_COLOR: '1' }, { TERM: 'dumb' }, { FORCE_COLOR: '0', GITHUB_ACTIONS: 'true' }, {}]) {
      const plain = await piped(env);
      expect(plain.stdout, JSON.stringify(env)).toContain('✓ passed');
      expect(plain.stdout, JSON.stringify(env)).not.toContain(ESC);
    }
  });

  it('keeps colour in GitHub Actions logs (CI=true, stdout a pipe)', async () => {
    const gha = await piped({ GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_STEP_SUMMARY: '' });
    expect(gha.stdout).toContain(`${ESC}32m✓ passed`);
  });
});
