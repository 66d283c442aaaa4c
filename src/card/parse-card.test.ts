import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCard } from './parse-card.js';

const seed = (name: string) => readFileSync(new URL(`../../fixtures/seeds/${name}`, import.meta.url));
const SEED_000 = '000_e5b2871b98d23f98.txt';
const SEED_001 = '001_6e7fb2f22a9061ea.txt';

describe('seed 000 (UID Field table + JSON block)', () => {
  const { card, diagnostics } = parseCard(seed(SEED_000), SEED_000);

  it('reads every front-matter field, dates exactly as written', () => {
    expect(diagnostics).toEqual([]);
    expect(card?.frontMatter).toMatchObject({
      endpoint: 'POST /oauth/service/token',
      domain: 'apps',
      tags: [],
      status: 'success',
      savedAt: '2026-01-25T05:30:54.250Z',
      verifiedAt: '2026-01-25T05:30:54.250Z',
      timesReused: 0,
    });
    expect(card?.frontMatter.keyLines).toMatchObject({ endpoint: 2, savedAt: 6, timesReused: 8 });
  });

  it('reads the title, and the request under "## Request Template" (line 64) from its JSON block', () => {
    expect(card?.title).toEqual({ text: 'Create Token', line: 10 });
    expect(card?.request).toMatchObject({ method: 'POST', line: 69, column: 1 });
  });

  it('merges the table and the JSON block, the JSON winning', () => {
    expect(card?.uidFields).toHaveLength(1);
    const field = card?.uidFields[0];
    expect(field?.name).toBe('service_id');
    expect(field?.line).toBe(39);
    expect(field?.source.kind).toBe('create');
    if (field?.source.kind !== 'create') return;
    expect(field.source.extractFrom).toBe('data.client_id');
    expect(field.source.create).toMatchObject({ method: 'POST', path: '/platform/v1/apps', line: 44 });
    expect(field.source.create.body).toEqual({
      name: 'OAuth Token Test App',
      app_code_name: 'oauthtest{{timestamp}}',
      app_type: 'internal',
      redirect_uri: 'https://example.com/oauth/callback',
    });
    expect(field.source.create.placeholders).toEqual([
      { expr: 'timestamp', raw: '{{timestamp}}', line: 47, column: 34 },
    ]);
    expect(field.cleanup).toBeUndefined();
    expect(field.cleanupNote).toBe('OAuth apps are typically long-lived resources, no cleanup needed');
  });

  it('reads the request template and locates its placeholders', () => {
    expect(card?.request).toMatchObject({ method: 'POST', path: '/oauth/service/token', line: 69 });
    expect(card?.request?.placeholders.map((p) => [p.expr, p.line, p.column])).toEqual([
      ['resolved.service_id', 73, 20],
      ['resolved.uid', 74, 24],
    ]);
  });
});

describe('seed 001 (Field | Source | Notes table, skipped card)', () => {
  const { card, diagnostics } = parseCard(seed(SEED_001), SEED_001);

  it('reads front-matter including the skip reason', () => {
    expect(diagnostics).toEqual([]);
    expect(card?.frontMatter.status).toBe('skip');
    expect(card?.frontMatter.tags).toEqual(['oauth', 'requires-manual-testing']);
    expect(card?.frontMatter.skipReason).toMatch(/^This endpoint implements OAuth 2.0 Authorization Code flow/);
    expect(card?.frontMatter.savedAt).toBe('2026-01-30T10:00:00.000Z');
  });

  it('reads sources written as `METHOD /path` → `extract.path`, and external sources', () => {
    const byName = Object.fromEntries((card?.uidFields ?? []).map((f) => [f.name, f]));
    expect(Object.keys(byName)).toEqual(['client_id', 'client_secret', 'code', 'redirect_uri']);
    expect(byName.client_id?.line).toBe(65);
    expect(byName.client_id?.source).toMatchObject({
      kind: 'create',
      extractFrom: 'data.client_id',
      create: { method: 'POST', path: '/platform/v1/apps' },
    });
    expect(byName.client_secret?.source).toMatchObject({ kind: 'create', extractFrom: 'data.client_secret' });
    expect(byName.code?.source).toEqual({ kind: 'external', description: '/oauth/authorize redirect' });
    expect(byName.code?.notes).toBe('Requires browser-based user authorization');
    expect(byName.redirect_uri?.source.kind).toBe('external');
  });

  it('reads the request template, ignoring JSON blocks of other sections', () => {
    expect(card?.request).toMatchObject({ method: 'POST', path: '/oauth/token', line: 81 });
    expect(card?.request?.body).toMatchObject({
      grant_type: 'authorization_code',
      code: '{{authorization_code_from_user_flow}}',
    });
  });
});

describe('vendor doc pages', () => {
  it.each(['002_4e9ed3b25cea86a9.txt', '003_7ec4ca1c63db005a.txt', '004_73fcb037ea86844c.txt'])(
    '%s is reported as not a card',
    (name) => {
      const { card, diagnostics } = parseCard(seed(name), name);
      expect(card).toBeUndefined();
      expect(diagnostics.map((d) => d.ruleId)).toEqual(['not-a-card']);
      expect(diagnostics[0]?.message).toMatch(/vendor documentation page/);
    },
  );
});

describe('malformed input is reported, not thrown', () => {
  it('locates a trailing comma in the request template', () => {
    const text = [
      '---',
      'endpoint: GET /x',
      '---',
      '# T',
      '## Request Template',
      '```json',
      '{',
      '  "method": "GET",',
      '  "path": "/x",',
      '}',
      '```',
    ].join('\n');
    const { diagnostics } = parseCard(text, 'bad.md');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ ruleId: 'invalid-json', line: 9, column: 15 });
    expect(diagnostics[0]?.message).toMatch(/trailing comma/);
  });

  it('locates broken front-matter YAML in the file', () => {
    const text = ['---', 'endpoint: GET /x', 'tags: [a, b', '---', '# T'].join('\n');
    const { diagnostics } = parseCard(text, 'bad.md');
    expect(diagnostics[0]).toMatchObject({ ruleId: 'invalid-front-matter', file: 'bad.md' });
    expect(diagnostics[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('accepts a BOM and CRLF line endings silently, keeping line numbers', () => {
    const text =
      '\ufeff' +
      [
        '---',
        'endpoint: GET /x',
        '---',
        '# T',
        '## Request Template',
        '```json',
        '{ "method": "GET", "path": "/x/{{env.A}}" }',
        '```',
      ].join('\r\n');
    const { card, diagnostics } = parseCard(text, 'crlf.md');
    expect(diagnostics).toEqual([]);
    expect(card?.request?.placeholders[0]).toMatchObject({ expr: 'env.A', line: 7 });
  });
});
