import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCard } from '../card/parse-card.js';
import { lintCards } from '../lint/lint-cards.js';
import { readVendorPage } from './vendor-page.js';
import { writeCard } from './write-card.js';

const seed = (name: string) => readFileSync(new URL(`../../fixtures/seeds/${name}`, import.meta.url), 'utf8');
const pages = {
  rocketchat: seed('002_4e9ed3b25cea86a9.txt'),
  youhodler: seed('003_7ec4ca1c63db005a.txt'),
  vcita: seed('004_73fcb037ea86844c.txt'),
};

describe('readVendorPage', () => {
  it('reads a markdown page: endpoint, title, source, request body, and one example per status', () => {
    const e = readVendorPage(pages.youhodler);
    expect(e).toMatchObject({
      method: 'POST',
      path: '/oauth/token',
      title: 'Issue access token',
      source: 'https://business-api-docs.youhodler.com/docs/api/reference/auth/oauth-token',
      headers: [],
    });
    expect(e?.body).toEqual({
      client_id: 'b8e2f1a0-4c3d-4e5f-9a1b-2c3d4e5f6a7b',
      client_secret: 'cs_live_abc123placeholder',
      grant_type: 'client_credentials',
    });
    expect(e?.responses.map((r) => [r.status, r.description])).toEqual([
      [200, 'Operation succeeded'],
      [400, 'Invalid request payload'],
      [409, 'State conflict — the request cannot be applied to the current resource state'],
      [422, 'Operation is not admissible — it violates a business rule'],
      [429, 'Request rate limit exceeded'],
      [502, 'Upstream service returned an unexpected error'],
      [503, 'Service is temporarily unavailable'],
    ]);
    expect(e?.needsPerson).toBeUndefined();
  });

  it('reads a page scraped from a docs site, whose code fences are gone', () => {
    const e = readVendorPage(pages.rocketchat);
    expect(e).toMatchObject({
      method: 'POST',
      path: '/api/v1/oauth-apps.create',
      title: 'Create OAuth App',
      headers: ['X-Auth-Token', 'X-User-Id'],
    });
    expect(e?.body).toEqual({ name: 'test-oauth-app', redirectUri: 'https://testuri.com', active: true });
    expect(e?.responses.map((r) => [r.status, r.description])).toEqual([
      [200, ''],
      [400, 'Bad Request'],
      [400, 'Bad Request'],
      [400, 'Bad Request'],
      [401, 'Unauthorized'],
    ]);
  });

  it('takes the endpoint the page is about, not one it mentions, and notices that a person must act first', () => {
    const e = readVendorPage(pages.vcita);
    expect(e).toMatchObject({ method: 'POST', path: '/oauth/token', body: undefined, responses: [] });
    expect(e?.needsPerson).toBe(
      'This endpoint cannot be tested in isolation - it requires an authorization code from the user authorization flow',
    );
  });

  it('finds no endpoint in a page that names none', () => {
    expect(readVendorPage('# Notes\n\nNothing about any endpoint here.\n')).toBeUndefined();
  });
});

describe('writeCard', () => {
  it('drafts cards that parse and lint without errors, secrets taken from the environment', () => {
    for (const [api, page] of Object.entries(pages)) {
      const e = readVendorPage(page);
      if (!e) return expect.fail(`${api}: no endpoint`);
      const text = writeCard(e, `${api}.txt`, '2026-11-23T00:00:00.000Z');
      const file = `specs/imported/${api}.md`;
      const parsed = parseCard(text, file);
      const errors = (lintCards([{ file, ...parsed }]).get(file) ?? []).filter((d) => d.severity === 'error');
      expect(errors, `${api}:\n${text}`).toEqual([]);
      expect(parsed.card?.frontMatter.endpoint).toBe(`${e.method} ${e.path}`);
      expect(parsed.card?.examples.map((x) => x.status)).toEqual(e.responses.map((r) => r.status));
    }
    const youhodler = parseCard(writeCard(readVendorPage(pages.youhodler)!, 'y.txt', '2026-11-23'), 'y.md').card;
    expect(youhodler?.request?.body).toMatchObject({
      client_secret: '{{env.CLIENT_SECRET}}',
      grant_type: 'client_credentials',
    });
    expect(youhodler?.expect?.status).toEqual([200]);
    const rocketchat = parseCard(writeCard(readVendorPage(pages.rocketchat)!, 'r.txt', '2026-11-23'), 'r.md').card;
    expect(rocketchat?.request?.headers).toEqual({
      'X-Auth-Token': '{{env.X_AUTH_TOKEN}}',
      'X-User-Id': '{{env.X_USER_ID}}',
    });
    const vcita = parseCard(writeCard(readVendorPage(pages.vcita)!, 'v.txt', '2026-11-23'), 'v.md').card;
    expect(vcita?.frontMatter).toMatchObject({
      status: 'skip',
      skipReason:
        'This endpoint cannot be tested in isolation - it requires an authorization code from the user authorization flow',
    });
    return undefined;
  });

  it('turns path parameters into values the card must declare', () => {
    const text = writeCard(
      { method: 'GET', path: '/apps/{client_id}/keys/:key', line: 1, title: 'Get key', headers: [], responses: [] },
      'p.txt',
      '2026-11-23',
    );
    expect(parseCard(text, 'k.md').card?.request?.path).toBe('/apps/{{resolved.client_id}}/keys/{{resolved.key}}');
  });
});
