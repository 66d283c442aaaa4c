import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Redactor } from './redact.js';

describe('Redactor', () => {
  it('blanks captured secrets and their derived forms, not ordinary data', () => {
    const r = new Redactor();
    r.addFromJson({ access_token: 'eyJhbGciOi.abc.def', code: 'rate_limited', data: { client_secret: 'cs_a/b+c d' } });
    r.addBasic(`Basic ${Buffer.from('client:pa ss:word').toString('base64')}`);
    const text =
      'token eyJhbGciOi.abc.def, secret cs_a%2Fb%2Bc%20d or cs_a%2Fb%2Bc+d, code rate_limited, basic pa ss:word';
    expect(r.redact(text)).toBe(
      'token [redacted], secret [redacted] or [redacted], code rate_limited, basic [redacted]',
    );
  });

  it('does not blank words that only share a key name with a secret', () => {
    const r = new Redactor();
    r.addFromJson({
      access_token: 'eyJabc.def.ghi',
      token_type: 'Bearer',
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      refresh_token: 'rt_1234567',
    });
    expect(r.redact('Bearer eyJabc.def.ghi, rt_1234567, urn:ietf:params:oauth:token-type:access_token')).toBe(
      'Bearer [redacted], [redacted], urn:ietf:params:oauth:token-type:access_token',
    );
  });

  it('takes secrets from env names that say so', () => {
    const r = new Redactor();
    r.addFromEnv({ DIRECTORY_TOKEN: 'dt_123456789', HOME: '/home/someone' });
    expect(r.redact('dt_123456789 in /home/someone')).toBe('[redacted] in /home/someone');
  });
});

describe('Redactor.redact', () => {
  /** The obvious implementation: one regular expression of every secret, longest first. */
  const reference = (secrets: string[], text: string) => {
    const forms = (v: string) => [
      v,
      encodeURIComponent(v),
      encodeURIComponent(v).replace(/%20/g, '+'),
      JSON.stringify(v).slice(1, -1),
    ];
    const values = [...new Set(secrets.filter((v) => v.length >= 6).flatMap(forms))].sort(
      (a, b) => b.length - a.length,
    );
    if (values.length === 0) return text;
    return text.replace(
      new RegExp(values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g'),
      '[redacted]',
    );
  };
  // Secrets and texts from a small alphabet, so that they overlap, share prefixes and repeat.
  const piece = fc.string({
    unit: fc.constantFrom('a', 'b', 'c', 'x', '%', '/', ' ', 'é', '\u{1F600}'),
    minLength: 0,
    maxLength: 12,
  });

  it('blanks what one regular expression of every secret (longest first) would', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }),
        fc.array(fc.oneof(piece, fc.nat(7)), { maxLength: 10 }),
        (secrets, parts) => {
          // Texts are made of secrets (by index) and other pieces.
          const text = parts.map((p) => (typeof p === 'number' ? (secrets[p] ?? 'zz') : p)).join('');
          const r = new Redactor();
          for (const s of secrets) r.add(s);
          expect(r.redact(text), JSON.stringify({ secrets, text })).toBe(reference(secrets, text));
        },
      ),
      { numRuns: 3000, seed: 20261123 },
    );
  });

  it('keeps up with secrets added between redactions, as a run adds them card after card', () => {
    const r = new Redactor();
    const seen: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const secret = `cs_${i.toString(36).padStart(6, '0')}`;
      r.add(secret);
      seen.push(secret);
      const j = (i * 7919) % seen.length;
      expect(r.redact(`card ${i}: ${seen[j]} and ${secret}.`)).toBe(`card ${i}: [redacted] and [redacted].`);
    }
  });
});
