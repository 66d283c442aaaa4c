import { describe, expect, it } from 'vitest';
import { parseCard } from '../card/parse-card.js';
import { lintCards } from './lint-cards.js';

const card = (endpoint: string, path: string, extra = '') =>
  [
    '---',
    `endpoint: ${endpoint}`,
    extra,
    '---',
    '# A card',
    '',
    '## Request Template',
    '',
    '```json',
    JSON.stringify({ method: endpoint.split(' ')[0], path }),
    '```',
    '',
  ].join('\n');

function lint(files: Record<string, string>) {
  const cards = Object.entries(files).map(([file, text]) => ({ file, ...parseCard(text, file) }));
  const out = lintCards(cards);
  return Object.fromEntries([...out].map(([file, ds]) => [file, ds.map((d) => `${d.ruleId}:${d.line}`)]));
}

describe('lint noise that hides the signal', () => {
  it('endpoint-mismatch accepts a concrete value where the endpoint has a {param}, and still catches other paths', () => {
    expect(lint({ 'a.md': card('GET /platform/v1/apps/{client_id}', '/platform/v1/apps/cid_123') })).toEqual({
      'a.md': [],
    });
    expect(lint({ 'b.md': card('GET /platform/v1/apps/{client_id}', '/platform/v1/apps') })).toEqual({
      'b.md': ['endpoint-mismatch:2'],
    });
    expect(lint({ 'c.md': card('GET /platform/v1/apps/me', '/platform/v1/apps/{{resolved.id}}') })).toEqual({
      'c.md': ['endpoint-mismatch:2'],
    });
  });

  it('duplicate-card never pairs a card that was refused', () => {
    const same = card('GET /platform/v1/apps', '/platform/v1/apps');
    const refused = card('GET /platform/v1/apps', '/platform/v1/apps', 'responseTime: fast');
    expect(lint({ 'a.md': same, 'b.md': same })).toEqual({ 'a.md': [], 'b.md': ['duplicate-card:10'] });
    expect(lint({ 'a.md': same, 'b.md': refused })).toEqual({ 'a.md': [], 'b.md': ['unreadable-expectation:3'] });
    expect(lint({ 'a.md': refused, 'b.md': same })).toEqual({ 'a.md': ['unreadable-expectation:3'], 'b.md': [] });
  });
});
