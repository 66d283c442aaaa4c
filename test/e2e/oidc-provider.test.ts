import { cp, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardcheck, ROOT } from '../support/cli.js';
import { readClient, startOidcServer, useOidcServer } from '../support/oidc-server.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * cardcheck against a real OAuth 2.0 / OpenID Connect server: panva's
 * oidc-provider, run by test/support/oidc-server.mjs as a child process on
 * 127.0.0.1 (dynamic registration RFC 7591 behind an initial access token,
 * registration management RFC 7592, client_credentials). The cards are
 * fixtures/cards/oidc/, written as a user of such a server writes them.
 */

const server = useOidcServer({ beforeAll, afterAll });

const PASSING = [
  'client-credentials-basic.md',
  'client-credentials-post.md',
  'discovery.md',
  'read-client.md',
  'register-client.md',
  'register-invalid-metadata.md',
  'register-invalid-redirect-uri.md',
  'register-without-initial-token.md',
];

/** A temp project: fixtures/cards/oidc/ (cards and config) at its root, the failing card in wrong/. */
async function project(): Promise<string> {
  const dir = await tempDir('cardcheck-oidc-');
  await cp(path.join(ROOT, 'fixtures/cards/oidc'), dir, { recursive: true });
  await mkdir(path.join(dir, 'wrong'));
  await cp(path.join(ROOT, 'fixtures/cards/oidc-failing/token-lifetime.md'), path.join(dir, 'wrong/token-lifetime.md'));
  return dir;
}

/** `cardcheck run` in dir against the server, bounded in time, reports in dir/out. */
function run(dir: string, paths: string[], extra: string[] = []) {
  const s = server();
  return cardcheck(
    ['run', ...paths, '--out', 'out', '--timeout', '5000', '--run-timeout', '15000', '--trace', 'on', ...extra],
    {
      cwd: dir,
      env: { OIDC_ORIGIN: s.origin, OIDC_INITIAL_ACCESS_TOKEN: s.initialAccessToken },
    },
  );
}

interface Results {
  summary: Record<string, number>;
  leftBehind: unknown[];
  cards: {
    file: string;
    outcome: string;
    reason: string;
    checks: { kind: string; passed: boolean; message: string; line: number; column: number }[];
    leftBehind: unknown[];
    requests: { label: string; method: string; path: string; status?: number }[];
  }[];
}

const results = async (dir: string): Promise<Results> =>
  JSON.parse(await readFile(path.join(dir, 'out/results.json'), 'utf8')) as Results;

/** The clients registered since `from` that the registration API still answers for (RFC 7592 read: 200). */
async function clientsLeft(from: number) {
  const s = server();
  const made = s.registrations.slice(from);
  const statuses = await Promise.all(made.map((r) => readClient(s.origin, r)));
  return { made: made.length, statuses, left: made.filter((_, i) => statuses[i] === 200).map((r) => r.client_id) };
}

describe('the OIDC test server (test/support/oidc-server.ts)', () => {
  it('runs as its own process on loopback; the registration API tells a live client from a deleted one', async () => {
    const s = server();
    expect(s.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.pid).not.toBe(process.pid);
    const from = s.registrations.length;
    const reg = await fetch(`${s.origin}/reg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.initialAccessToken}` },
      body: JSON.stringify({ grant_types: ['client_credentials'], response_types: [], redirect_uris: [] }),
      signal: AbortSignal.timeout(5_000),
    });
    expect(reg.status).toBe(201);
    const client = (await reg.json()) as { client_id: string; registration_access_token: string };
    expect(s.registrations.slice(from).map((r) => r.client_id)).toEqual([client.client_id]);
    expect(await readClient(s.origin, client)).toBe(200);
    const del = await fetch(`${s.origin}/reg/${client.client_id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${client.registration_access_token}` },
      signal: AbortSignal.timeout(5_000),
    });
    expect(del.status).toBe(204);
    expect(await readClient(s.origin, client)).toBe(401);
  });

  it('a server that cannot start fails with its stderr, not a hang', async () => {
    const started = startOidcServer({ env: { NODE_OPTIONS: '--require ./no-such-preload.cjs' } });
    await expect(started).rejects.toThrow(/exited before printing its origin[\s\S]*no-such-preload/);
  });
});

describe('cardcheck run against oidc-provider', () => {
  it('every card of fixtures/cards/oidc passes; each client it registered is deleted (RFC 7592), 0 left', async () => {
    const dir = await project();
    const from = server().registrations.length;
    const result = await run(dir, PASSING, ['--reporter', 'console,json,junit']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`cardcheck: 8 cards against local ${server().origin}`);
    expect(result.stdout).toContain('8 cards: 8 passed, 0 failed, 0 skipped, 0 errored');
    for (const file of PASSING) expect(result.stdout).toMatch(new RegExp(`✓ passed +\\S+ \\S+ +${file}`));
    expect(result.stdout).not.toContain('Left behind');

    const r = await results(dir);
    expect(r.summary).toMatchObject({ total: 8, passed: 8, failed: 0, errored: 0, skipped: 0 });
    expect(r.leftBehind).toEqual([]);
    for (const card of r.cards) {
      // Passed because something was checked, and every check held.
      expect(card.checks.length, card.file).toBeGreaterThanOrEqual(4);
      // Standards findings on this server are asserted by test/e2e/standards-oidc.test.ts, against its expected-findings file.
      expect(
        card.checks.filter((c) => !c.passed && c.kind !== 'standard'),
        card.file,
      ).toEqual([]);
      expect(card.leftBehind, card.file).toEqual([]);
    }
    const byFile = new Map(r.cards.map((c) => [c.file, c]));
    const calls = (file: string) => byFile.get(file)?.requests.map((q) => `${q.label} ${q.method} ${q.status}`);
    // The standards follow-up reads the deleted client back with its registration access token: 401 (RFC 7592 §2.3).
    expect(calls('register-client.md')).toEqual([
      'request POST 201',
      'cleanup DELETE 204',
      'follow-up followup-registration-deleted GET 401',
    ]);
    expect(calls('client-credentials-basic.md')).toEqual([
      'create client_id, client_secret, registration_access_token POST 201',
      'request POST 200',
      'cleanup DELETE 204',
    ]);
    expect(calls('client-credentials-post.md')).toEqual([
      'create client.client_id, client.client_secret, client.registration_access_token POST 201',
      'request POST 200',
      'cleanup DELETE 204',
    ]);
    expect(calls('read-client.md')).toEqual([
      'create client_id, registration_access_token POST 201',
      'request GET 200',
      'cleanup DELETE 204',
    ]);
    for (const file of ['register-invalid-metadata.md', 'register-invalid-redirect-uri.md']) {
      expect(calls(file)).toEqual(['request POST 400']);
    }
    expect(calls('register-without-initial-token.md')).toEqual(['request POST 401']);
    expect(await readFile(path.join(dir, 'out/junit.xml'), 'utf8')).toMatch(
      /<testsuites[^>]* tests="8"[^>]* failures="0"/,
    );

    // One client per card that registers one (the refused registrations made none), and the
    // registration API no longer knows any of them.
    const { made, statuses, left } = await clientsLeft(from);
    expect(made).toBe(4);
    expect(statuses).toEqual([401, 401, 401, 401]);
    expect(left).toEqual([]);
    expect(
      server()
        .registrations.slice(from)
        .every((c) => server().deleted.includes(c.client_id)),
    ).toBe(true);
  });

  it('a card whose expectation is wrong fails at its line with what it found; its client is deleted all the same', async () => {
    const dir = await project();
    const from = server().registrations.length;
    const result = await run(dir, ['wrong/token-lifetime.md']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ failed  POST /token  wrong/token-lifetime.md');
    expect(result.stdout).toContain('assertion expires_in: expires_in: expected to equal 3600, found 600');
    expect(result.stdout).toContain('at wrong/token-lifetime.md:58:5');
    expect(result.stdout).toContain('58 |     { "path": "expires_in", "equals": 3600 }');
    expect(result.stdout).toContain('1 card: 0 passed, 1 failed, 0 skipped, 0 errored');

    const [card] = (await results(dir)).cards;
    expect(card?.outcome).toBe('failed');
    expect(card?.reason).toBe('expires_in: expected to equal 3600, found 600');
    expect(card?.checks.filter((c) => !c.passed && c.kind !== 'standard')).toEqual([
      expect.objectContaining({ kind: 'assertion', line: 58, column: 5 }),
    ]);
    // The token_type check on the line before held: only the wrong expectation failed.
    expect(card?.checks.find((c) => c.line === 57)?.passed).toBe(true);
    expect(card?.requests.map((q) => `${q.label} ${q.method} ${q.status}`).at(-1)).toBe('cleanup DELETE 204');

    const { made, left } = await clientsLeft(from);
    expect(made).toBe(1);
    expect(left).toEqual([]);
  });
});
