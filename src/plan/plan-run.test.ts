import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { card } from '../../test/support/temp-cards.js';
import { parseCard } from '../card/parse-card.js';
import { planCard } from './plan-run.js';

const load = (text: string | Buffer, file = 'card.md') => ({ file, ...parseCard(text, file) });
const SEED_000 = 'fixtures/seeds/000_e5b2871b98d23f98.txt';
const SEED_001 = 'fixtures/seeds/001_6e7fb2f22a9061ea.txt';

describe('planCard', () => {
  it("reports seed 000's {{resolved.uid}} with file, line and the declared fields", () => {
    const plan = planCard(load(readFileSync(SEED_000), SEED_000), { env: {} });
    expect(plan.action).toBe('error');
    expect(plan.reason).toBe(
      `${SEED_000}:74:24 {{resolved.uid}} names no declared UID field; this card declares: service_id`,
    );
    expect(plan.diagnostics[0]).toMatchObject({
      ruleId: 'unresolved-placeholder',
      line: 74,
      source: '    "service_secret": "{{resolved.uid}}"',
    });
  });

  it('skips seed 001 with its documented reason, never checking its placeholders', () => {
    const plan = planCard(load(readFileSync(SEED_001), SEED_001), { env: {} });
    expect(plan.action).toBe('skip');
    expect(plan.reason).toMatch(
      /^This endpoint implements OAuth 2.0 Authorization Code flow which requires user interaction\./,
    );
    expect(plan.diagnostics).toEqual([]);
  });

  it('groups fields that come from the same create call into ONE step', () => {
    const body = { name: 'x', app_code_name: 'a{{timestamp}}', redirect_uri: 'https://e.com' };
    const text = card({
      endpoint: 'POST /oauth/token',
      uid: {
        client_id: {
          extract_from: 'data.client_id',
          create_fresh: true,
          create_endpoint: 'POST /platform/v1/apps',
          create_body: body,
        },
        client_secret: {
          extract_from: 'data.client_secret',
          create_fresh: true,
          create_endpoint: 'POST /platform/v1/apps',
          create_body: body,
        },
      },
      request: {
        method: 'POST',
        path: '/oauth/token',
        body: { id: '{{app.client_id}}', secret: '{{app.client_secret}}' },
      },
    });
    const plan = planCard(load(text), { env: {} });
    expect(plan.action).toBe('run');
    expect(plan.fixtures).toHaveLength(1);
    expect(plan.fixtures?.[0]?.fields.map((f) => f.name)).toEqual(['client_id', 'client_secret']);
  });

  it('needs env placeholders to be set, and names the variable', () => {
    const text = card({
      endpoint: 'GET /x',
      request: { method: 'GET', path: '/x', headers: { 'x-key': '{{env.API_KEY}}' } },
    });
    expect(planCard(load(text), { env: {} }).reason).toMatch(
      /\{\{env\.API_KEY\}\} needs the environment variable API_KEY, which is not set/,
    );
    expect(planCard(load(text), { env: { API_KEY: 'k' } }).action).toBe('run');
  });

  it('suggests the near-miss field name', () => {
    const text = card({
      endpoint: 'GET /x',
      uid: { client_id: { extract_from: 'data.id', create_fresh: true, create_endpoint: 'POST /x' } },
      request: { method: 'GET', path: '/x/{{resolved.clientid}}' },
    });
    const plan = planCard(load(text), { env: {} });
    expect(plan.diagnostics.at(-1)?.hint).toBe(
      'Did you mean {{resolved.client_id}}? Otherwise declare "clientid" in the UID Resolution section.',
    );
  });

  it('skips a card that needs a value only a person can produce, naming where it comes from', () => {
    const text = [
      '---',
      'endpoint: POST /oauth/token',
      '---',
      '# T',
      '## UID Resolution',
      '| Field | Source | Notes |',
      '|---|---|---|',
      '| code | `/oauth/authorize` redirect | browser |',
      '## Request Template',
      '```json',
      '{ "method": "POST", "path": "/oauth/token", "body": { "code": "{{resolved.code}}" } }',
      '```',
    ].join('\n');
    const plan = planCard(load(text), { env: {} });
    expect(plan.action).toBe('skip');
    expect(plan.reason).toBe(
      'needs {{resolved.code}}, which only a person can produce (/oauth/authorize redirect); card.md:11',
    );
  });

  it('checks the auth profile of every step, the lookup of a shared (non-fresh) create included', () => {
    const text = card({
      endpoint: 'GET /apps/{{resolved.id}}',
      uid: {
        id: {
          create_fresh: false,
          lookup: { method: 'GET', path: '/apps', auth: 'directroy' },
          create: { method: 'POST', path: '/apps', auth: 'directory' },
          extract_from: 'data[0].id',
        },
      },
      request: { method: 'GET', path: '/apps/{{resolved.id}}' },
    });
    const plan = planCard(load(text), { env: {}, profiles: { directory: { type: 'bearer', token: 't' } } });
    expect(plan.diagnostics.filter((d) => d.ruleId === 'unknown-auth-profile').map((d) => d.message)).toEqual([
      'auth profile "directroy" is not defined; defined: directory',
    ]);
  });
});
