import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pendingInNewestJournal } from '../../src/runner/cleanup-journal.js';
import { cardcheck, ROOT } from '../support/cli.js';
import type { RegistrationServer } from '../support/registration-server.js';
import { encodedForms, startRegistrationServer } from '../support/registration-server.js';
import { tempDir } from '../support/temp-dir.js';
import { filesUnder, until } from '../support/wait-files.js';

const BIN = path.join(ROOT, 'dist/cli/main.js');

/** A card that registers a client (RFC 7591) whose cleanup is an RFC 7592 DELETE authorised by the registration access token, then waits. */
const CARD = [
  '---',
  'endpoint: GET /slow',
  '---',
  '# Waits with a registered client',
  '## UID Resolution',
  '```json',
  JSON.stringify({
    reg: {
      create: { method: 'POST', path: '/reg', body: { client_name: 'cardcheck' } },
      // The client secret comes first: it is the id the journal would show.
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
  '{ "method": "GET", "path": "/slow" }',
  '```',
].join('\n');

async function project(server: RegistrationServer, recoveryStore: boolean, card = CARD) {
  const dir = await tempDir('cardcheck-recovery-');
  const state = await tempDir('cardcheck-state-');
  await mkdir(path.join(dir, 'specs'));
  await writeFile(path.join(dir, 'specs/slow.md'), card);
  await writeFile(
    path.join(dir, 'cardcheck.config.yaml'),
    [
      'defaultTarget: reg',
      'targets:',
      '  reg:',
      '    apis:',
      '      reg: "{{env.REG_ORIGIN}}"',
      ...(recoveryStore ? ['cleanup:', '  recoveryStore: true'] : []),
    ].join('\n'),
  );
  return { dir, state, env: { REG_ORIGIN: server.origin, XDG_STATE_HOME: state } };
}

/** Run the card and SIGKILL cardcheck once the client is registered and journalled. */
async function runAndKill(p: { dir: string; env: Record<string, string> }, server: RegistrationServer) {
  const child = spawn(process.execPath, [BIN, 'run', 'specs', '--out', path.join(p.dir, 'reports')], {
    cwd: p.dir,
    env: { ...process.env, ...p.env, NO_COLOR: '1' },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.on('close', resolve));
  try {
    await until(
      () => server.live() === 1 && pendingInNewestJournal(p.dir).filter((e) => !e.mayExist).length === 1,
      'the journalled client',
    );
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}

function expectNoSecret(texts: string[], secrets: string[]) {
  expect(secrets.length).toBeGreaterThan(0);
  for (const s of secrets) for (const form of encodedForms(s)) for (const t of texts) expect(t).not.toContain(form);
}

let server: RegistrationServer;
beforeEach(async () => {
  server = await startRegistrationServer();
});
afterEach(async () => {
  await server.close();
});

describe('after SIGKILL, `cardcheck cleanup` and a cleanup that needs a secret', () => {
  it('without the opt-in: the journal holds no secret, the entry is listed as not stored, nothing is sent', async () => {
    const p = await project(server, false);
    await runAndKill(p, server);
    const journal = filesUnder(path.join(p.dir, '.cardcheck'));
    expect(journal).toHaveLength(1);
    expectNoSecret(
      journal.map((f) => f.text),
      server.secrets(),
    );
    expect(journal[0]?.text).toContain('"needs":["the Authorization header"]');
    expect(filesUnder(p.state)).toEqual([]);
    const before = server.requests.length;
    const res = await cardcheck(['cleanup'], { cwd: p.dir, env: p.env });
    expect(res.stdout).toMatch(/^LEFT {5}POST \/reg {2}secret-[0-9a-f]{12} {2}\(specs\/slow\.md\)$/m);
    expect(res.stdout).toContain(
      'needs the Authorization header, not stored: the run did not keep it; opt in with `cleanup: { recoveryStore: true }`',
    );
    expect(res.stdout).toContain('0 cleaned, 1 left, from 1 run');
    expect(res.code).toBe(1);
    // Not retried blindly: no DELETE without its credential.
    expect(server.requests.slice(before)).toEqual([]);
    expect(server.live()).toBe(1);
    expectNoSecret([res.stdout, res.stderr], server.secrets());
  }, 30_000);

  it('with cleanup.recoveryStore: the store (0600, outside the project) authorises the DELETE, then is gone', async () => {
    const p = await project(server, true);
    await runAndKill(p, server);
    const stores = filesUnder(p.state);
    expect(stores).toHaveLength(1);
    const store = stores[0]?.file ?? '';
    expect(store.startsWith(path.join(p.state, 'cardcheck', 'recovery'))).toBe(true);
    expect(path.relative(p.dir, store).startsWith('..')).toBe(true);
    expect(statSync(store).mode & 0o777).toBe(0o600);
    // The store holds the token the DELETE needs; the journal and reports hold no secret.
    const [, rat] = server.secrets();
    expect(stores[0]?.text).toContain(rat);
    expect(stores[0]?.text).not.toContain(server.secrets()[0]);
    const inProject = [...filesUnder(path.join(p.dir, '.cardcheck')), ...filesUnder(path.join(p.dir, 'reports'))];
    expectNoSecret(
      inProject.map((f) => f.text),
      server.secrets(),
    );
    const res = await cardcheck(['cleanup'], { cwd: p.dir, env: p.env });
    expect(res.stdout).toMatch(/^cleaned {2}POST \/reg {2}secret-[0-9a-f]{12} {2}\(specs\/slow\.md\)$/m);
    expect(res.stdout).toContain('1 cleaned, 0 left, from 1 run');
    expect(res.code).toBe(0);
    expect(server.live()).toBe(0);
    expect(existsSync(store)).toBe(false);
    expect(filesUnder(path.join(p.dir, '.cardcheck'))).toEqual([]);
    expectNoSecret([res.stdout, res.stderr], server.secrets());
  }, 30_000);

  it('a run that ends normally cleans from memory (with the token) and leaves neither journal nor store', async () => {
    const p = await project(server, true, CARD.replaceAll('/slow', '/ok'));
    const res = await cardcheck(['run', 'specs', '--out', path.join(p.dir, 'reports')], { cwd: p.dir, env: p.env });
    expect(res.stdout).toContain('1 card: 1 passed');
    expect(res.code).toBe(0);
    expect(server.requests.filter((r) => r.startsWith('DELETE /reg/'))).toHaveLength(1);
    expect(server.live()).toBe(0);
    expect(filesUnder(p.state)).toEqual([]);
    expect(filesUnder(path.join(p.dir, '.cardcheck'))).toEqual([]);
  }, 30_000);
});
