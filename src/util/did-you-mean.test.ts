import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from './did-you-mean.js';

describe('didYouMean', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('dri', 'dir')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
  it('suggests near misses only', () => {
    expect(didYouMean('sucess', ['success', 'skip'])).toBe('success');
    expect(didYouMean('skip_reason', ['skipReason', 'status'])).toBe('skipReason');
    expect(didYouMean('rc', ['dri'])).toBeUndefined();
  });
});
