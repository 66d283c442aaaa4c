import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { card, writeCards } from '../../test/support/temp-cards.js';
import { parseCard } from '../card/parse-card.js';
import { resolveSchemaRefs } from './resolve-schema-refs.js';

const request = { method: 'GET', path: '/x' };

async function resolve(files: Record<string, string>) {
  const dir = await writeCards(files);
  const file = 'specs/c.md';
  const parsed = parseCard(files[file] ?? '', file);
  const loaded = { file, ...parsed };
  await resolveSchemaRefs([loaded], dir);
  return { loaded, dir };
}

describe('resolveSchemaRefs', () => {
  it('inlines a file $ref, nested refs included, relative to the file that holds each', async () => {
    const { loaded } = await resolve({
      'specs/c.md': card({
        endpoint: 'GET /x',
        request,
        expect: { status: 200, schema: { type: 'object', properties: { token: { $ref: '../schemas/token.json' } } } },
      }),
      'schemas/token.json': JSON.stringify({
        type: 'object',
        properties: { type: { $ref: 'parts/type.json#/definitions/bearer' } },
      }),
      'schemas/parts/type.json': JSON.stringify({ definitions: { bearer: { const: 'Bearer' } } }),
    });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.card?.expect?.schema).toEqual({
      type: 'object',
      properties: { token: { type: 'object', properties: { type: { const: 'Bearer' } } } },
    });
  });

  it('points a ref broken in another file at the card\'s own "$ref" that leads there', async () => {
    const text = card({
      endpoint: 'GET /x',
      request,
      expect: {
        status: 200,
        schema: { type: 'object', properties: { ok: { type: 'string' }, token: { $ref: '../schemas/token.json' } } },
      },
    });
    const { loaded } = await resolve({
      'specs/c.md': text,
      'schemas/token.json': JSON.stringify({ properties: { type: { $ref: 'missing.json' } } }),
    });
    const d = loaded.diagnostics[0];
    expect(d).toMatchObject({ ruleId: 'invalid-schema-ref', file: 'specs/c.md' });
    expect(d?.message).toContain('"missing.json": no such schema file');
    const line = text.split('\n')[(d?.line ?? 0) - 1] ?? '';
    expect(line.slice((d?.column ?? 0) - 1)).toMatch(/^"\$ref": "\.\.\/schemas\/token\.json"/);
    expect(path.basename(d?.file ?? '')).toBe('c.md');
  });
});
