import { describe, expect, it } from 'vitest';
import { parseJsonBlock } from './json-block.js';
import { parseUidJson } from './uid-json.js';

const read = (content: string) => {
  const { json } = parseJsonBlock(content, 10, 'c.md', 'the UID Resolution JSON block');
  if (!json) throw new Error('test block is not JSON');
  return parseUidJson(json, 'c.md');
};

describe('UID Resolution JSON: headers beside METHOD /path steps, and extract maps', () => {
  const block = [
    '{',
    '  "app": {',
    '    "create_endpoint": "POST /apps",',
    '    "create_headers": { "Authorization": "Bearer {{env.TOKEN}}" },',
    '    "create_body": { "name": "x" },',
    '    "extract": { "service_id": "data.client_id", "service_secret": "data.client_secret" },',
    '    "cleanup_endpoint": "DELETE /apps/{{resolved.service_id}}",',
    '    "cleanup_headers": { "Authorization": "Bearer {{env.TOKEN}}" }',
    '  }',
    '}',
  ].join('\n');

  it('reads create_headers and cleanup_headers, with their placeholders located', () => {
    const { fields, diagnostics } = read(block);
    expect(diagnostics).toEqual([]);
    const first = fields[0];
    if (first?.source.kind !== 'create') throw new Error('expected a create field');
    expect(first.source.create.headers).toEqual({ Authorization: 'Bearer {{env.TOKEN}}' });
    expect(first.source.create.placeholders.map((p) => [p.expr, p.line, p.column])).toContainEqual([
      'env.TOKEN',
      13,
      50,
    ]);
    expect(first.cleanup?.headers).toEqual({ Authorization: 'Bearer {{env.TOKEN}}' });
  });

  it('gives one field per extract key, at its key, sharing the one create request', () => {
    const { fields } = read(block);
    expect(fields.map((f) => [f.name, f.line, f.source.kind === 'create' && f.source.extractFrom])).toEqual([
      ['service_id', 15, 'data.client_id'],
      ['service_secret', 15, 'data.client_secret'],
    ]);
    const [a, b] = fields.map((f) => f.source.kind === 'create' && f.source.create);
    expect(a).toBe(b);
  });
});
