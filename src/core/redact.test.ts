import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodings } from '../../test/support/secret-encodings.js';
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
  /** The obvious implementation: one regular expression of every secret (a space also matching `+`), longest first. */
  const reference = (secrets: string[], text: string) => {
    const values = [...new Set(secrets.filter((v) => v.length >= 6))].sort((a, b) => b.length - a.length);
    if (values.length === 0) return text;
    return text.replace(
      new RegExp(values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ |\\\+/g, '[ +]')).join('|'), 'g'),
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

describe('Redactor: matching by decoding', () => {
  const secret = "abc/x+y~!'()";

  it("finds a secret with / + ~ ! ' ( ) however it was encoded, in context", () => {
    const r = new Redactor();
    r.add(secret);
    const texts = [
      '{"client_secret":"abc\\/x\\u002by~!\'()"}',
      'client_secret=abc%2Fx%2By%7E%21%27%28%29&grant_type=client_credentials',
      'client_secret=abc%2fx%2by%7e%21%27%28%29',
      new URLSearchParams({ client_secret: secret, scope: 'read' }).toString(),
      `blob ${Buffer.from(secret).toString('base64')} end`,
      `blob ${Buffer.from(secret).toString('base64url')} end`,
      `Basic ${Buffer.from(`client:${secret}`).toString('base64')}`,
      `"https:\\/\\/app.example\\/cb?x=${encodeURIComponent(secret)}"`,
    ];
    for (const t of texts) expect(r.redact(t), t).not.toMatch(/abc|YWJj|x%2B|x\\u002b/i);
    expect(r.redact(texts[0] as string)).toBe('{"client_secret":"[redacted]"}');
    expect(r.redact(texts[3] as string)).toBe('client_secret=[redacted]&scope=read');
  });

  it('blanks every encoding of every tracked secret inside any filler, and leaves text without secrets alone', () => {
    const filler = fc.string({ unit: fc.constantFrom('a', 'z', ' ', '"', ':', '{', '=', '&', '\n'), maxLength: 10 });
    const secretArb = fc.string({
      unit: fc.constantFrom('a', 'b', 'Z', '9', '/', '+', '~', '!', "'", '(', ' ', '%', '"', '\\', 'é', '\u{1F600}'),
      minLength: 6,
      maxLength: 14,
    });
    fc.assert(
      fc.property(fc.array(secretArb, { minLength: 1, maxLength: 3 }), filler, filler, (secrets, before, after) => {
        const r = new Redactor();
        for (const s of secrets) r.add(s);
        for (const s of secrets)
          for (const [name, form] of Object.entries(encodings(s))) {
            const out = r.redact(`${before}${form}${after}`);
            expect(out, `${name} of ${JSON.stringify(s)}`).toContain('[redacted]');
            for (const f of Object.values(encodings(s))) expect(out.includes(f), `${name}: ${f} left`).toBe(false);
          }
        expect(r.redact(`${before}|${after}`)).toBe(`${before}|${after}`);
      }),
      { numRuns: 400, seed: 20261202 },
    );
  });

  it('cuts nothing out of ordinary text that happens to decode (words, base64-looking ids, escapes)', () => {
    const r = new Redactor();
    r.add('cs_live_Q7wZ3kP9');
    const text = 'path=%2Fapi%2Fv1 "a\\/b" identifier_without_secret Y29kZQ== not_found';
    expect(r.redact(text)).toBe(text);
  });
});

describe('Redactor: where secrets are found', () => {
  it('keeps error codes visible, and finds code and state in redirect URLs and token requests only', () => {
    const r = new Redactor();
    r.addFromJson({ error: { code: 'not_found', state: 'archived' } });
    r.addFromUrl('https://app.example/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj');
    r.addFromForm('grant_type=authorization_code&code=c0de_from_form&redirect_uri=https%3A%2F%2Fa.example%2Fcb');
    r.addFromUrl('https://api.example/v1/items?code=country&access_token=at_in_query_1#id_token=idt_in_fragment');
    expect(r.redact('not_found archived country')).toBe('not_found archived country');
    expect(r.redact('SplxlOBeZQQYbYS6WxSbIA af0ifjsldkj c0de_from_form at_in_query_1 idt_in_fragment')).toBe(
      '[redacted] [redacted] [redacted] [redacted] [redacted]',
    );
  });

  it('finds secrets in response headers: Set-Cookie, X-Auth-Token, Location', () => {
    const r = new Redactor();
    r.addFromHeaders({
      'set-cookie': 'sid=s3ss10n_cookie_v4lue; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly',
      'x-auth-token': 'xat_header_value',
      location: 'https://app.example/cb?code=loc_code_value&state=loc_state_1',
      'content-type': 'application/json',
    });
    expect(r.redact('s3ss10n_cookie_v4lue xat_header_value loc_code_value loc_state_1 21 Oct 2026 07:28:00 GMT')).toBe(
      '[redacted] [redacted] [redacted] [redacted] 21 Oct 2026 07:28:00 GMT',
    );
  });

  it('reads a form-encoded token response, and keys declared secret by the config', () => {
    const r = new Redactor();
    r.declareSecretKeys(['X-Partner-Sig', 'pin_block']);
    r.addFromBody('access_token=form_access_tok&token_type=bearer&expires_in=3600');
    r.addFromHeaders({ 'X-Partner-Sig': 'partner_signature_1' });
    r.addFromJson({
      pin_block: 'pinblock_9876',
      tokens: ['tok_list_one1'],
      private_key: '-----BEGIN KEY-----',
      jwt: 'eyJhbGci.x.y',
      session: 'sess_12345678',
    });
    expect(
      r.redact(
        [
          'form_access_tok bearer partner_signature_1 pinblock_9876 tok_list_one1',
          '-----BEGIN KEY----- eyJhbGci.x.y sess_12345678',
        ].join(' '),
      ),
    ).toBe('[redacted] bearer [redacted] [redacted] [redacted] [redacted] [redacted] [redacted]');
  });
});

describe('redactDeep', () => {
  it('copies an object reached twice once, shared in the copy as in the original, each part redacted', () => {
    const r = new Redactor();
    r.add('s3cr3t-value-123');
    const checks = [{ message: 'token s3cr3t-value-123 seen' }];
    const result = { checks, attempts: [{ checks }], body: JSON.parse('{"__proto__": {"x": "s3cr3t-value-123"}}') };
    const out = r.redactDeep(result);
    expect(out).not.toBe(result);
    expect(out.checks).not.toBe(checks);
    expect(out.attempts[0]?.checks).toBe(out.checks);
    expect(out.checks[0]?.message).toBe('token [redacted] seen');
    expect(Object.keys(out.body)).toEqual(['__proto__']);
    expect(JSON.stringify(out)).not.toContain('s3cr3t-value-123');
    expect(checks[0]?.message).toContain('s3cr3t-value-123');
  });
});
