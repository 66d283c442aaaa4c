import { obj, set, textPlain, without } from './oauth-break-helpers.js';
import type { StandardsBreak } from './oauth-standards.js';

/** Breaks of the revocation (RFC 7009), introspection (RFC 7662) and registration (RFC 7591, 7592) rules. */
export const ENDPOINT_BREAKS: readonly StandardsBreak[] = [
  // RFC 7009, RFC 7662.
  {
    rule: 'revocation-status-200',
    clause: 'RFC 7009 §2.2',
    route: 'POST /revoke',
    on: 'success',
    description: 'a revocation is answered 204 instead of 200',
    mutate: (r) => ({ ...r, status: 204, body: undefined }),
  },
  {
    rule: 'introspection-active',
    clause: 'RFC 7662 §2.2',
    route: 'POST /introspect',
    on: 'success',
    description: 'active is a string ("true"/"false")',
    mutate: (r) => ({ ...r, body: set(r.body, 'active', String(obj(r.body).active)) }),
  },
  {
    rule: 'introspection-inactive-only',
    clause: 'RFC 7662 §2.2',
    route: 'POST /introspect',
    on: 'success',
    description: 'an inactive token is answered with why: {"active": false, "error_description": …}',
    mutate: (r) =>
      obj(r.body).active === false ? { ...r, body: { active: false, error_description: 'token not found' } } : r,
  },
  {
    rule: 'introspection-json',
    clause: 'RFC 7662 §2.2',
    route: 'POST /introspect',
    on: 'success',
    description: 'introspection answers are sent as text/plain',
    mutate: textPlain,
  },
  // RFC 7591, RFC 7592.
  {
    rule: 'registration-status',
    clause: 'RFC 7591 §3.2.1, RFC 7592 §2',
    route: 'POST /register',
    on: 'success',
    description: 'a registration is answered 200 instead of 201',
    mutate: (r) => ({ ...r, status: 200 }),
  },
  {
    rule: 'registration-client-id',
    clause: 'RFC 7591 §3.2.1',
    route: 'POST /register',
    on: 'success',
    description: 'the registration response lacks client_id',
    mutate: (r) => ({ ...r, body: without(r.body, 'client_id') }),
  },
  {
    rule: 'registration-secret-expires',
    clause: 'RFC 7591 §3.2.1',
    route: 'POST /register',
    on: 'success',
    description: 'client_secret comes without client_secret_expires_at',
    mutate: (r) => ({ ...r, body: without(r.body, 'client_secret_expires_at') }),
  },
  {
    rule: 'registration-issued-at-number',
    clause: 'RFC 7591 §3.2.1',
    route: 'POST /register',
    on: 'success',
    description: 'client_id_issued_at is a date string',
    mutate: (r) => ({
      ...r,
      body: set(r.body, 'client_id_issued_at', new Date(Number(obj(r.body).client_id_issued_at) * 1000).toISOString()),
    }),
  },
  {
    rule: 'registration-management-pair',
    clause: 'RFC 7592 §3',
    route: 'POST /register',
    on: 'success',
    description: 'registration_access_token comes without registration_client_uri',
    mutate: (r) => ({ ...r, body: without(r.body, 'registration_client_uri') }),
  },
  {
    rule: 'registration-json',
    clause: 'RFC 7591 §3.2.1',
    route: 'POST /register',
    on: 'success',
    description: 'the registration response is sent as text/plain',
    mutate: textPlain,
  },
];
