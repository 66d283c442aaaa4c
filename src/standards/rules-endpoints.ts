import type { StandardRule } from './rules.js';

/** Revocation (RFC 7009), introspection (RFC 7662), registration (RFC 7591, RFC 7592). */
export const ENDPOINT_RULES: readonly StandardRule[] = [
  // Revocation.
  {
    id: 'revocation-status-200',
    packs: ['revocation'],
    clause: 'RFC 7009 §2.2',
    strength: 'must',
    requirement: 'A revocation that succeeds (or names a token the server does not know) answers 200.',
    fix: 'Answer a successful revocation with 200 (not 204 or 201), with or without a body.',
  },
  // Introspection.
  {
    id: 'introspection-active',
    packs: ['introspection'],
    clause: 'RFC 7662 §2.2',
    strength: 'must',
    requirement: 'An introspection response has the required member `active`, a JSON boolean.',
    fix: 'Always send `"active": true` or `"active": false` (a boolean, not a string).',
  },
  {
    id: 'introspection-inactive-only',
    packs: ['introspection'],
    clause: 'RFC 7662 §2.2',
    strength: 'should',
    requirement: 'An inactive token is answered with `{"active": false}` and nothing that tells why or about whom.',
    fix: 'Drop every member but `active` from the answer for an inactive token.',
  },
  {
    id: 'introspection-json',
    packs: ['introspection'],
    clause: 'RFC 7662 §2.2',
    strength: 'must',
    requirement: 'An introspection response is a JSON object sent as `application/json`.',
    fix: 'Answer with `Content-Type: application/json`.',
  },
  // Registration (RFC 7591) and management (RFC 7592).
  {
    id: 'registration-status',
    packs: ['registration'],
    clause: 'RFC 7591 §3.2.1, RFC 7592 §2',
    strength: 'must',
    requirement:
      'A registration answers 201 Created; reading or updating a registration answers 200, deleting it 204 No Content.',
    fix: 'Use 201 for a new client, 200 for GET/PUT of a registration, 204 for DELETE.',
  },
  {
    id: 'registration-client-id',
    packs: ['registration'],
    clause: 'RFC 7591 §3.2.1',
    strength: 'must',
    requirement: 'A registration response carries the new client’s `client_id`, a string.',
    fix: 'Return `client_id` (a string) with the registered metadata.',
  },
  {
    id: 'registration-secret-expires',
    packs: ['registration'],
    clause: 'RFC 7591 §3.2.1',
    strength: 'must',
    requirement:
      'Whenever a `client_secret` is issued, `client_secret_expires_at` comes with it (a number, 0 for never).',
    fix: 'Add `"client_secret_expires_at": 0` (or the expiry time in seconds since the epoch).',
  },
  {
    id: 'registration-issued-at-number',
    packs: ['registration'],
    clause: 'RFC 7591 §3.2.1',
    strength: 'must',
    requirement:
      '`client_id_issued_at` and `client_secret_expires_at`, when present, are numbers of seconds since the epoch.',
    fix: 'Serialise the times as JSON numbers of seconds, not as dates or strings.',
  },
  {
    id: 'registration-management-pair',
    packs: ['registration'],
    clause: 'RFC 7592 §3',
    strength: 'must',
    requirement:
      'A server that supports registration management returns `registration_access_token` and `registration_client_uri` together.',
    fix: 'Return both the management token and the client configuration URL, or neither.',
  },
  {
    id: 'registration-json',
    packs: ['registration'],
    clause: 'RFC 7591 §3.2.1',
    strength: 'must',
    requirement: 'A registration response is a JSON object sent as `application/json`.',
    fix: 'Answer with `Content-Type: application/json`.',
  },
];
