import { describe, expect, it } from 'vitest';
import { card, freshApp } from '../../test/support/temp-cards.js';
import { parseCard } from '../card/parse-card.js';
import { planRun } from './plan-run.js';
import { guardProduction } from './production-guard.js';

const load = (file: string, text: string) => ({ file, ...parseCard(text, file) });
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

const cards = {
  'get-list.md': card({ endpoint: 'GET /platform/v1/apps', request: { method: 'GET', path: '/platform/v1/apps' } }),
  'head.md': card({ endpoint: 'HEAD /platform/v1/apps', request: { method: 'HEAD', path: '/platform/v1/apps' } }),
  'lookup-only.md': card({
    endpoint: 'GET /platform/v1/apps/{id}',
    uid: { id: { source_endpoint: 'GET /platform/v1/apps', extract_from: 'data.0.client_id' } },
    request: { method: 'GET', path: '/platform/v1/apps/{{resolved.id}}' },
  }),
  'get-with-create.md': card({
    endpoint: 'GET /platform/v1/apps/{client_id}',
    uid: { client_id: freshApp('client_id') },
    request: { method: 'GET', path: '/platform/v1/apps/{{resolved.client_id}}' },
  }),
  'post.md': card({
    endpoint: 'POST /platform/v1/apps',
    request: { method: 'POST', path: '/platform/v1/apps', body: { name: 'x' } },
  }),
  'get-with-cleanup.md': card({
    endpoint: 'GET /platform/v1/apps',
    request: {
      method: 'GET',
      path: '/platform/v1/apps',
      cleanup: 'DELETE /platform/v1/apps/{{response.data.0.client_id}}',
    },
  }),
  'uses-post.md': card({
    endpoint: 'GET /platform/v1/apps/{id}',
    request: { method: 'GET', path: '/platform/v1/apps/{{card.post.response.data.client_id}}' },
  }),
  'skipped.md': card({
    endpoint: 'POST /platform/v1/apps',
    status: 'skip',
    request: { method: 'POST', path: '/platform/v1/apps' },
    extra: '',
  }).replace('status: skip', 'status: skip\nskipReason: not today'),
};
const plan = () =>
  planRun(
    Object.entries(cards).map(([f, t]) => load(f, t)),
    { env: {} },
  );
const byFile = (p: ReturnType<typeof plan>) => Object.fromEntries(p.cards.map((c) => [c.file, c]));

describe('guardProduction', () => {
  it('leaves GET and HEAD cards alone and holds back every card that would send anything else', () => {
    const { plan: guarded, heldBack } = guardProduction(plan(), {
      targetName: 'production',
      production: true,
      allowMutations: false,
    });
    const by = byFile(guarded);
    expect(by['get-list.md']?.action).toBe('run');
    expect(by['head.md']?.action).toBe('run');
    expect(by['lookup-only.md']?.action).toBe('run');
    expect(heldBack.map((h) => h.file).sort()).toEqual([
      'get-with-cleanup.md',
      'get-with-create.md',
      'post.md',
      'uses-post.md',
    ]);
    for (const h of heldBack) expect(by[h.file]).toMatchObject({ action: 'skip', reason: h.reason });
  });

  it('names the first mutating request (a UID create step here) and its card line', () => {
    const { plan: guarded } = guardProduction(plan(), {
      targetName: 'production',
      production: true,
      allowMutations: false,
    });
    const line = lineOf(cards['get-with-create.md'], '"create_endpoint"');
    expect(byFile(guarded)['get-with-create.md']?.reason).toBe(
      `held back: production target "production" and this card sends POST /platform/v1/apps (line ${line}); pass --allow-mutations to run it`,
    );
  });

  it("counts the template's own cleanup", () => {
    const { plan: guarded } = guardProduction(plan(), { targetName: 'prod', production: true, allowMutations: false });
    expect(byFile(guarded)['get-with-cleanup.md']?.reason).toMatch(
      /^held back: production target "prod" and this card sends DELETE \/platform\/v1\/apps\/\{\{response\.data\.0\.client_id\}\} \(line \d+\); pass --allow-mutations to run it$/,
    );
  });

  it('holds back a card that needs a held-back card, saying which', () => {
    const { plan: guarded } = guardProduction(plan(), {
      targetName: 'production',
      production: true,
      allowMutations: false,
    });
    expect(byFile(guarded)['uses-post.md']?.reason).toBe(
      'held back: production target "production" and this card needs card "post" (post.md), which is held back; pass --allow-mutations to run it',
    );
  });

  it('keeps a card that was already skipped with its own reason', () => {
    const { plan: guarded, heldBack } = guardProduction(plan(), {
      targetName: 'production',
      production: true,
      allowMutations: false,
    });
    expect(byFile(guarded)['skipped.md']).toMatchObject({ action: 'skip', reason: 'not today' });
    expect(heldBack.map((h) => h.file)).not.toContain('skipped.md');
  });

  it('changes nothing with --allow-mutations or on a target not marked production', () => {
    const original = plan();
    for (const opts of [
      { production: true, allowMutations: true },
      { production: false, allowMutations: false },
    ]) {
      const { plan: guarded, heldBack } = guardProduction(original, { targetName: 't', ...opts });
      expect(heldBack).toEqual([]);
      expect(guarded).toBe(original);
    }
  });
});
