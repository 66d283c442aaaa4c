import { describe, expect, it } from 'vitest';
import { validateSchema } from './schema.js';

describe('validateSchema', () => {
  it('judges equal schemas written as different objects alike, and different ones apart', () => {
    const schema = () => ({ type: 'object', required: ['id'], properties: { id: { type: 'string' } } });
    expect(validateSchema(schema(), { id: 'a' })).toEqual([]);
    expect(validateSchema(schema(), {})).toEqual([
      {
        path: '/id',
        message: 'required field /id is missing',
        expected: 'present',
        actual: 'missing',
        schemaPath: '/required/0',
      },
    ]);
    const numeric = { type: 'object', required: ['id'], properties: { id: { type: 'number' } } };
    expect(validateSchema(numeric, { id: 'a' })).toMatchObject([{ path: '/id', expected: 'number', actual: '"a"' }]);
    expect(validateSchema(schema(), { id: 'a' })).toEqual([]);
  });

  it('validates with the dialect $schema names: draft-07 (the default), 2019-09 and 2020-12', () => {
    // prefixItems exists only in 2020-12: under draft-07 it would be ignored and anything would pass.
    const pair = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      prefixItems: [{ type: 'string' }, { type: 'number' }],
    };
    expect(validateSchema(pair, ['a', 1])).toEqual([]);
    expect(validateSchema(pair, ['a', 'b'])).toMatchObject([{ path: '/1', expected: 'number' }]);
    const dependent = {
      $schema: 'https://json-schema.org/draft/2019-09/schema#',
      type: 'object',
      dependentRequired: { client_secret: ['client_id'] },
    };
    expect(validateSchema(dependent, { client_secret: 'x' })).toHaveLength(1);
    const draft7 = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', required: ['id'] };
    expect(validateSchema(draft7, {})).toMatchObject([{ path: '/id', actual: 'missing' }]);
  });
});
