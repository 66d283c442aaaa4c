import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardcheck } from '../support/cli.js';
import type { ResourceServer } from '../support/resource-server.js';
import { startResourceServer } from '../support/resource-server.js';
import { card, writeCards } from '../support/temp-cards.js';

/**
 * Everything a run may have made is cleaned up or listed: a create that answers 500 after creating, a request that
 * answers 201 with no cleanup declared; values that are not resources (tokens) are never listed.
 */
let server: ResourceServer;
let dir: string;
const cards = {
  // A UID create step the server fulfils and then answers 500: the card errors, and its cleanup still runs.
  'cards/create-then-500.md': card({
    endpoint: 'GET /things/{id}',
    uid: {
      id: { create_endpoint: 'POST /flaky', extract_from: 'id', cleanup_endpoint: 'DELETE /things/{{resolved.id}}' },
    },
    request: { method: 'GET', path: '/things/{{resolved.id}}' },
    expect: { status: 200, assert: [{ path: 'id', exists: true }] },
  }),
  // The request under test answers 500 after creating; its declared cleanup runs whatever the status.
  'cards/request-then-500.md': card({
    endpoint: 'POST /flaky',
    request: { method: 'POST', path: '/flaky', body: {}, cleanup: 'DELETE /things/{{response.id}}' },
    expect: { status: 201, assert: [{ path: 'id', exists: true }] },
  }),
  // 201 + Location and no cleanup declared: listed as maybe left behind, with the evidence.
  'cards/no-cleanup.md': card({
    endpoint: 'POST /things',
    request: { method: 'POST', path: '/things', body: {} },
    expect: { status: 201, assert: [{ path: 'id', exists: true }] },
  }),
  // Tokens are not resources: neither the inferred token request nor a field declared "resource": false is listed.
  'cards/tokens.md': card({
    endpoint: 'GET /things/{id}',
    uid: {
      token: {
        create_endpoint: 'POST /oauth/token',
        create_body: { grant_type: 'client_credentials' },
        extract_from: 'access_token',
      },
      other: {
        create_endpoint: 'POST /oauth/token',
        create_body: { scope: 'x' },
        extract_from: 'token_type',
        resource: false,
      },
    },
    request: {
      method: 'GET',
      path: '/things/none',
      headers: { 'X-Token': '{{resolved.token}}', 'X-Type': '{{resolved.other}}' },
    },
    expect: { status: 404, assert: [{ path: 'id', equals: 'none' }] },
  }),
};

interface Results {
  cards: { file: string; outcome: string; reason: string }[];
  leftBehind: { file: string; createdBy: string; reason: string }[];
}

beforeAll(async () => {
  server = await startResourceServer();
  dir = await writeCards(cards);
});
afterAll(() => server.close());

describe('nothing a run may have made is left behind silently', () => {
  it('cleans up what a failing create made, lists what a request without cleanup made, never lists tokens', async () => {
    const res = await cardcheck(
      ['run', 'cards', '--target', server.url, '--reporter', 'console,json,junit,html', '--out', 'out'],
      {
        cwd: dir,
      },
    );
    expect(res.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    const results = JSON.parse(await readFile(path.join(dir, 'out', 'results.json'), 'utf8')) as Results;
    const outcome = Object.fromEntries(results.cards.map((c) => [c.file, c.outcome]));
    expect(outcome).toEqual({
      'cards/create-then-500.md': 'errored',
      'cards/request-then-500.md': 'failed',
      'cards/no-cleanup.md': 'passed',
      'cards/tokens.md': 'passed',
    });
    // What the two 500s made was deleted; only the thing made by the card without a cleanup is still there.
    expect(server.seen.filter((s) => s.startsWith('DELETE'))).toHaveLength(2);
    expect(server.alive()).toEqual(['/things']);
    expect(results.leftBehind).toEqual([
      {
        file: 'cards/no-cleanup.md',
        createdBy: 'POST /things',
        field: 'response',
        id: '(unknown)',
        reason: 'may be left behind: it answered 201 Created, and the card declares no cleanup',
      },
    ]);
    expect(res.stdout).toContain('may be left behind: it answered 201 Created, and the card declares no cleanup');
    // JUnit puts it in the card's <system-err>, where CI tools show a test's error output; HTML lists it with the card.
    const junit = await readFile(path.join(dir, 'out', 'junit.xml'), 'utf8');
    expect(junit).toContain(
      '<system-err>left behind: POST /things response=(unknown): may be left behind: it answered 201 Created, and the card declares no cleanup</system-err>',
    );
    const html = await readFile(path.join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('may be left behind: it answered 201 Created, and the card declares no cleanup');
    // A failed (and an errored) card: exit 1.
    expect(res.code).toBe(1);
  }, 30_000);
});
