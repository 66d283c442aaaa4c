// biome-ignore-all lint/suspicious/noTemplateCurlyInString: bullets are text, where ${NAME} is a variable
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
  ['status is 201', { kind: 'status', status: [201] }],
  ['body._id equal to 3', { target: { kind: 'body', path: '_id' }, op: 'equals', value: 3 }],
  [
    'every item in body has app_type = public',
    {
      target: { kind: 'body', path: 'app_type' },
      op: 'equals',
      value: 'public',
      each: { quantifier: 'every', path: '' },
    },
  ],
  [
    'every item in body.data has active = true',
    {
      target: { kind: 'body', path: 'active' },
      op: 'equals',
      value: true,
      each: { quantifier: 'every', path: 'data' },
    },
  ],
  [
    'each entry of $.data.apps has `scopes` contains openid',
    {
      target: { kind: 'body', path: 'scopes' },
      op: 'contains',
      value: 'openid',
      each: { quantifier: 'every', path: 'data.apps' },
    },
  ],
  [
    'all items in body.tags is a string',
    { target: { kind: 'body', path: '' }, op: 'type', value: 'string', each: { quantifier: 'every', path: 'tags' } },
  ],
  [
    'no item in body.items has status = disabled',
    {
      target: { kind: 'body', path: 'status' },
      op: 'equals',
      value: 'disabled',
      each: { quantifier: 'none', path: 'items' },
    },
  ],
  [
    'none of the items in body.items has status is not 3',
    {
      target: { kind: 'body', path: 'status' },
      op: 'notEquals',
      value: 3,
      each: { quantifier: 'none', path: 'items' },
    },
  ],
  [
    'no item of body.oauthApps has a clientSecret',
    {
      target: { kind: 'body', path: 'clientSecret' },
      op: 'exists',
      value: true,
      each: { quantifier: 'none', path: 'oauthApps' },
    },
  ],
  [
    'any item of body.oauthApps has no clientSecret',
    {
      target: { kind: 'body', path: 'clientSecret' },
      op: 'exists',
      value: false,
      each: { quantifier: 'some', path: 'oauthApps' },
    },
  ],
  [
    'no `data[]` has a `client_secret`',
    {
      target: { kind: 'body', path: 'client_secret' },
      op: 'exists',
      value: true,
      each: { quantifier: 'none', path: 'data' },
    },
  ],
  [
    'body.oauthApps has at least 1 item',
    { target: { kind: 'body', path: '' }, op: 'exists', value: true, each: { quantifier: 'some', path: 'oauthApps' } },
  ],
  [
    '`data` is not empty',
    { target: { kind: 'body', path: '' }, op: 'exists', value: true, each: { quantifier: 'some', path: 'data' } },
  ],
  [
    'some body.data[] has name matches /^Growth/',
    {
      target: { kind: 'body', path: 'name' },
      op: 'matches',
      value: '^Growth',
      each: { quantifier: 'some', path: 'data' },
    },
  ],
];

describe('expectation bullets', () => {
  it.each(CASES)('reads "%s"', (text, expected) => {
    const reading = readBullet(text, 10, 3);
    if (reading?.kind === 'assertion') expect(reading.assertion).toStrictEqual(expected);
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

  it("reads a quantified bullet with $NAME, located, and E's `path[]` form with a placeholder", () => {
    expect(readBullet('some item of body.oauthApps has _id equal to $APP_ID', 30, 3)).toStrictEqual({
      kind: 'assertion',
      assertion: {
        target: { kind: 'body', path: '_id' },
        op: 'equals',
        value: '{{env.APP_ID}}',
        each: { quantifier: 'some', path: 'oauthApps' },
      },
      placeholders: [{ expr: 'env.APP_ID', raw: '$APP_ID', line: 30, column: 48 }],
    });
    expect(readBullet('some `data[]` has `client_id` = `<<app.data.client_id>>`', 45, 3)).toStrictEqual({
      kind: 'assertion',
      assertion: {
        target: { kind: 'body', path: 'client_id' },
        op: 'equals',
        value: '<<app.data.client_id>>',
        each: { quantifier: 'some', path: 'data' },
      },
      placeholders: [{ expr: 'app.data.client_id', raw: '<<app.data.client_id>>', line: 45, column: 36 }],
    });
  });

  it('reads ${NAME} as the house placeholder, raw as written and located', () => {
    expect(readBullet('body.oauthApp._id is ${APP_ID}', 12, 3)).toStrictEqual({
      kind: 'assertion',
      assertion: { target: { kind: 'body', path: 'oauthApp._id' }, op: 'equals', value: '{{env.APP_ID}}' },
      placeholders: [{ expr: 'env.APP_ID', raw: '${APP_ID}', line: 12, column: 24 }],
    });
    // Unbalanced braces are not a variable: the text is the value.
    expect(readBullet('body.x is ${APP_ID', 1, 3)).toMatchObject({
      assertion: { value: '${APP_ID' },
      placeholders: [],
    });
  });

  it('reads nothing it cannot check: the caller refuses such a bullet at its line', () => {
    for (const text of [
      'fast',
      'looks sane, nothing weird in `data`',
      'body.id is a snowflake',
      'all items in body.tags are a string',
      'every item in body has app_type roughly public',
      'some item of body.oauthApps looks recent',
      'every item in body.data is a snowflake',
      'no item of body has',
      'every item of (body) has x',
      'every `data[]` has a nice name',
      'body.oauthApps has at least 2 items',
    ])
      expect(readBullet(text, 1, 3), text).toBeUndefined();
  });
});
