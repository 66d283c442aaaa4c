import { describe, expect, it } from 'vitest';
import { readPath } from './json-path.js';

describe('readPath', () => {
  it('reads dot paths with array indexes', () => {
    expect(readPath({ data: [{ client_id: 'a' }, { client_id: 'b' }] }, 'data[1].client_id')).toBe('b');
  });
  it('takes the first list item that has the field', () => {
    expect(readPath({ data: [{ other: 1 }, { client_id: 'b' }] }, 'data.client_id')).toBe('b');
  });
  it('answers undefined for a missing path', () => {
    expect(readPath({ data: {} }, 'data.client_id')).toBeUndefined();
  });
});
