import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardcheck, ROOT } from './cli.js';

const FIXTURE = 'fixtures/cards/invalid/path-escapes-target.md';

describe('cardcheck lint: path-escapes-target golden', () => {
  it('prints exactly the expected diagnostics and exits 2', async () => {
    const res = await cardcheck(['lint', FIXTURE]);
    expect(res.stdout).toBe(await readFile(path.join(ROOT, FIXTURE.replace(/\.md$/, '.expected.txt')), 'utf8'));
    expect(res.code).toBe(2);
  });

  it('makes the card an error at run time, before anything is sent', async () => {
    const res = await cardcheck(['run', FIXTURE, '--target', 'http://127.0.0.1:9/api', '--out', await mkdtemp(path.join(tmpdir(), 'cardcheck-golden-'))]);
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(/errored/);
    expect(res.stdout).toContain('path-escapes-target');
    expect(res.stdout).not.toMatch(/refused the connection/);
  });
});
