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

  it('writes its drafts beside the config file when run from a subfolder', async () => {
    const dir = workspace();
    const r = await cardcheck(['import', '002_4e9ed3b25cea86a9.txt'], { cwd: path.join(dir, 'pages') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('002_4e9ed3b25cea86a9.txt → ../specs/imported/create-oauth-app.md');
    expect(existsSync(path.join(dir, 'specs/imported/create-oauth-app.md'))).toBe(true);
    expect(existsSync(path.join(dir, 'pages/specs'))).toBe(false);
  });

  it("sends a page's header parameters through the config's auth profile for --api, and the draft passes against the sandbox", async () => {
    const dir = workspace();
    const page = 'pages/002_4e9ed3b25cea86a9.txt';
    // Without --api two profiles send X-Auth-Token and X-User-Id (rocketchat-admin, rocketchat-limited): env headers.
    const plain = await cardcheck(['import', page, '--out', 'drafts'], { cwd: dir });
    expect(plain.code, plain.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'drafts/create-oauth-app.md'), 'utf8')).toContain(
      '"X-Auth-Token": "{{env.X_AUTH_TOKEN}}"',
    );
    const r = await cardcheck(['import', page, '--api', 'rocketchat', '--out', 'specs/rocketchat-imported'], {
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    const card = readFileSync(path.join(dir, 'specs/rocketchat-imported/create-oauth-app.md'), 'utf8');
    expect(card).toContain('"auth": "rocketchat-admin"');
    expect(card).not.toContain('X-Auth-Token');
    expect(r.stdout).toContain('1 draft: 1 runnable, 0 need values');
    const run = await cardcheck(['run', 'specs/rocketchat-imported'], { cwd: dir });
    expect(run.stdout).toContain('1 card: 1 passed');
  });

  it('keeps an existing card unless --force, and says which page names no endpoint or is broken YAML (exit 2)', async () => {
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
    writeFileSync(
      path.join(dir, 'broken.yaml'),
      'openapi: 3.0.0\npaths:\n  /a:\n    get: {responses: {200: {}}\n  /b: x\n',
    );
    const broken = await cardcheck(['import', 'broken.yaml', '--out', 'drafts'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(
      /cardcheck import: broken\.yaml:5:3: an OpenAPI document that is not valid YAML or JSON \(.+\); fix it there and import again/,
    );
    const missing = await cardcheck(['import', 'nope.md', '--out', 'drafts'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cardcheck import: nope.md: cannot read the file');
    expect(existsSync(path.join(dir, 'drafts'))).toBe(false);
  });

  it('drafts one card per OpenAPI operation, in kebab-case files, and lists the values left to set', async () => {
    const dir = workspace();
    cpSync(path.join(ROOT, 'fixtures/openapi/youhodler-auth.yaml'), path.join(dir, 'openapi.yaml'));
    const r = await cardcheck(['import', 'openapi.yaml', '--out', 'specs/youhodler-drafts', '--api', 'youhodler'], {
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'openapi.yaml → specs/youhodler-drafts/issue-access-token.md: POST /oauth/token, the 200 response schema, examples for 200, 400',
    );
    expect(r.stdout).toContain(
      'openapi.yaml → specs/youhodler-drafts/get-service-account.md: GET /service-accounts/{id}, the 200 response schema',
    );
    // The document has no POST /service-accounts: the id is the author's to set, listed with its line.
    expect(r.stdout).toContain('2 cards drafted in specs/youhodler-drafts');
    expect(r.stdout).toContain('2 drafts: 0 runnable, 2 need values (file:line listed)');
    expect(r.stdout).toMatch(
      / {2}specs\/youhodler-drafts\/get-service-account\.md:\d+ {2}TODO: the id of an existing resource/,
    );
    expect(r.stdout).toMatch(/get-service-account\.md:\d+:\d+ error todo-value/);
    expect(r.stdout).toContain('  specs/youhodler-drafts/issue-access-token.md:20  set CLIENT_SECRET');
    expect(readFileSync(path.join(dir, 'specs/youhodler-drafts/issue-access-token.md'), 'utf8')).toMatch(
      /^---\nendpoint: POST \/oauth\/token\napi: youhodler\n/,
    );
  });
});
