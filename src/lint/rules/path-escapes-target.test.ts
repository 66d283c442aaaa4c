import { describe, expect, it } from 'vitest';
import { card } from '../../../test/support/temp-cards.js';
import { parseCard } from '../../card/parse-card.js';
import { pathEscapesTarget } from './path-escapes-target.js';

const lint = (text: string) => pathEscapesTarget.check({ file: 'c.md', ...parseCard(text, 'c.md') });

describe('path-escapes-target', () => {
  it('says nothing about origin-relative paths, placeholders included', () => {
    const text = card({
      endpoint: 'GET /apps/{id}',
      uid: {
        id: { create_endpoint: 'POST /apps', extract_from: 'id', cleanup_endpoint: 'DELETE /apps/{{resolved.id}}' },
      },
      request: {
        method: 'GET',
        path: '/apps/{{resolved.id}}/../{{resolved.id}}',
        cleanup: 'DELETE /apps/{{response.id}}',
      },
    });
    expect(lint(text)).toEqual([]);
  });

  it('finds every step that escapes and points at its path', () => {
    const text = card({
      endpoint: 'GET /x',
      uid: { id: { lookup: { method: 'GET', path: '//other.example/ids' }, extract_from: 'id' } },
      request: { method: 'GET', path: '/{{resolved.id}}/../..', cleanup: 'DELETE /%2e%2e/x' },
    });
    const found = lint(text);
    const lines = text.split('\n');
    expect(found.map((d) => d.message)).toEqual([
      'the path "/{{resolved.id}}/../.." of the Request Template could leave the target: its ".." segments climb above the base path of the target',
      'the path "/%2e%2e/x" of the request\'s "cleanup" could leave the target: its ".." segments climb above the base path of the target',
      'the path "//other.example/ids" of the lookup step of "id" could leave the target: it starts with //, which names a host',
    ]);
    for (const d of found) {
      expect(d).toMatchObject({ ruleId: 'path-escapes-target', severity: 'error', file: 'c.md' });
      const path = /the path "([^"]+)"/.exec(d.message)?.[1] ?? '';
      expect(lines[d.line - 1]?.slice(d.column - 1).startsWith(path)).toBe(true);
    }
  });
});
