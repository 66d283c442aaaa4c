import { describe, expect, it } from 'vitest';
import { Redactor } from './redact.js';

describe('Redactor', () => {
  it('blanks captured secrets and their derived forms, not ordinary data', () => {
    const r = new Redactor();
    r.addFromJson({ access_token: 'eyJhbGciOi.abc.def', code: 'rate_limited', data: { client_secret: 'cs_a/b+c d' } });
    r.addBasic(`Basic ${Buffer.from('client:pa ss:word').toString('base64')}`);
    const text = 'token eyJhbGciOi.abc.def, secret cs_a%2Fb%2Bc%20d or cs_a%2Fb%2Bc+d, code rate_limited, basic pa ss:word';
    expect(r.redact(text)).toBe('token [redacted], secret [redacted] or [redacted], code rate_limited, basic [redacted]');
  });

  it('does not blank words that only share a key name with a secret', () => {
    const r = new Redactor();
    r.addFromJson({ access_token: 'eyJabc.def.ghi', token_type: 'Bearer', issued_token_type: 'urn:ietf:params:oauth:token-type:access_token', refresh_token: 'rt_1234567' });
    expect(r.redact('Bearer eyJabc.def.ghi, rt_1234567, urn:ietf:params:oauth:token-type:access_token')).toBe('Bearer [redacted], [redacted], urn:ietf:params:oauth:token-type:access_token');
  });

  it('takes secrets from env names that say so', () => {
    const r = new Redactor();
    r.addFromEnv({ DIRECTORY_TOKEN: 'dt_123456789', HOME: '/home/someone' });
    expect(r.redact('dt_123456789 in /home/someone')).toBe('[redacted] in /home/someone');
  });
});
