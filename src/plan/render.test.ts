import { describe, expect, it } from 'vitest';
import { renderJson, renderPath, UnresolvedValueError } from './render.js';

const scope = { timestamp: 1700000000123, fields: new Map<string, unknown>([['id', 'a/b c'], ['n', 42]]), env: { TOKEN: 't' } };

describe('render', () => {
  it('fills strings and keeps the JSON type of a sole placeholder', () => {
    expect(renderJson({ code: 'x{{timestamp}}', n: '{{resolved.n}}', s: '{{app.id}}', e: '{{env.TOKEN}}' }, scope)).toEqual({ code: 'x1700000000123', n: 42, s: 'a/b c', e: 't' });
  });

  it('URL-encodes values placed in a path', () => {
    expect(renderPath('/apps/{{resolved.id}}', scope)).toBe('/apps/a%2Fb%20c');
  });

  it('throws a typed error for a value that is missing at run time', () => {
    expect(() => renderJson('{{resolved.nope}}', scope)).toThrow(UnresolvedValueError);
  });
});
