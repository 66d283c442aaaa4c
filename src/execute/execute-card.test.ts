import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, freshApp, useVcitaSandbox } from '../../test/support/temp-cards.js';

const { sandbox: current, run } = useVcitaSandbox({ beforeAll, afterAll });

const tokenRequest = {
  method: 'POST',
  path: '/oauth/service/token',
  body: { service_id: '{{resolved.client_id}}', service_secret: '{{resolved.client_secret}}' },
};

describe('UID resolution against the sandbox', () => {
  it('fields from the same create call share ONE call, and the card passes', async () => {
    const before = current().stats().created.app ?? 0;
    const { client_id, client_secret } = {
      client_id: freshApp('client_id'),
      client_secret: { ...freshApp('client_id', { extract: 'data.client_secret' }), cleanup_endpoint: undefined },
    };
    const result = await run({
      'shared.md': card({
        endpoint: 'POST /oauth/service/token',
        uid: { client_id, client_secret },
        request: tokenRequest,
        expect: { status: 200 },
      }),
    });
    expect(result.cards[0]).toMatchObject({ outcome: 'passed', reason: '' });
    expect((current().stats().created.app ?? 0) - before).toBe(1);
    expect(result.cards[0]?.requests.map((r) => [r.label, r.status])).toEqual([
      ['create client_id, client_secret', 201],
      ['request', 200],
      ['cleanup', 200],
    ]);
    expect(current().stats().live.app).toBe(0);
  });

  it('runs the cleanup when the card fails, and says why it failed', async () => {
    const result = await run({
      'fails.md': card({
        endpoint: 'GET /platform/v1/apps/{id}',
        uid: { id: freshApp('id') },
        request: { method: 'GET', path: '/platform/v1/apps/{{resolved.id}}' },
        expect: { status: 418 },
      }),
    });
    expect(result.cards[0]).toMatchObject({ outcome: 'failed', reason: 'expected status 418, got 200' });
    expect(result.cards[0]?.requests.at(-1)).toMatchObject({ label: 'cleanup', method: 'DELETE', status: 200 });
    expect(result.leftBehind).toEqual([]);
    expect(current().stats().live.app).toBe(0);
  });

  it('runs the cleanup when a schema check fails, naming the field', async () => {
    const schema = {
      type: 'object',
      required: ['data'],
      properties: { data: { type: 'object', required: ['no_such_field'] } },
    };
    const result = await run({
      'schema.md': card({
        endpoint: 'GET /platform/v1/apps/{id}',
        uid: { id: freshApp('id') },
        request: { method: 'GET', path: '/platform/v1/apps/{{resolved.id}}' },
        expect: { status: 200, schema },
      }),
    });
    expect(result.cards[0]?.outcome).toBe('failed');
    expect(result.cards[0]?.reason).toBe('required field /data/no_such_field is missing');
    expect(current().stats().live.app).toBe(0);
  });

  it("lists a created resource with no cleanup as left behind, with the card's note", async () => {
    const result = await run({
      'leaves.md': card({
        endpoint: 'GET /platform/v1/apps/{id}',
        uid: { id: freshApp('id', { cleanup: false }) },
        request: { method: 'GET', path: '/platform/v1/apps/{{resolved.id}}' },
      }),
    });
    expect(result.cards[0]?.outcome).toBe('passed');
    const live = current().stats().liveIds.app ?? [];
    expect(live).toHaveLength(1);
    expect(result.leftBehind).toEqual([
      {
        file: 'leaves.md',
        createdBy: 'POST /platform/v1/apps',
        field: 'id',
        id: live[0],
        reason: 'no cleanup declared (card says: left on purpose by the test)',
      },
    ]);
    // Tidy up what the test itself left.
    await fetch(`${current().apis.vcita}/platform/v1/apps/${live[0]}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${current().env.DIRECTORY_TOKEN}` },
    });
    expect(current().stats().live.app).toBe(0);
  });

  it('lists a resource whose cleanup failed, with the failure', async () => {
    const uid = { id: { ...freshApp('id'), cleanup_endpoint: 'DELETE /platform/v1/nowhere/{{resolved.id}}' } };
    const result = await run({
      'badcleanup.md': card({
        endpoint: 'GET /platform/v1/apps',
        uid,
        request: { method: 'GET', path: '/platform/v1/apps' },
      }),
    });
    expect(result.leftBehind).toHaveLength(1);
    expect(result.leftBehind[0]?.reason).toBe(
      'cleanup DELETE /platform/v1/nowhere/{{resolved.id}} failed: answered 404',
    );
    const id = result.leftBehind[0]?.id;
    await fetch(`${current().apis.vcita}/platform/v1/apps/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${current().env.DIRECTORY_TOKEN}` },
    });
  });

  it('errors (not fails) a card whose fixture cannot be created, and sends nothing else', async () => {
    const uid = { id: { ...freshApp('id'), create_body: { name: 'no code name' } } };
    const result = await run({
      'nofixture.md': card({
        endpoint: 'GET /platform/v1/apps',
        uid,
        request: { method: 'GET', path: '/platform/v1/apps' },
      }),
    });
    expect(result.cards[0]?.outcome).toBe('errored');
    expect(result.cards[0]?.reason).toMatch(
      /^could not create id: POST \/platform\/v1\/apps answered 422 \(nofixture\.md:\d+\)$/,
    );
    expect(result.cards[0]?.requests).toHaveLength(1);
  });

  it('gives each card its own strictly increasing timestamp, so fresh names never collide', async () => {
    const cards: Record<string, string> = {};
    for (let i = 0; i < 5; i++)
      cards[`c${i}.md`] = card({
        endpoint: 'GET /platform/v1/apps',
        uid: { id: freshApp('id') },
        request: { method: 'GET', path: '/platform/v1/apps' },
      });
    const result = await run(cards);
    expect(result.cards.map((c) => c.outcome)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
  });
});
