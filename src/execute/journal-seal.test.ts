import { describe, expect, it } from 'vitest';
import { Redactor } from '../core/redact.js';
import type { JournalCleanup } from './journal.js';
import { sealCleanup, secretCheck, secretLabel } from './journal-seal.js';

const base: JournalCleanup = { method: 'DELETE', baseUrl: 'https://api.example', path: '/reg/c1' };

describe('a cleanup as the journal keeps it', () => {
  const redactor = new Redactor();
  redactor.add('tracked-token-0123456789');
  const check = secretCheck(redactor, new Map<string, unknown>([['client_secret', 'pw-1']]));

  it('a credential header is left out and named in needs; its value is kept apart', () => {
    const c = { ...base, headers: { Authorization: 'Bearer anything-at-all', 'X-Trace': 'abc' } };
    const { sealed, parts } = sealCleanup(c, { Authorization: 'Bearer {{resolved.rat}}' }, check);
    expect(sealed.headers).toEqual({ 'X-Trace': 'abc' });
    expect(sealed.needs).toEqual(['the Authorization header']);
    expect(parts).toEqual({ headers: { Authorization: 'Bearer anything-at-all' } });
  });

  it('a tracked secret or a secret-named field in the path, query or body is blanked, and needed', () => {
    const c = {
      ...base,
      path: '/tokens/tracked-token-0123456789',
      query: { access_token: 'x', page: '1', note: 'pw-1' },
      body: { revoke: ['tracked-token-0123456789'] },
    };
    const { sealed, parts } = sealCleanup(c, {}, check);
    expect(sealed.path).toBe('/tokens/[redacted]');
    expect(sealed.query).toEqual({ page: '1' });
    expect(sealed.body).toEqual({ revoke: ['[redacted]'] });
    expect(sealed.needs).toEqual(['query parameter access_token', 'query parameter note', 'the path', 'the body']);
    expect(parts).toEqual({
      query: { access_token: 'x', note: 'pw-1' },
      path: '/tokens/tracked-token-0123456789',
      body: { revoke: ['tracked-token-0123456789'] },
    });
    expect(JSON.stringify(sealed)).not.toContain('tracked-token');
  });

  it('a header that only reads the environment is kept as its template, read again at cleanup', () => {
    const c = { ...base, headers: { 'X-Api-Key': 'tracked-token-0123456789' } };
    const { sealed, parts } = sealCleanup(c, { 'X-Api-Key': '{{env.API_KEY}}' }, check);
    expect(sealed).toEqual({ ...base, headers: {}, query: undefined, envHeaders: { 'X-Api-Key': '{{env.API_KEY}}' } });
    expect(parts).toBeUndefined();
  });

  it('a cleanup without secrets is kept whole, with no needs', () => {
    const c = { ...base, query: { force: 'true' } };
    expect(sealCleanup(c, {}, check)).toEqual({ sealed: { ...c, headers: undefined } });
  });

  it('secret ids get random labels, never the same twice, never derived from the value', () => {
    const a = secretLabel();
    expect(a).toMatch(/^secret-[0-9a-f]{12}$/);
    expect(secretLabel()).not.toBe(a);
  });
});
