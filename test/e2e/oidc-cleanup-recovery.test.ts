import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingInNewestJournal } from '../../src/runner/cleanup-journal.js';
import { cardcheck, ROOT } from '../support/cli.js';
import type { OidcServer } from '../support/oidc-server.js';
import { readClient, startOidcServer } from '../support/oidc-server.js';
import { encodedForms } from '../support/registration-server.js';
import { tempDir } from '../support/temp-dir.js';
import { filesUnder, until } from '../support/wait-files.js';

/**
 * Against a real authorization server (oidc-provider, its own process): a card registers a client (RFC 7591) whose
 * cleanup is the RFC 7592 DELETE authorised by the registration access token; cardcheck is SIGKILLed while the card
 * waits. `cardcheck cleanup` then says the entry needs a credential it did not keep, or, with the opt-in recovery
 * store, deletes the client: checked through the registration API.
 */
const BIN = path.join(ROOT, 'dist/cli/main.js');
const CARD = [
  '---',
  'endpoint: GET /__test/hold',
  '---',
  '# Waits with a registered client',
  '## UID Resolution',
  '```json',
  JSON.stringify({
    reg: {
      create: {
        method: 'POST',
        path: '/reg',
        headers: { Authorization: 'Bearer {{env.OIDC_INITIAL_ACCESS_TOKEN}}' },
        body: {
          client_name: 'cardcheck recovery',
          grant_types: ['client_credentials'],
          response_types: [],
          redirect_uris: [],
        },
      },
      extract: { client_secret: 'client_secret', client_id: 'client_id', rat: 'registration_access_token' },
      cleanup: {
        method: 'DELETE',
        path: '/reg/{{resolved.client_id}}',
        headers: { Authorization: 'Bearer {{resolved.rat}}' },
      },
    },
  }),
  '```',
  '## Request Template',
  '```json',
  '{ "method": "GET", "path": "/__test/hold" }',
  '```',
].join('\n');

let server: OidcServer;
beforeAll(async () => {
  server = await startOidcServer();
}, 15_000);
afterAll(() => server?.stop(), 10_000);

async function project(recoveryStore: boolean) {
  const dir = await tempDir('cardcheck-oidc-recovery-');
  const state = await tempDir('cardcheck-state-');
  await mkdir(path.join(dir, 'specs'));
  await writeFile(path.join(dir, 'specs/hold.md'), CARD);
  const config = ['defaultTarget: op', 'targets:', '  op:', '    apis:', '      op: "{{env.OP_ORIGIN}}"'];
  if (recoveryStore) config.push('cleanup:', '  recoveryStore: true');
  await writeFile(path.join(dir, 'cardcheck.config.yaml'), config.join('\n'));
  const env = { OP_ORIGIN: server.origin, OIDC_INITIAL_ACCESS_TOKEN: server.initialAccessToken, XDG_STATE_HOME: state };
  return { dir, state, env };
}

/** Run the card, SIGKILL cardcheck once its client is registered and journalled; the registration it made. */
async function runAndKill(p: { dir: string; env: Record<string, string> }) {
  const before = server.registrations.length;
  const child = spawn(process.execPath, [BIN, 'run', 'specs'], {
    cwd: p.dir,
    env: { ...process.env, ...p.env, NO_COLOR: '1' },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.on('close', resolve));
  try {
    await until(
      () =>
        server.registrations.length > before && pendingInNewestJournal(p.dir).filter((e) => !e.mayExist).length === 1,
      'the journalled registration',
    );
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
  const reg = server.registrations.at(-1);
  if (!reg) throw new Error('no registration');
  return reg;
}

const textsUnder = (dir: string) => filesUnder(dir).map((f) => f.text);

describe('SIGKILL mid-run against oidc-provider, then `cardcheck cleanup`', () => {
  it('without the opt-in: nothing secret on disk, the client is listed as needing its token, and it is still registered', async () => {
    const p = await project(false);
    const reg = await runAndKill(p);
    for (const t of textsUnder(path.join(p.dir, '.cardcheck')))
      for (const form of encodedForms(reg.registration_access_token)) expect(t).not.toContain(form);
    const res = await cardcheck(['cleanup'], { cwd: p.dir, env: p.env });
    expect(res.stdout).toContain('needs the Authorization header, not stored');
    expect(res.code).toBe(1);
    expect(await readClient(server.origin, reg)).toBe(200);
    // Tidy the server for the next test: its owner deletes it.
    await fetch(`${server.origin}/reg/${reg.client_id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${reg.registration_access_token}` },
    });
  }, 30_000);

  it('with cleanup.recoveryStore: cleanup deletes the client, and the registration API says it is gone', async () => {
    const p = await project(true);
    const reg = await runAndKill(p);
    expect(await readClient(server.origin, reg)).toBe(200);
    const res = await cardcheck(['cleanup'], { cwd: p.dir, env: p.env });
    expect(res.stdout).toContain('1 cleaned, 0 left');
    expect(res.code).toBe(0);
    expect(await readClient(server.origin, reg)).toBe(401);
    expect(textsUnder(p.state)).toEqual([]);
    for (const t of [res.stdout, res.stderr, ...textsUnder(path.join(p.dir, '.cardcheck'))])
      for (const form of encodedForms(reg.registration_access_token)) expect(t).not.toContain(form);
  }, 30_000);
});
