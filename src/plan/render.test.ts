import { base, en, Faker } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { CardcheckError } from '../core/errors.js';
import { renderJson, renderPath } from './render.js';

const faker = (seed: number) => {
  const f = new Faker({ locale: [en, base] });
  f.seed(seed);
  return f;
};
const scope = {
  timestamp: 1700000000123,
  faker: faker(1),
  fields: new Map<string, unknown>([
    ['id', 'a/b c'],
    ['n', 42],
  ]),
  env: { TOKEN: 't' },
};

describe('render', () => {
  it('fills strings and keeps the JSON type of a sole placeholder', () => {
    expect(
      renderJson({ code: 'x{{timestamp}}', n: '{{resolved.n}}', s: '{{app.id}}', e: '{{env.TOKEN}}' }, scope),
    ).toEqual({ code: 'x1700000000123', n: 42, s: 'a/b c', e: 't' });
  });

  it('URL-encodes values placed in a path', () => {
    expect(renderPath('/apps/{{resolved.id}}', scope)).toBe('/apps/a%2Fb%20c');
  });

  it('accepts <<name>> as an alias of {{name}}', () => {
    expect(renderJson({ a: '<<resolved.id>>', b: 'x-<<timestamp>>' }, scope)).toEqual({
      a: 'a/b c',
      b: 'x-1700000000123',
    });
  });

  it('draws faker and uuid values from the seed, so a seed replays them', () => {
    const template = { email: '{{faker.internet.email}}', id: '{{uuid}}', n: '{{faker.number.int}}' };
    const a = renderJson(template, { ...scope, faker: faker(42) });
    const b = renderJson(template, { ...scope, faker: faker(42) });
    const c = renderJson(template, { ...scope, faker: faker(43) });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect((a as { email: string }).email).toMatch(/@/);
    expect((a as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof (a as { n: unknown }).n).toBe('number');
  });

  it('throws a typed error for a value that is missing at run time', () => {
    expect(() => renderJson('{{resolved.nope}}', scope)).toThrow(CardcheckError);
  });
});
