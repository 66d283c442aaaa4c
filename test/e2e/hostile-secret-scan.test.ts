import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardcheck } from '../support/cli.js';
import type { HostileSecrets, HostileServer } from '../support/hostile-server.js';
import { startHostileServer } from '../support/hostile-server.js';
import { encodings } from '../support/secret-encodings.js';
import { card, writeCards } from '../support/temp-cards.js';
import { tempDir } from '../support/temp-dir.js';

let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(() => server.close());

/** The cards: each reads or sends secrets in one of the places a report could show them. */
function hostileCards(s: HostileSecrets): Record<string, string> {
  const get = (p: string, status: number, extra: object = {}) =>
    card({ endpoint: `GET ${p}`, request: { method: 'GET', path: p, ...extra }, expect: { status } });
  return {
    // Expects 201, so the failed status check shows the start of the escaped body too.
    'escaped.md': get('/escaped', 201),
    'token.md': card({
      endpoint: 'POST /token',
      request: {
        method: 'POST',
        path: '/token',
        form: { grant_type: 'client_credentials', client_id: 'app-1', client_secret: s.formClientSecret },
      },
      expect: { status: 200 },
    }),
    'cookie.md': get('/cookie', 404, { headers: { Cookie: `sid=${s.cardCookie}`, 'X-Auth-Token': s.cardAuthToken } }),
    'redirect.md': get('/redirect', 302),
    'things.md': card({
      endpoint: 'POST /things',
      request: { method: 'POST', path: '/things', body: { name: 'x', client_secret: s.cardClientSecret } },
      expect: { status: 201 },
    }),
    'lists.md': get('/lists', 200),
    'big.md': get('/big', 200),
    'issuer.md': get('/issue', 200),
    'user.md': get('/use', 200, { headers: { Authorization: 'Bearer {{card.issuer.response.handle}}' } }),
    'search.md': get('/search', 200, {
      query: { access_token: s.queryToken, q: 'visible-query' },
      headers: { Authorization: 'Bearer {{env.HOSTILE_BEARER}}' },
    }),
    'whoami.md': card({
      endpoint: 'GET /whoami',
      uid: {
        ref: {
          extract_from: 'data.ref',
          create_fresh: true,
          create_endpoint: 'POST /sessions',
          create_body: {},
          cleanup_endpoint: 'DELETE /sessions/{{resolved.ref}}',
        },
      },
      request: { method: 'GET', path: '/whoami', headers: { 'X-Auth-Token': '{{resolved.ref}}' } },
      expect: { status: 200 },
    }),
    'kept.md': card({
      endpoint: 'GET /kept-me',
      uid: {
        ref: {
          extract_from: 'data.ref',
          create_fresh: true,
          create_endpoint: 'POST /kept',
          create_body: {},
          cleanup_endpoint: 'DELETE /kept/{{resolved.ref}}',
        },
      },
      request: { method: 'GET', path: '/kept-me', headers: { 'X-Auth-Token': '{{resolved.ref}}' } },
      expect: { status: 200 },
    }),
  };
}

/** Every file under dir, recursively, with its text. */
async function filesUnder(dir: string): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push([full, await readFile(full, 'utf8')]);
  }
  return out;
}

/** HTML and XML character references decoded, so an escaped `'` or `&` in a secret does not hide it from the scan. */
const unescapeMarkup = (text: string) =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&(quot|apos|lt|gt);/g, (_, n) => ({ quot: '"', apos: "'", lt: '<', gt: '>' })[n as 'quot'])
    .replace(/&amp;/g, '&');

/** Each secret, in each encoding, found in each output: `output: secret name (encoding)`. */
function scan(outputs: [string, string][], secrets: HostileSecrets): string[] {
  const hits: string[] = [];
  for (const [name, raw] of outputs)
    for (const text of new Set([raw, unescapeMarkup(raw)]))
      for (const [secret, value] of Object.entries(secrets))
        for (const [encoding, form] of Object.entries(encodings(value)))
          if (text.includes(form)) hits.push(`${name}: ${secret} (${encoding})`);
  // A secret across the 64 KiB cut leaves no part of itself: no 8 characters of it.
  const s = secrets.straddling;
  for (const [name, text] of outputs)
    for (let i = 0; i + 8 <= s.length; i++)
      if (text.includes(s.slice(i, i + 8))) hits.push(`${name}: part of straddling (${s.slice(i, i + 8)})`);
  return [...new Set(hits)];
}

describe('no secret leaves, against a hostile server', () => {
  it('--verbose and every reporter print and write none of the secrets, in any encoding', async () => {
    const s = server.secrets;
    const dir = await writeCards(hostileCards(s));
    const out = await tempDir('cardcheck-hostile-out-');
    const summary = path.join(out, 'step-summary.md');
    const env = { HOSTILE_BEARER: s.cardBearer, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary };
    const args = ['run', '.', '--target', server.url, '--verbose', '--out', out];
    // --standards warn: the token card's standards findings (its answer is a form, not RFC 6749 JSON) are printed and
    // scanned too, as warnings, so the run's verdicts stay those of the cards' own expectations.
    const res = await cardcheck([...args, '--standards', 'warn', '--reporter', 'console,json,junit,html,github'], {
      cwd: dir,
      env,
    });
    expect(res.stdout).toContain('warning: standard token-access-token (RFC 6749 §5.1)');
    // The run went as planned: only the card expecting 201 of /escaped failed.
    expect(res.stdout).toMatch(/12 cards: 11 passed, 1 failed/);
    // The cleanup that failed is listed as left behind, its id (a credential) blanked.
    expect(res.stdout).toMatch(/Left behind[\s\S]*\[redacted\]/);
    expect(res.stdout).toContain('[redacted]');
    const outputs: [string, string][] = [['stdout', res.stdout], ['stderr', res.stderr], ...(await filesUnder(out))];
    expect(outputs.map(([n]) => path.basename(n)).sort()).toEqual([
      'junit.xml',
      'report.html',
      'results.json',
      'stderr',
      'stdout',
      'step-summary.md',
    ]);
    expect(scan(outputs, s)).toEqual([]);
    // The journal stays while a cleanup failed (kept.md); it holds no secret either, credentials used as ids included.
    expect(scan(await filesUnder(path.join(dir, '.cardcheck')), s)).toEqual([]);
    // `cardcheck cleanup` of that journal (a --target URL run: the URL is the consent) prints none either.
    const cleanup = await cardcheck(['cleanup', '--target', server.url], { cwd: dir, env });
    expect(cleanup.stdout).toMatch(/\d+ cleaned, \d+ left/);
    expect(
      scan(
        [
          ['cleanup stdout', cleanup.stdout],
          ['cleanup stderr', cleanup.stderr],
        ],
        s,
      ),
    ).toEqual([]);
    // Ordinary data that shares a key name with a secret stays visible: an error code, a query word.
    const results = outputs.find(([n]) => n.endsWith('results.json'))?.[1] ?? '';
    expect(results.includes('\\"code\\": \\"not_found\\"'), 'the error code in results.json').toBe(true);
    expect(results.includes('visible-query'), 'the query word in results.json').toBe(true);
  });

  it('--dry-run prints none of the credentials the cards write', async () => {
    const s = server.secrets;
    const dir = await writeCards(hostileCards(s));
    const res = await cardcheck(['run', '.', '--target', server.url, '--dry-run'], {
      cwd: dir,
      env: { HOSTILE_BEARER: s.cardBearer },
    });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('GET /search');
    expect(res.stdout).toContain('authorization: Bearer [redacted]');
    expect(res.stdout).toContain('q=visible-query');
    expect(
      scan(
        [
          ['stdout', res.stdout],
          ['stderr', res.stderr],
          ...(await filesUnder(dir)).filter(([n]) => n.includes('.cardcheck')),
        ],
        s,
      ),
    ).toEqual([]);
  });
});
