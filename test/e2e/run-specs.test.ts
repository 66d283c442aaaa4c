import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/runner/load-env.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { cardcheck } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

let sandbox: Sandbox;
let out: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  out = await tempDir('cardcheck-e2e-');
});
afterAll(() => sandbox.close());

interface ResultsJson {
  summary: { total: number; passed: number; failed: number; skipped: number; errored: number; durationMs: number };
  cards: {
    file: string;
    line: number;
    endpoint: string;
    title: string;
    outcome: string;
    reason: string;
    durationMs: number;
  }[];
}
const readResults = async (dir: string) =>
  JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as ResultsJson;

describe('cardcheck run specs', () => {
  it('passes every runnable card against a sandbox target, skips seed 001 and leaves nothing behind', async () => {
    const res = await cardcheck(['run', 'specs', '--target', 'local', '--out', out], {
      env: { ...sandbox.env, SANDBOX_ORIGIN: sandbox.origin },
    });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const results = await readResults(out);
    expect(results.summary).toMatchObject({ total: 52, passed: 51, skipped: 1, failed: 0, errored: 0 });
    expect(res.stdout).toContain('52 cards: 51 passed, 0 failed, 1 skipped, 0 errored');
    // One result line per card: endpoint, title, file.
    const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    for (const c of results.cards)
      expect(res.stdout).toMatch(
        new RegExp(`(passed|skipped) +${literal(c.endpoint)} {2}${literal(c.title)} {2}${literal(c.file)}`),
      );
    const skipped = results.cards.find((c) => c.outcome === 'skipped');
    expect(skipped).toMatchObject({
      file: 'specs/vcita/exchange-authorization-code.md',
      endpoint: 'POST /oauth/token',
      title: 'Exchange OAuth Authorization Code for Access Token',
    });
    expect(skipped?.reason).toMatch(
      /^This endpoint implements OAuth 2.0 Authorization Code flow which requires user interaction\./,
    );
    const stats = sandbox.stats();
    for (const kind of ['app', 'rocketchat-app', 'service-account']) {
      expect(stats.created[kind]).toBeGreaterThan(0);
      expect(stats.live[kind] ?? 0).toBe(0);
    }
  });

  it('writes results.json with the documented fields', async () => {
    const results = await readResults(out);
    expect(Object.keys(results.summary).sort()).toEqual([
      'durationMs',
      'errored',
      'failed',
      'flaky',
      'passed',
      'skipped',
      'total',
    ]);
    for (const c of results.cards) {
      expect(c.file).toMatch(/^specs\/(vcita|rocketchat|youhodler|oauth)\/[a-z-]+\.md$/);
      expect(typeof c.line).toBe('number');
      expect(c.endpoint).toMatch(/^(GET|POST|PUT|DELETE) \//);
      expect(c.title.length).toBeGreaterThan(0);
      expect(['passed', 'skipped']).toContain(c.outcome);
      expect(typeof c.durationMs).toBe('number');
    }
  });

  it('prints and stores no secret the sandbox issued', async () => {
    const res = await cardcheck(['run', 'specs', '--target', 'local', '--out', out], {
      env: { ...sandbox.env, SANDBOX_ORIGIN: sandbox.origin },
    });
    const report = await readFile(path.join(out, 'results.json'), 'utf8');
    const secrets = sandbox.issuedSecrets();
    expect(secrets.length).toBeGreaterThan(10);
    for (const s of secrets) {
      expect(res.stdout).not.toContain(s);
      expect(report).not.toContain(s);
    }
  });

  it('with no --target runs specs/ against the embedded sandbox (npm start)', async () => {
    const res = await cardcheck(['run', '--out', out]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^cardcheck: 52 cards against sandbox \(embedded sandbox\)/m);
    expect(res.stdout).toContain('52 cards: 51 passed, 0 failed, 1 skipped, 0 errored');
  });
});

describe('errors a user can make', () => {
  it("reports seed 000's {{resolved.uid}} with file, line and the declared fields, and exits 2", async () => {
    const res = await cardcheck(['run', 'fixtures/seeds/000_e5b2871b98d23f98.txt', '--out', out]);
    expect(res.code).toBe(2);
    expect(res.stdout).toContain(
      'fixtures/seeds/000_e5b2871b98d23f98.txt:74:24 error unresolved-placeholder {{resolved.uid}} names no declared UID field; this card declares: service_id',
    );
    expect(res.stdout).toContain('74 |     "service_secret": "{{resolved.uid}}"');
    expect(res.stdout).not.toMatch(/\n\s+at .*\.js:\d+/);
    const results = await readResults(out);
    expect(results.cards[0]).toMatchObject({ outcome: 'errored', line: 10 });
    expect(sandbox.stats().requests['POST /vcita/platform/v1/apps'] ?? 0).toBeGreaterThan(0);
  });

  it('keeps running the other cards when one is broken; a failure wins exit 1', async () => {
    const res = await cardcheck([
      'run',
      'fixtures/seeds',
      'specs/vcita/get-app.md',
      'fixtures/cards/failing/fails-status.md',
      '--out',
      out,
    ]);
    expect(res.code).toBe(1);
    const results = await readResults(out);
    const outcomes = Object.fromEntries(results.cards.map((c) => [path.basename(c.file), c.outcome]));
    expect(outcomes).toEqual({
      '000_e5b2871b98d23f98.txt': 'errored',
      '001_6e7fb2f22a9061ea.txt': 'skipped',
      '002_4e9ed3b25cea86a9.txt': 'errored',
      '003_7ec4ca1c63db005a.txt': 'errored',
      '004_73fcb037ea86844c.txt': 'errored',
      'get-app.md': 'passed',
      'fails-status.md': 'failed',
    });
    expect(res.stdout).toContain('expected status 201, got 200');
    expect(res.stdout).toContain('002_4e9ed3b25cea86a9.txt:1:1 error not-a-card');
  });

  it('names a path that does not exist and exits 2', async () => {
    const res = await cardcheck(['run', 'no/such/folder', '--out', out]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('cardcheck: no/such/folder: no such file or folder');
  });

  it('names a missing --env-file and exits 2 without a stack trace', async () => {
    const res = await cardcheck(['run', 'specs', '--env-file', 'missing.env', '--out', out]);
    // Node 20 itself checks any `--env-file` in argv and exits 9 before cardcheck runs (fixed in Node 22).
    expect(res.code === 2 || res.code === 9).toBe(true);
    expect(res.stderr).toContain('missing.env');
    expect(res.stderr).not.toMatch(/\n\s+at /);
    await expect(loadEnv(out, 'missing.env')).rejects.toThrow(
      '--env-file missing.env: the file does not exist or cannot be read',
    );
  });

  it('reads DIRECTORY_TOKEN from --env-file and sends it', async () => {
    const envFile = path.join(out, 'staging.env');
    await writeFile(envFile, `DIRECTORY_TOKEN=${sandbox.env.DIRECTORY_TOKEN}\n`);
    const res = await cardcheck([
      'run',
      'specs/vcita/list-apps.md',
      '--target',
      sandbox.apis.vcita,
      '--env-file',
      envFile,
      '--out',
      out,
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout).not.toContain('dotenv');
    const wrong = await cardcheck(['run', 'specs/vcita/list-apps.md', '--target', sandbox.apis.vcita, '--out', out]);
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toContain(
      'auth profile "vcita-directory" needs the environment variable DIRECTORY_TOKEN, which is not set',
    );
  });
});
