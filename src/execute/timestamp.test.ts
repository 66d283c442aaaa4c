import { describe, expect, it } from 'vitest';
import { createTimestampSource } from './timestamp.js';

describe('timestamp source', () => {
  it('is strictly increasing even when the clock stands still or goes back', () => {
    const readings = [1000, 1000, 1000, 999, 1005];
    const next = createTimestampSource(() => readings.shift() ?? 0);
    expect([next(), next(), next(), next(), next()]).toEqual([1000, 1001, 1002, 1003, 1005]);
  });
});
