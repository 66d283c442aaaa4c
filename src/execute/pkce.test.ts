import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderJson } from '../plan/render.js';
import { newPkce } from './pkce.js';

describe('PKCE placeholders', () => {
  it('give a 43-character verifier and its S256 challenge, fresh for each card execution', () => {
    const pkce = newPkce();
    expect(pkce.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pkce.challenge).toBe(createHash('sha256').update(pkce.verifier).digest('base64url'));
    expect(newPkce().verifier).not.toBe(pkce.verifier);
    const scope = { timestamp: 1, faker: undefined as never, fields: new Map(), env: {}, pkce };
    expect(
      renderJson(
        { url: '/authorize?code_challenge={{pkce.challenge}}', body: { code_verifier: '{{pkce.verifier}}' } },
        scope,
      ),
    ).toEqual({ url: `/authorize?code_challenge=${pkce.challenge}`, body: { code_verifier: pkce.verifier } });
  });
});
