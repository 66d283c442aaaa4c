import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardcheck, ROOT } from '../support/cli.js';
import { tempDirSync } from '../support/temp-dir.js';

function workspace(): string {
  const dir = tempDirSync('cardcheck-import-');
  cpSync(path.join(ROOT, 'fixtures/seeds'), path.join(dir, 'pages'), { recursive: true });
  cpSync(path.join(ROOT, 'cardcheck.config.yaml'), path.join(dir, 'cardcheck.config.yaml'));
  return dir;
}

describe('cardcheck import', () => {
  it('drafts a card from each vendor page, says what it found, and the drafts lint without errors', async () => {
    const dir = workspace();
    const pages = [
      'pages/002_4e9ed3b25cea86a9.txt',
      'pages/003_7ec4ca1c63db005a.txt',
      'pages/004_73fcb037ea86844c.txt',
    ];
    const r = await cardcheck(['import', ...pages], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'pages/002_4e9ed3b25cea86a9.txt → specs/imported/create-oauth-app.md: POST /api/v1/oauth-apps.create, examples for 200, 400, 401',
    );
    expect(r.stdout).toContain(
      'pages/003_7ec4ca1c63db005a.txt → specs/imported/issue-access-token.md: POST /oauth/token, examples for 200, 400, 409, 422, 429, 502, 503',
    );
    expect(r.stdout).toContain('(status: skip, a person must act first)');
    expect(r.stdout).toContain('3 cards drafted in specs/imported: lint-clean');
    const card = readFileSync(path.join(dir, 'specs/imported/issue-access-token.md'), 'utf8');
    expect(card).toContain('Imported from `pages/003_7ec4ca1c63db005a.txt`');
    expect(card).not.toContain('cs_live_abc123placeholder');
    const lint = await cardcheck(['lint', 'specs/imported'], { cwd: dir });
    expect(lint.stdout).toContain('3 cards checked: 0 errors');
    expect(lint.code).toBe(0);
  });

  it('keeps an existing card unless --force, and says which page names no endpoint (exit 2)', async () => {
    const dir = workspace();
    const page = 'pages/003_7ec4ca1c63db005a.txt';
    expect((await cardcheck(['import', page], { cwd: dir })).code).toBe(0);
    const again = await cardcheck(['import', page], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(
      'specs/imported/issue-access-token.md already exists; pass --force to replace it, or --out another folder',
    );
    expect((await cardcheck(['import', page, '--force'], { cwd: dir })).code).toBe(0);
    writeFileSync(path.join(dir, 'notes.md'), '# Notes\n\nNo endpoint in here.\n');
    const none = await cardcheck(['import', 'notes.md', '--out', 'drafts'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('notes.md: no endpoint found');
    const missing = await cardcheck(['import', 'nope.md', '--out', 'drafts'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cardcheck import: nope.md: cannot read the file');
    expect(existsSync(path.join(dir, 'drafts'))).toBe(false);
  });

  it('drafts one card per OpenAPI operation and lists what is left to declare', async () => {
    const dir = workspace();
    cpSync(path.join(ROOT, 'fixtures/openapi/youhodler-auth.yaml'), path.join(dir, 'openapi.yaml'));
    const r = await cardcheck(['import', 'openapi.yaml', '--out', 'specs/youhodler-drafts', '--api', 'youhodler'], {
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'openapi.yaml → specs/youhodler-drafts/issueaccesstoken.md: POST /oauth/token, the 200 response schema, examples for 200, 400',
    );
    expect(r.stdout).toContain(
      'openapi.yaml → specs/youhodler-drafts/getserviceaccount.md: GET /service-accounts/{id}, the 200 response schema',
    );
    expect(r.stdout).toMatch(
      /specs\/youhodler-drafts\/getserviceaccount\.md:\d+:\d+ error unresolved-placeholder \{\{resolved\.id\}\} names no declared UID field/,
    );
    expect(r.stdout).toContain('2 cards drafted in specs/youhodler-drafts: 1 error to fix before running (above)');
    expect(readFileSync(path.join(dir, 'specs/youhodler-drafts/issueaccesstoken.md'), 'utf8')).toMatch(
      /^---\nendpoint: POST \/oauth\/token\napi: youhodler\n/,
    );
  });
});
