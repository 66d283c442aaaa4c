import { describe, expect, it } from 'vitest';
import { parseCard } from '../card/parse-card.js';
import { parseConfig } from '../config/load-config.js';
import type { RequestShape } from '../core/request.js';
import { cardStandards } from './card-standards.js';
import { detectFromRequest } from './detect.js';

const req = (r: Partial<RequestShape>): RequestShape => ({ method: 'POST', path: '/', ...r });

describe('detectFromRequest', () => {
  it.each([
    [req({ method: 'GET', path: '/.well-known/oauth-authorization-server/tenant' }), 'discovery'],
    [req({ method: 'GET', path: '/t1/.well-known/openid-configuration' }), 'discovery'],
    [req({ path: '/oauth/revoke', form: { token: 'x', token_type_hint: 'refresh_token' } }), 'revocation'],
    [req({ path: '/token/revocation', body: { token: 'x' } }), 'revocation'],
    [req({ path: '/oauth2/introspect', form: { token: 'x' } }), 'introspection'],
    [req({ path: '/token', form: { grant_type: 'client_credentials' } }), 'token'],
    [req({ path: '/oauth/service/token', body: { grant_type: 'authorization_code' } }), 'token'],
    [req({ path: '/connect/register', body: { client_name: 'a', redirect_uris: [] } }), 'registration'],
    [req({ path: '/reg', body: { grant_types: ['client_credentials'] } }), 'registration'],
    [req({ method: 'GET', path: '/authorize', query: { response_type: 'code' } }), 'authorization'],
  ])('%o is %s', (r, kind) => {
    expect(detectFromRequest(r)?.kind).toBe(kind);
  });

  it.each([
    [req({ path: '/oauth/revoke' }), 'revoke without token'],
    [req({ path: '/platform/v1/apps', body: { name: 'a', redirect_uri: 'x' } }), 'a vendor app, not RFC 7591'],
    [req({ method: 'PUT', path: '/register', body: { client_name: 'a' } }), 'not a POST'],
    [req({ path: '/oauth/service/token', body: { service_id: 'a' } }), 'no grant_type'],
    [req({ method: 'GET', path: '/api/things' }), 'a resource'],
  ])('%o gets no pack (%s)', (r) => {
    expect(detectFromRequest(r)).toBeUndefined();
  });
});

const card = (front: string) => {
  const text = `---\nendpoint: GET /x\nstatus: success\n${front}---\n# X\n\n## Request Template\n\n\`\`\`json\n{ "method": "GET", "path": "/x" }\n\`\`\`\n`;
  return parseCard(Buffer.from(text), 'x.md');
};

describe('declaring the kind and switching rules off', () => {
  it('front-matter endpointKind wins over the config, which wins over detection', () => {
    const { config } = parseConfig('apis:\n  h:\n    endpointKind: discovery\n    standards: warn\n', 'c.yaml');
    const fm = card('endpointKind: protected-resource\n').card?.frontMatter;
    if (!fm) throw new Error('no card');
    const token = req({ form: { grant_type: 'x' } });
    expect(cardStandards(fm, 'h', token, { apis: config.apis })).toMatchObject({
      detection: { kind: 'protected-resource', why: 'front-matter endpointKind: protected-resource' },
      level: 'warn',
      levelFrom: 'config apis.h.standards',
    });
    const plain = card('').card?.frontMatter;
    if (!plain) throw new Error('no card');
    expect(cardStandards(plain, 'h', token, { apis: config.apis }).detection?.kind).toBe('discovery');
    expect(cardStandards(plain, 'other', token, { apis: config.apis })).toMatchObject({
      detection: { kind: 'token' },
      level: 'error',
    });
    expect(cardStandards(plain, 'h', token, { apis: config.apis, override: 'off' }).level).toBe('off');
    const none = card('endpointKind: none\n').card?.frontMatter;
    if (!none) throw new Error('no card');
    expect(cardStandards(none, 'other', token, {}).detection).toBeUndefined();
  });

  it('reads standards.off with its reasons, and refuses a bad shape or kind at its line', () => {
    const ok = card('standards:\n  off:\n    - rule: token-no-store\n      reason: " the gateway adds it "\n');
    expect(ok.card?.frontMatter.standardsOff).toEqual([
      { rule: 'token-no-store', reason: 'the gateway adds it', line: 4 },
    ]);
    const noReason = card('standards:\n  off:\n    - rule: token-no-store\n');
    expect(noReason.diagnostics).toMatchObject([
      { ruleId: 'invalid-front-matter', line: 4, message: expect.stringContaining('standards must be') },
    ]);
    const badKind = card('endpointKind: tokens\n');
    expect(badKind.diagnostics).toMatchObject([
      {
        ruleId: 'invalid-front-matter',
        line: 4,
        message: expect.stringContaining('endpointKind must be one of token,'),
      },
    ]);
  });

  it('warns of standards settings for an API no target has', () => {
    const text = 'targets:\n  t:\n    apis:\n      oauth: https://as.example\napis:\n  oath:\n    standards: warn\n';
    expect(parseConfig(text, 'c.yaml').diagnostics).toMatchObject([
      { ruleId: 'config-unknown-api', severity: 'warning', line: 6, hint: 'Did you mean "oauth"?' },
    ]);
  });

  it('refuses a config level or kind that does not exist, at its line', () => {
    const { diagnostics } = parseConfig('apis:\n  h:\n    standards: loud\n    endpointKind: tokens\n', 'c.yaml');
    expect(diagnostics).toMatchObject([
      { ruleId: 'config-invalid-value', line: 3, message: expect.stringContaining('must be error, warn or off') },
      { ruleId: 'config-invalid-value', line: 4, message: expect.stringContaining('"endpointKind" of API "h"') },
    ]);
  });
});
