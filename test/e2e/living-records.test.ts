import { execFileSync } from 'node:child_process';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCards } from '../../src/runner/run-cards.js';
import { updateFrontMatter } from '../../src/runner/update-cards.js';
import { ROOT } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

async function copyProject(): Promise<string> {
  const dir = await tempDir('cardcheck-living-');
  await cp(path.join(ROOT, 'specs'), path.join(dir, 'specs'), { recursive: true });
  await cp(path.join(ROOT, 'fixtures/schemas'), path.join(dir, 'fixtures/schemas'), { recursive: true });
  await cp(path.join(ROOT, 'cardcheck.config.yaml'), path.join(dir, 'cardcheck.config.yaml'));
  return dir;
}

describe('--update-cards', () => {
  it('changes only the verifiedAt, status and timesReused lines of passing cards', async () => {
    const dir = await copyProject();
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['add', '.'], { cwd: dir });
    execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'copy'], { cwd: dir });
    const result = await runCards({ cwd: dir, paths: ['specs/vcita', 'specs/youhodler'], updateCards: true, seed: 1 });
    expect(result.updatedCards.length).toBe(result.summary.passed);
    const diff = execFileSync('git', ['diff', '-U0', '--no-color'], { cwd: dir, encoding: 'utf8' });
    const changed = diff.split('\n').filter((l) => /^[-+][^-+]/.test(l));
    expect(changed.length).toBeGreaterThan(0);
    for (const line of changed) expect(line).toMatch(/^[-+](verifiedAt|status|timesReused): /);
    // The skipped card is untouched.
    expect(diff).not.toContain('exchange-authorization-code.md');
  });

  it('keeps every other byte, CRLF and missing keys included', () => {
    const crlf = '---\r\nendpoint: GET /x\r\nstatus: skip\r\ntimesReused: 4\r\n---\r\n# T\r\n';
    expect(updateFrontMatter(crlf, '2026-11-23T00:00:00.000Z')).toBe(
      '---\r\nendpoint: GET /x\r\nstatus: success\r\ntimesReused: 5\r\nverifiedAt: 2026-11-23T00:00:00.000Z\r\n---\r\n# T\r\n',
    );
  });
});

describe('--update-schemas and drift', () => {
  it('records shapes, then reports a removed or retyped field as a failure and an added one as a warning', async () => {
    const dir = await copyProject();
    const first = await runCards({ cwd: dir, paths: ['specs/vcita'], updateSchemas: true, seed: 1 });
    expect(first.recordedSchemas).toContain('fixtures/schemas/recorded/vcita/create-token-service.200.json');
    const recordedFile = path.join(dir, 'fixtures/schemas/recorded/vcita/create-token-service.200.json');
    const recorded = JSON.parse(await readFile(recordedFile, 'utf8')) as { properties: Record<string, unknown> };
    // Only the shape is recorded, never a value.
    expect(JSON.stringify(recorded)).not.toMatch(/eyJ|Bearer/);
    expect(Object.keys(recorded.properties).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);

    // The API changes shape: expires_in becomes a string.
    const drifted = await runCards({
      cwd: dir,
      paths: ['specs/vcita/create-token-service.md'],
      sandbox: { breaks: ['vcita-service-token-expires-in-string'] },
      seed: 1,
    });
    const drift = drifted.cards[0]?.checks.filter((c) => c.kind === 'drift' && !c.passed);
    expect(drift?.map((c) => c.message)).toEqual([
      '/expires_in changed type since it was recorded: was integer, now string',
    ]);

    // A field the recording lacks is new: a warning, the card still passes.
    delete recorded.properties.scope;
    await writeFile(recordedFile, JSON.stringify(recorded));
    const added = await runCards({ cwd: dir, paths: ['specs/vcita/create-token-service.md'], seed: 1 });
    expect(added.cards[0]?.outcome).toBe('passed');
    expect(added.cards[0]?.checks.find((c) => c.kind === 'drift' && c.warning)?.message).toBe(
      '/scope is new since the recorded response',
    );
    expect((await readdir(path.join(dir, 'fixtures/schemas/recorded/vcita'))).length).toBeGreaterThan(5);
  });
});
