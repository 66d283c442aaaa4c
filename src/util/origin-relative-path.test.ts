import { describe, expect, it } from 'vitest';
import { pathEscape } from './origin-relative-path.js';

describe('pathEscape', () => {
  it('accepts origin-relative paths, dots that stay inside, and query strings', () => {
    for (const p of [
      '/',
      '/platform/v1/apps',
      '/apps/a%2Fb',
      '/a/../b',
      '/a/./b/..',
      '/a/b?next=../../x',
      '/files/...',
      '/a/b/',
    ])
      expect(pathEscape(p)).toBeUndefined();
  });

  it('refuses a scheme, a //host or \\\\host start, and a missing leading /', () => {
    expect(pathEscape('http://evil.example/x')).toMatch(/names a scheme/);
    expect(pathEscape('//evil.example/x')).toMatch(/starts with \/\/, which names a host/);
    expect(pathEscape('/\\evil.example/x')).toMatch(/names a host/);
    expect(pathEscape('apps')).toMatch(/does not start with \//);
  });

  it('refuses .. that climbs above the base path, however the dots are written', () => {
    for (const p of [
      '/..',
      '/../admin',
      '/a/../../admin',
      '/%2e%2e/admin',
      '/.%2E/admin',
      '/a\\..\\..\\x',
      '/a//../../..',
    ])
      expect(pathEscape(p), p).toMatch(/climb above the base path/);
  });
});
