import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardcheck } from '../support/cli.js';
import type { OidcServer } from '../support/oidc-server.js';
import { readClient, startOidcServer } from '../support/oidc-server.js';
import { writeCards } from '../support/temp-cards.js';

/**
 * oidc-provider registers a client, and the answer then arrives as a 500 (the harness's `X-Test-Answer: 500`, as a
 * proxy timing out after the commit does). The card errors at its create step, and the client is deleted all the same:
 * the response showed what was made (its client_id and registration access token), so the cleanup ran.
 */
let server: OidcServer;
beforeAll(async () => {
  server = await startOidcServer();
}, 15_000);
afterAll(() => server?.stop(), 10_000);

const CARD = [
  '---',
  'endpoint: GET /reg/{client_id}',
  '---',
  '# Read a client whose registration answered 500',
  '## UID Resolution',
  '```json',
  JSON.stringify(
    {
      client: {
        create: {
          method: 'POST',
          path: '/reg',
          headers: { Authorization: 'Bearer {{env.OIDC_INITIAL_ACCESS_TOKEN}}', 'X-Test-Answer': '500' },
          body: {
            client_name: 'created then 500',
            grant_types: ['client_credentials'],
            response_types: [],
            redirect_uris: [],
          },
        },
        extract: { client_id: 'client_id', rat: 'registration_access_token' },
        cleanup: {
          method: 'DELETE',
          path: '/reg/{{resolved.client_id}}',
          headers: { Authorization: 'Bearer {{resolved.rat}}' },
        },
      },
    },
    null,
    2,
  ),
  '```',
  '## Request Template',
  '```json',
  '{ "method": "GET", "path": "/reg/{{resolved.client_id}}", "headers": { "Authorization": "Bearer {{resolved.rat}}" } }',
  '```',
  '## Expected Response',
  '```json',
  '{ "status": 200, "assert": [{ "path": "client_id", "exists": true }] }',
  '```',
].join('\n');

describe('a registration that answers 500 after creating, on oidc-provider', () => {
  it('errors the card at its create step, and still deletes the client it made', async () => {
    const dir = await writeCards({ 'cards/read-client.md': CARD });
    await writeFile(
      path.join(dir, 'cardcheck.config.yaml'),
      'targets:\n  op:\n    apis:\n      op: "{{env.OP_ORIGIN}}"\n',
    );
    const before = server.registrations.length;
    const res = await cardcheck(['run', 'cards', '--target', 'op'], {
      cwd: dir,
      env: { OP_ORIGIN: server.origin, OIDC_INITIAL_ACCESS_TOKEN: server.initialAccessToken },
    });
    expect(res.stdout).toMatch(
      /cards\/read-client\.md:\d+:\d+ error card-invalid could not create client_id, rat: POST \/reg answered 500/,
    );
    expect(res.code).toBe(2);
    const made = server.registrations.slice(before);
    expect(made).toHaveLength(1);
    expect(server.deleted).toContain(made[0]?.client_id);
    expect(await readClient(server.origin, made[0] as (typeof made)[number])).toBe(401);
    expect(res.stdout).not.toContain('Left behind');
  }, 30_000);
});
