import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardcheck, ROOT } from '../support/cli.js';
import type { PetstoreServer } from '../support/petstore-server.js';
import { PETSTORE_CREDENTIALS, startPetstoreServer } from '../support/petstore-server.js';
import { tempDirSync } from '../support/temp-dir.js';

interface ResultCard {
  file: string;
  outcome: string;
  reason: string;
  checks: { kind: string; passed: boolean }[];
}

let server: PetstoreServer;
beforeAll(async () => {
  server = await startPetstoreServer();
});
afterAll(() => server.close());

describe('cardcheck import of an OpenAPI document gives cards that run', () => {
  it('imports the Petstore, and the drafts pass against a server implementing it, checking status and schema', async () => {
    const dir = tempDirSync('cardcheck-import-runs-');
    cpSync(path.join(ROOT, 'fixtures/openapi/petstore.yaml'), path.join(dir, 'petstore.yaml'));
    const imported = await cardcheck(['import', 'petstore.yaml'], { cwd: dir });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('19 cards drafted in specs/imported');
    expect(imported.stdout).toContain('19 drafts: 17 runnable, 2 need values (file:line listed)');
    expect(imported.stdout).toMatch(/ {2}specs\/imported\/login-user\.md:\d+ {2}set PETSTORE_PASSWORD/);
    expect(imported.stdout).toMatch(
      / {2}specs\/imported\/get-report\.md:\d+ {2}TODO: the reportId of an existing resource/,
    );
    expect(imported.stdout).toContain('PETSTORE_API_KEY (security scheme api_key)');
    expect(imported.stdout).toContain("The document's base URL: http://localhost:8080; run the drafts with --target");
    // Kebab-case file names from the operation ids; a path parameter is created through the collection's POST.
    const getPet = readFileSync(path.join(dir, 'specs/imported/get-pet-by-id.md'), 'utf8');
    expect(getPet).toMatch(/"petId": \{\n\s+"create": \{\n\s+"method": "POST",\n\s+"path": "\/pets"/);
    expect(getPet).toContain('"path": "/pets/{{resolved.petId}}"');
    const report = readFileSync(path.join(dir, 'specs/imported/get-report.md'), 'utf8');
    expect(report).toContain('"value": "TODO: the reportId of an existing resource, or {{env.PETSTORE_REPORT_ID}}"');

    const run = await cardcheck(['run', 'specs/imported', '--target', server.url, '--reporter', 'console,json'], {
      cwd: dir,
      env: PETSTORE_CREDENTIALS,
    });
    const results = JSON.parse(readFileSync(path.join(dir, 'reports/results.json'), 'utf8')) as { cards: ResultCard[] };
    const byOutcome = (o: string) => results.cards.filter((c) => c.outcome === o);
    const passed = byOutcome('passed');
    // Every draft that needs no value passes; the two that do say which value, at their line.
    expect(passed.length, results.cards.map((c) => `${c.file} ${c.outcome} ${c.reason}`).join('\n')).toBe(17);
    expect(byOutcome('errored').map((c) => c.file)).toEqual([
      'specs/imported/get-report.md',
      'specs/imported/login-user.md',
    ]);
    expect(run.stdout).toMatch(/login-user\.md:\d+.*PETSTORE_PASSWORD/s);
    expect(run.stdout).toMatch(/get-report\.md:\d+:\d+ error todo-value a value still to fill in: TODO: the reportId/);
    // No vacuous pass: each passing card checked its status, and its schema where the document gives one.
    for (const card of passed) {
      const kinds = card.checks.filter((c) => c.passed).map((c) => c.kind);
      expect(kinds, card.file).toContain('status');
      const text = readFileSync(path.join(dir, card.file), 'utf8');
      if (text.includes('"schema"')) expect(kinds, card.file).toContain('schema');
    }
    expect(passed.filter((c) => c.checks.some((k) => k.kind === 'schema')).length).toBeGreaterThanOrEqual(13);
    // What the UID steps and the create cards made was removed.
    expect(server.alive()).toBe(0);
    expect(run.code, run.stdout).toBe(2);
  });

  it("with --api, the config's auth profiles the import suggested are used, and the drafts pass with them", async () => {
    const dir = tempDirSync('cardcheck-import-profiles-');
    cpSync(path.join(ROOT, 'fixtures/openapi/petstore.yaml'), path.join(dir, 'petstore.yaml'));
    const suggested = (await cardcheck(['import', 'petstore.yaml', '--out', 'first'], { cwd: dir })).stdout
      .split('\n')
      .filter((l) => /^ {2}petstore-[a-z-]+: \{ type: /.test(l));
    expect(suggested).toHaveLength(3);
    writeFileSync(
      path.join(dir, 'cardcheck.config.yaml'),
      [
        'defaultTarget: petstore',
        'targets:',
        `  petstore: { apis: { petstore: "${server.url}" } }`,
        'auth:',
        ...suggested,
        'folders:',
        '  specs/petstore: { api: petstore, auth: petstore-bearer-auth }',
        '',
      ].join('\n'),
    );
    const imported = await cardcheck(['import', 'petstore.yaml', '--api', 'petstore', '--out', 'specs/petstore'], {
      cwd: dir,
    });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).not.toContain('Credentials from the environment');
    expect(readFileSync(path.join(dir, 'specs/petstore/place-order.md'), 'utf8')).toContain('"auth": "petstore-auth"');
    expect(readFileSync(path.join(dir, 'specs/petstore/get-inventory.md'), 'utf8')).toContain(
      '"auth": "petstore-api-key"',
    );
    const run = await cardcheck(['run', 'specs/petstore', '--reporter', 'console'], {
      cwd: dir,
      env: PETSTORE_CREDENTIALS,
    });
    expect(run.stdout, run.stderr).toContain('19 cards: 17 passed, 0 failed, 0 skipped, 2 errored');
    expect(server.alive()).toBe(0);
  });
});
