import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardcheck, ROOT } from '../support/cli.js';
import { tempDirSync } from '../support/temp-dir.js';

interface ResultCard {
  file: string;
  outcome: string;
  checks: { kind: string; passed: boolean }[];
}

describe('cardcheck import of OpenAPI descriptions of the sandbox', () => {
  it("drafts from the vcita and YouHodler descriptions pass against the embedded sandbox, with the config's profiles", async () => {
    const dir = tempDirSync('cardcheck-import-sandbox-');
    for (const f of ['sandbox-vcita.yaml', 'sandbox-youhodler.yaml'])
      cpSync(path.join(ROOT, 'fixtures/openapi', f), path.join(dir, f));
    cpSync(path.join(ROOT, 'cardcheck.config.yaml'), path.join(dir, 'cardcheck.config.yaml'));
    const vcita = await cardcheck(['import', 'sandbox-vcita.yaml', '--api', 'vcita', '--out', 'specs/vcita'], {
      cwd: dir,
    });
    expect(vcita.stdout, vcita.stderr).toContain('4 drafts: 4 runnable, 0 need values');
    const yh = await cardcheck(['import', 'sandbox-youhodler.yaml', '--api', 'youhodler', '--out', 'specs/youhodler'], {
      cwd: dir,
    });
    expect(yh.stdout, yh.stderr).toContain('6 drafts: 5 runnable, 1 need values (file:line listed)');
    expect(yh.stdout).toMatch(/ {2}specs\/youhodler\/issue-access-token\.md:\d+ {2}set YOUHODLER_CLIENT_SECRET/);
    // The bearer scheme is the folder's profile; the request carries no credential of its own.
    const getApp = readFileSync(path.join(dir, 'specs/vcita/get-app.md'), 'utf8');
    expect(getApp).toContain('"auth": "vcita-directory"');
    expect(getApp).toMatch(/^---\nendpoint: GET \/platform\/v1\/apps\/\{client_id\}\n/);
    expect(getApp).toContain('"extract_from": "data.client_id"');

    const run = await cardcheck(['run', 'specs', '--reporter', 'console,json'], { cwd: dir });
    expect(run.stdout).toContain('10 cards: 9 passed, 0 failed, 0 skipped, 1 errored');
    expect(run.stdout).toMatch(/issue-access-token\.md:\d+:\d+ error missing-env .*YOUHODLER_CLIENT_SECRET/);
    expect(run.stderr).not.toContain('left behind');
    const { cards } = JSON.parse(readFileSync(path.join(dir, 'reports/results.json'), 'utf8')) as {
      cards: ResultCard[];
    };
    for (const c of cards.filter((x) => x.outcome === 'passed')) {
      const kinds = c.checks.filter((k) => k.passed).map((k) => k.kind);
      expect(kinds, c.file).toContain('status');
      if (!c.file.endsWith('delete-service-account.md')) expect(kinds, c.file).toContain('schema');
    }
  });
});
