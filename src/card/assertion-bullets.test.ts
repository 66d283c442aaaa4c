import { describe, expect, it } from 'vitest';
import { readBullet } from './assertion-bullets.js';

/** The bullet grammar: what each form becomes, as authors write it (column 3, after "- "). */
const CASES: [string, unknown][] = [
  ['status is 201', { kind: 'status', status: [201] }],
  ['status: 200 or 201', { kind: 'status', status: [200, 201] }],
  ['status 400', { kind: 'status', status: [400] }],
  [
    'header Content-Type contains application/json',
    { target: { kind: 'header', name: 'content-type' }, op: 'contains', value: 'application/json' },
  ],
  [
    'header Cache-Control is no-store',
    { target: { kind: 'header', name: 'cache-control' }, op: 'equals', value: 'no-store' },
  ],
  [
    'header WWW-Authenticate starts with Basic',
    { target: { kind: 'header', name: 'www-authenticate' }, op: 'matches', value: '^Basic' },
  ],
  ['header Location exists', { target: { kind: 'header', name: 'location' }, op: 'exists', value: true }],
  ['body.success is true', { target: { kind: 'body', path: 'success' }, op: 'equals', value: true }],
  [
    'body.application.name is "chatops-b-create"',
    { target: { kind: 'body', path: 'application.name' }, op: 'equals', value: 'chatops-b-create' },
  ],
  [
    'body.application.clientId is a string',
    { target: { kind: 'body', path: 'application.clientId' }, op: 'type', value: 'string' },
  ],
  ['body.expires_in is an integer', { target: { kind: 'body', path: 'expires_in' }, op: 'type', value: 'integer' }],
  [
    '`data.app_type` = `internal` (default when not sent)',
    { target: { kind: 'body', path: 'data.app_type' }, op: 'equals', value: 'internal' },
  ],
  [
    '`data.scopes` = `["openid","clients:read"]`',
    { target: { kind: 'body', path: 'data.scopes' }, op: 'equals', value: ['openid', 'clients:read'] },
  ],
  [
    'body.error is one of invalid_client, invalid_grant',
    { target: { kind: 'body', path: 'error' }, op: 'oneOf', value: ['invalid_client', 'invalid_grant'] },
  ],
  ['body.id is not 0', { target: { kind: 'body', path: 'id' }, op: 'notEquals', value: 0 }],
  ['body.expires_in > 0', { target: { kind: 'body', path: 'expires_in' }, op: 'greaterThan', value: 0 }],
  [
    'body.token_type matches /^Bearer$/',
    { target: { kind: 'body', path: 'token_type' }, op: 'matches', value: '^Bearer$' },
  ],
  ['body.scope contains read', { target: { kind: 'body', path: 'scope' }, op: 'contains', value: 'read' }],
  ['body.refresh_token is absent', { target: { kind: 'body', path: 'refresh_token' }, op: 'exists', value: false }],
  ['body has no refresh_token', { target: { kind: 'body', path: 'refresh_token' }, op: 'exists', value: false }],
  [
    'body.oauthApp has no clientSecret',
    { target: { kind: 'body', path: 'oauthApp.clientSecret' }, op: 'exists', value: false },
  ],
  ['no `data.client_secret`', { target: { kind: 'body', path: 'data.client_secret' }, op: 'exists', value: false }],
];

describe('expectation bullets', () => {
  it.each(CASES)('reads "%s"', (text, expected) => {
    const reading = readBullet(text, 10, 3);
    if (reading?.kind === 'assertion') expect(reading.assertion).toEqual(expected);
    else expect(reading).toEqual(expected);
  });

  it('reads $NAME and placeholders in a value as values filled in when the response is checked, located', () => {
    expect(readBullet('body._createdBy._id equals $ROCKETCHAT_USER_ID', 7, 3)).toEqual({
      kind: 'assertion',
      assertion: {
        target: { kind: 'body', path: '_createdBy._id' },
        op: 'equals',
        value: '{{env.ROCKETCHAT_USER_ID}}',
      },
      placeholders: [{ expr: 'env.ROCKETCHAT_USER_ID', raw: '$ROCKETCHAT_USER_ID', line: 7, column: 30 }],
    });
    const id = readBullet('`data.id` = `<<app.data.id>>`', 4, 3);
    expect(id).toMatchObject({
      assertion: { value: '<<app.data.id>>' },
      placeholders: [{ expr: 'app.data.id', line: 4 }],
    });
  });

  it('reads nothing it cannot check: the caller refuses such a bullet at its line', () => {
    for (const text of [
      'fast',
      'looks sane, nothing weird in `data`',
      'body.id is a snowflake',
      'every item in body has app_type = public',
    ])
      expect(readBullet(text, 1, 3), text).toBeUndefined();
  });
});
