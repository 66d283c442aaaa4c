// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the cards are YAML, where ${{ env.X }} is a placeholder
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCard } from './parse-card.js';

/** Author D's cards (fixtures/cards/dialects/d-sre-yaml/), parsed whole. */
const D = 'fixtures/cards/dialects/d-sre-yaml';
const parseD = (name: string) =>
  parseCard(readFileSync(new URL(`../../${D}/${name}`, import.meta.url)), `${D}/${name}`);
const errors = (r: ReturnType<typeof parseD>) =>
  r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.ruleId}`);

describe("author D's cards", () => {
  it('front-matter skip: true + skip_reason is a skip with that reason', () => {
    const r = parseD('rate-limit-window.md');
    expect(r.card?.frontMatter.status).toBe('skip');
    expect(r.card?.frontMatter.skipReason).toBe(
      'needs more than a minute of wall-clock time (61 token calls, then a wait for the window to slide); runs in the nightly load suite, not here',
    );
    expect(errors(r)).toEqual([]);
  });

  it('reads the request block, its save for the teardown, and the assertion list', () => {
    const r = parseD('create-secret-expiry.md');
    expect(errors(r)).toEqual([]);
    expect(r.card?.request).toMatchObject({
      method: 'POST',
      path: '/service-accounts',
      headers: { Authorization: 'Bearer {{env.YOUHODLER_ADMIN_TOKEN}}' },
      body: { name: 'sre-d-expiry' },
      saves: [{ name: 'account_id', path: 'id', line: 25, column: 3 }],
      line: 18,
    });
    expect(r.card?.expect).toMatchObject({
      status: [201],
      assertions: [
        { target: { kind: 'body', path: 'client_secret' }, op: 'exists', value: true, line: 32, column: 3 },
        { target: { kind: 'body', path: 'client_secret_expires_at' }, op: 'type', value: 'string', line: 34 },
      ],
    });
  });

  it('refuses what nobody can check: a judge, an Avro schema', () => {
    expect(errors(parseD('token-looks-healthy.md'))).toEqual(['49:3 unreadable-expectation']);
    expect(errors(parseD('create-account-avro.md'))).toEqual(['32:3 unreadable-expectation']);
  });
});
