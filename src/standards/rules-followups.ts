import type { StandardRule } from './rules.js';

/** Checks that send one more request after the card's (src/standards/follow-ups.ts). */
export const FOLLOW_UP_RULES: readonly StandardRule[] = [
  {
    id: 'followup-code-single-use',
    packs: ['token'],
    clause: 'RFC 6749 §4.1.2, §10.5',
    strength: 'must',
    followUp: true,
    requirement: 'An authorization code works once: the same exchange sent again is refused with `invalid_grant`.',
    fix: 'Mark a code used at its first exchange; refuse the second (and revoke the tokens the code issued).',
  },
  {
    id: 'followup-revoke-unknown-token',
    packs: ['revocation'],
    clause: 'RFC 7009 §2.2',
    strength: 'must',
    followUp: true,
    requirement: 'Revoking a token the server does not know answers 200, like a revocation that succeeds.',
    fix: 'Answer 200 for an invalid or unknown token: the client can do nothing with the difference.',
  },
  {
    id: 'followup-introspection-auth',
    packs: ['introspection'],
    clause: 'RFC 7662 §2.1',
    strength: 'must',
    followUp: true,
    requirement: 'The introspection endpoint refuses a caller that does not authenticate, so tokens cannot be probed.',
    fix: 'Require client authentication or a bearer token on the introspection endpoint, and answer 401 without it.',
  },
  {
    id: 'followup-registration-deleted',
    packs: ['registration'],
    clause: 'RFC 7592 §2.3',
    strength: 'must',
    followUp: true,
    requirement:
      'Once a registered client is deleted, reading its configuration endpoint with its registration access token answers 401.',
    fix: 'Delete the client for good and invalidate its registration access token with it.',
  },
  {
    id: 'followup-pkce-wrong-verifier',
    packs: ['token'],
    clause: 'RFC 7636 §4.6',
    strength: 'must',
    followUp: true,
    requirement:
      'A code issued for a PKCE challenge is refused (400 `invalid_grant`) when exchanged with a verifier that does not match it.',
    fix: 'Compare BASE64URL(SHA-256(code_verifier)) with the stored code_challenge at the token endpoint; refuse a mismatch.',
  },
  {
    id: 'followup-pkce-verifier-required',
    packs: ['token'],
    clause: 'RFC 7636 §4.6, RFC 9700 §2.1.1',
    strength: 'must',
    followUp: true,
    requirement: 'A code issued for a PKCE challenge is refused when the exchange sends no `code_verifier` at all.',
    fix: 'When the authorization request had a code_challenge, require code_verifier at the token endpoint.',
  },
  {
    id: 'followup-pkce-plain-refused',
    packs: ['token'],
    clause: 'RFC 9700 §2.1.1, RFC 7636 §4.2, §4.4.1',
    strength: 'should',
    followUp: true,
    requirement:
      'A server that takes S256 refuses an authorization request with `code_challenge_method=plain` (an error, not a code): plain exposes the verifier.',
    fix: 'Accept only S256 (advertise `code_challenge_methods_supported: ["S256"]`) and answer plain with `invalid_request`.',
  },
  {
    id: 'followup-revoked-token-dead',
    packs: ['revocation'],
    clause: 'RFC 7009 §2.1, §2.2',
    strength: 'must',
    followUp: true,
    requirement:
      'A token revoked with 200 is dead at once: introspection says `active: false`, a revoked refresh token gets `invalid_grant`.',
    fix: 'Invalidate the token (and for a refresh token, its grant) before answering the revocation with 200.',
  },
];
