import { describe, expect, it } from 'vitest';
import { validateSchema } from './schema.js';

describe('validateSchema', () => {
  it('judges equal schemas written as different objects alike, and different ones apart', () => {
    const schema = () => ({ type: 'object', required: ['id'], properties: { id: { type: 'string' } } });
    expect(validateSchema(schema(), { id: 'a' })).toEqual([]);
    expect(validateSchema(schema(), {})).toEqual([
      { path: '/id', message: 'required field /id is missing', expected: 'present', actual: 'missing' },
    ]);
    const numeric = { type: 'object', required: ['id'], properties: { id: { type: 'number' } } };
    expect(validateSchema(numeric, { id: 'a' })).toMatchObject([{ path: '/id', expected: 'number', actual: '"a"' }]);
    expect(validateSchema(schema(), { id: 'a' })).toEqual([]);
  });
});
