import { describe, expect, it } from 'vitest';
import type { UidField } from '../core/card.js';
import { parseCard } from './parse-card.js';

const created = (f: UidField | undefined) => (f?.source.kind === 'create' ? f.source : undefined);

const GET_BY_ID = [
  '# Get app by id — GET /platform/v1/apps/{id}',
  '',
  'API: vcita · Auth: `Authorization: Bearer <<DIRECTORY_TOKEN>>`',
  '',
  'Needs:',
  '- `app` ← `POST /platform/v1/apps` (same auth) `{"name":"E","app_code_name":"e_byid"}` → 201, keep `<<app.data.id>>`, `<<app.data.client_id>>`',
  '',
  'Request: `GET /platform/v1/apps/<<app.data.id>>` — no body.',
  '',
  '## Response Contract',
  '',
  '- status 200',
  '- `data.id` = `<<app.data.id>>`',
  '',
  'Cleanup: `DELETE /platform/v1/apps/<<app.data.client_id>>` (same auth).',
].join('\n');

describe('terse cards: the title names the endpoint, lines say the rest', () => {
  const { card, diagnostics } = parseCard(GET_BY_ID, 'e.md');

  it('reads the API, the request line over the title, and the Auth header, all located', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(card?.frontMatter.api).toBe('vcita');
    expect(card?.request).toMatchObject({
      method: 'GET',
      path: '/platform/v1/apps/{{resolved.app.data.id}}',
      headers: { Authorization: 'Bearer {{env.DIRECTORY_TOKEN}}' },
      auth: 'none',
      line: 8,
    });
    expect(card?.request?.placeholders.map((p) => [p.raw, p.expr, p.line, p.column])).toEqual([
      ['<<app.data.id>>', 'resolved.app.data.id', 8, 33],
      ['<<DIRECTORY_TOKEN>>', 'env.DIRECTORY_TOKEN', 3, 43],
    ]);
  });

  it('makes the Needs step one create with its status, saving what the card reads from it', () => {
    expect(card?.uidFields.map((f) => [f.name, created(f)?.extractFrom, created(f)?.setup?.expectStatus])).toEqual([
      ['app.data.id', 'data.id', [201]],
      ['app.data.client_id', 'data.client_id', [201]],
    ]);
    expect(created(card?.uidFields[0])?.create).toMatchObject({
      method: 'POST',
      path: '/platform/v1/apps',
      body: { name: 'E', app_code_name: 'e_byid' },
      headers: { Authorization: 'Bearer {{env.DIRECTORY_TOKEN}}' },
    });
  });

  it('makes the Cleanup line the cleanup of the step whose value it uses, and does not refuse it as prose', () => {
    expect(card?.uidFields.map((f) => f.cleanup?.path)).toContain('/platform/v1/apps/{{resolved.app.data.client_id}}');
    expect(card?.expect?.assertions.map((a) => [a.target, a.value])).toEqual([
      [{ kind: 'body', path: 'data.id' }, '{{resolved.app.data.id}}'],
    ]);
  });

  it('sends a one-line form body, and refuses a Body line it cannot read', () => {
    const form = parseCard(
      [
        '# Token — POST /oauth/token',
        'API: vcita · Auth: none',
        'Body (form): `grant_type=client_credentials&scope=a b`',
        '## Response Contract',
        '- status 400',
      ].join('\n'),
      't.md',
    );
    expect(form.card?.request).toMatchObject({
      form: { grant_type: 'client_credentials', scope: 'a b' },
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const bad = parseCard(
      [
        '# Token — POST /oauth/token',
        'API: vcita',
        'Body: the usual client credentials',
        '## Response Contract',
        '- status 400',
      ].join('\n'),
      't.md',
    );
    expect(bad.diagnostics.map((d) => [d.ruleId, d.line, d.message])).toContainEqual([
      'unreadable-request',
      3,
      'cardcheck cannot tell what this request body is',
    ]);
  });

  it('refuses an Auth line it cannot read, at its value', () => {
    const { diagnostics: ds } = parseCard(
      ['# List — GET /apps', 'API: vcita · Auth: the admin one', '## Response Contract', '- status 200'].join('\n'),
      'l.md',
    );
    expect(ds.map((d) => [d.ruleId, d.line, d.column])).toContainEqual(['unreadable-request', 2, 20]);
  });
});

describe('lines before the first section: API and skips', () => {
  const skipOf = (...lines: string[]) => parseCard(lines.join('\n'), 's.md').card?.frontMatter;

  it('reads Skip: true with Skip-Reason, SKIP (manual): reason and a > **SKIP** blockquote', () => {
    expect(skipOf('# A — GET /a', 'Target: youhodler', 'Skip: true', 'Skip-Reason: four-eyes approval')).toMatchObject({
      api: 'youhodler',
      status: 'skip',
      skipReason: 'four-eyes approval',
    });
    expect(skipOf('# B — GET /b', 'SKIP (manual): a person clicks Allow')).toMatchObject({
      status: 'skip',
      skipReason: 'a person clicks Allow',
    });
    expect(skipOf('# C', '> **SKIP** — a person signs in', '> on the consent screen.', '### Call')).toMatchObject({
      status: 'skip',
      skipReason: 'a person signs in on the consent screen.',
    });
  });

  it('lets front-matter win over the lines', () => {
    expect(skipOf('---', 'api: vcita', 'endpoint: GET /a', '---', '# A', 'API: rocketchat')).toMatchObject({
      api: 'vcita',
    });
  });
});
