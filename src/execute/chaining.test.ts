import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, useVcitaSandbox } from '../../test/support/temp-cards.js';

const { sandbox: current, run } = useVcitaSandbox({ beforeAll, afterAll });
const createApp = (name: string) => ({
  method: 'POST',
  path: '/platform/v1/apps',
  body: { name, app_code_name: `${name}{{timestamp}}`, redirect_uri: 'https://example.com/cb' },
  cleanup: 'DELETE /platform/v1/apps/{{response.data.client_id}}',
});

describe('chaining cards', () => {
  it('runs a needed card first, once, and keeps its resources until the cards using it are done', async () => {
    const before = current().stats().created.app ?? 0;
    const result = await run({
      // Listed first, but it needs the maker card.
      'a-use.md': card({
        endpoint: 'GET /platform/v1/apps/{id}',
        request: { method: 'GET', path: '/platform/v1/apps/{{card.z-make.response.data.client_id}}' },
      }),
      'b-use-too.md': card({
        endpoint: 'GET /platform/v1/apps/{id}',
        request: { method: 'GET', path: '/platform/v1/apps/{{card.z-make.response.data.client_id}}' },
      }),
      'z-make.md': card({ endpoint: 'POST /platform/v1/apps', request: createApp('chain') }),
    });
    expect(result.cards.map((c) => [c.file, c.outcome])).toEqual([
      ['z-make.md', 'passed'],
      ['a-use.md', 'passed'],
      ['b-use-too.md', 'passed'],
    ]);
    expect((current().stats().created.app ?? 0) - before).toBe(1);
    expect(current().stats().live.app ?? 0).toBe(0);
    expect(result.leftBehind).toEqual([]);
  });

  it('reports a cycle and a missing card as card errors; other cards still run', async () => {
    const result = await run({
      'p.md': card({
        endpoint: 'GET /platform/v1/apps/{id}',
        request: { method: 'GET', path: '/platform/v1/apps/{{card.q.response.data.id}}' },
      }),
      'q.md': card({
        endpoint: 'GET /platform/v1/apps/{id}',
        request: { method: 'GET', path: '/platform/v1/apps/{{card.p.response.data.id}}' },
      }),
      'r.md': card({
        endpoint: 'GET /platform/v1/apps/{id}',
        request: { method: 'GET', path: '/platform/v1/apps/{{card.nope.response.data.id}}' },
      }),
      's.md': card({ endpoint: 'GET /platform/v1/apps', request: { method: 'GET', path: '/platform/v1/apps' } }),
    });
    const by = Object.fromEntries(result.cards.map((c) => [c.file, c]));
    expect(by['p.md']?.outcome).toBe('errored');
    expect(by['p.md']?.reason).toMatch(/cards need each other in a cycle: (p → q → p|q → p → q)/);
    expect(by['q.md']?.outcome).toBe('errored');
    expect(by['r.md']?.reason).toMatch(/uses card "nope", which is not among the cards of this run/);
    expect(by['s.md']?.outcome).toBe('passed');
  });
});

describe('shared (not fresh) resources', () => {
  it('creates a shared resource once for every card that declares it, and cleans it up once at the end', async () => {
    const uid = {
      app: {
        create_fresh: false,
        create_endpoint: 'POST /platform/v1/apps',
        create_body: { name: 'Shared', app_code_name: 'shared{{timestamp}}', redirect_uri: 'https://example.com/cb' },
        extract_from: 'data.client_id',
        cleanup_endpoint: 'DELETE /platform/v1/apps/{{resolved.app}}',
      },
    };
    const before = current().stats().created.app ?? 0;
    const cards: Record<string, string> = {};
    for (const n of ['one', 'two', 'three'])
      cards[`${n}.md`] = card({
        endpoint: 'GET /platform/v1/apps/{id}',
        uid,
        request: { method: 'GET', path: '/platform/v1/apps/{{resolved.app}}' },
      });
    const result = await run(cards);
    expect(result.cards.map((c) => c.outcome)).toEqual(['passed', 'passed', 'passed']);
    expect((current().stats().created.app ?? 0) - before).toBe(1);
    expect(current().stats().live.app ?? 0).toBe(0);
  });
});
