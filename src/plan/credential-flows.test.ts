import { describe, expect, it } from 'vitest';
import type { RequestSpec } from '../core/card.js';
import type { CardPlan } from '../core/plan.js';
import { SECRET_KEY } from '../core/redact.js';
import { credentialFlows, credentialPlaceholders, flowKey } from './credential-flows.js';

const isSecret = (k: string) => SECRET_KEY.test(k);
const spec = (over: Partial<RequestSpec>): RequestSpec =>
  ({
    method: 'GET',
    path: '/',
    query: {},
    headers: {},
    followRedirects: false,
    placeholders: [],
    line: 1,
    column: 1,
    ...over,
  }) as RequestSpec;
const plan = (id: string, request: RequestSpec, fixtures: unknown[] = []) =>
  ({ action: 'run', id, request, fixtures, needs: [] }) as unknown as CardPlan;

describe('credentialPlaceholders', () => {
  it('names the placeholders a request puts into a credential, and no other', () => {
    const req = spec({
      path: '/items/{{resolved.item_id}}',
      headers: { Authorization: 'Bearer {{card.login.response.data.handle}}', Accept: '{{resolved.accept}}' },
      query: { access_token: '{{resolved.qtok}}', page: '{{resolved.page}}' },
      form: { grant_type: 'authorization_code', code: '{{resolved.code}}', client_id: '{{resolved.cid}}' },
      basic: { username: '{{resolved.cid}}', password: '{{resolved.pw}}' },
    });
    expect(credentialPlaceholders(req, isSecret).sort()).toEqual([
      'card.login.response.data.handle',
      'resolved.code',
      'resolved.pw',
      'resolved.qtok',
    ]);
  });
});

describe('credentialFlows', () => {
  it("marks a card's field or response path that this or a later card sends as a credential", () => {
    const flows = credentialFlows(
      [
        plan('login', spec({ method: 'POST', path: '/login' })),
        plan(
          'use',
          spec({
            headers: { 'X-Auth-Token': '{{card.login.resolved.handle}}' },
            body: { client_secret: '{{resolved.sec}}' },
          }),
        ),
        plan('later', spec({ headers: { authorization: 'Bearer {{card.login.response.token_like}}' } })),
      ],
      isSecret,
    );
    expect([...flows.fields].sort()).toEqual([flowKey('login', 'handle'), flowKey('use', 'sec')]);
    expect([...(flows.responses.get('login') ?? [])]).toEqual(['token_like']);
  });
});
