import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalLine } from '../../src/execute/journal.js';
import { pendingEntries } from '../../src/execute/journal.js';
import { cardcheck, ROOT } from '../support/cli.js';
import { card, writeCards } from '../support/temp-cards.js';

const BIN = path.join(ROOT, 'dist/cli/main.js');
const SECRET = 'tok-intent-3f9a2c71e0';

/** POST /api/held is held, never answered (the create is in flight when cardcheck is killed); POST /api/things makes one. */
let url = '';
const posted: string[] = [];
const server = createServer((req, res) => {
  req.resume();
  if (req.method === 'POST' && req.url === '/api/held') {
    posted.push(`${req.url} ${req.headers.authorization ?? ''}`);
    return;
  }
  if (req.method === 'POST') return res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"t1"}');
  res.writeHead(req.method === 'DELETE' ? 204 : 200, { 'content-type': 'application/json' }).end('{}');
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

const thing = (create: string) =>
  card({
    endpoint: 'GET /things/{id}',
    uid: {
      id: {
        create_fresh: true,
        create_endpoint: create,
        create_body: { name: 'held' },
        create_headers: { Authorization: 'Bearer {{env.THING_TOKEN}}' },
        extract_from: 'id',
        cleanup_endpoint: 'DELETE /things/{{resolved.id}}',
      },
    },
    request: { method: 'GET', path: '/things/{{resolved.id}}' },
  });

/** Start a run and SIGKILL it once the server holds its create. */
async function killInFlight(dir: string): Promise<number> {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, 'run', '.', '--target', url, '--out', 'out'], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', THING_TOKEN: SECRET },
    stdio: 'ignore',
  });
  const closed = new Promise<void>((r) => child.on('close', () => r()));
  while (posted.length === 0 && Date.now() - started < 8_000) await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGKILL');
  await closed;
  return Date.now() - started;
}

describe('a create in flight when the run is killed', () => {
  it('is in the journal as an intent, and cardcheck cleanup reports it as "may exist"; no secret written', async () => {
    const dir = await writeCards({ 'thing.md': thing('POST /held') });
    const ms = await killInFlight(dir);
    expect(posted).toHaveLength(1);
    expect(ms).toBeLessThan(10_000);
    const ledger = path.join(dir, '.cardcheck', 'ledger');
    const [journal] = await readdir(ledger);
    const text = await readFile(path.join(ledger, journal ?? ''), 'utf8');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { op: string; createdBy?: string });
    expect(lines.map((l) => l.op)).toEqual(['run', 'intent']);
    expect(lines[1]).toMatchObject({ op: 'intent', file: 'thing.md', createdBy: 'POST /held' });
    expect(text).not.toContain(SECRET);

    const res = await cardcheck(['cleanup', '--target', url], { cwd: dir, env: { THING_TOKEN: SECRET } });
    expect(res.stdout).toMatch(
      /LEFT {5}POST \/held {2}\(unknown\) {2}\(thing\.md\)\n {4}may exist: the run ended while this create was in flight \(sent [^)]+\), so nothing recorded what it made; check the target, then cardcheck cleanup --forget \S+/,
    );
    expect(res.stdout + res.stderr).not.toContain(SECRET);
    expect(res.code).toBe(1);
  }, 15_000);

  it('a create answered normally settles its intent: the finished run leaves no journal', async () => {
    const dir = await writeCards({ 'thing.md': thing('POST /things') });
    const res = await cardcheck(['run', '.', '--target', url, '--out', 'out'], {
      cwd: dir,
      env: { THING_TOKEN: SECRET },
    });
    expect(res.stdout).toMatch(/passed/);
    expect(res.code).toBe(0);
    const left = await readdir(path.join(dir, '.cardcheck', 'ledger')).catch(() => []);
    expect(left).toEqual([]);
  }, 15_000);
});

describe('what settles an intent', () => {
  const at = '2026-01-01T00:00:00.000Z';
  const intent: JournalLine = { op: 'intent', key: 'r:i1', runId: 'r', at, file: 'a.md', createdBy: 'POST /x' };
  const created: JournalLine = {
    ...{ op: 'created', key: 'r:2', runId: 'r', at, file: 'a.md', createdBy: 'POST /x' },
    ...{ field: 'id', id: '7', cleanups: [], intent: 'r:i1' },
  };
  it('its created line (written in the same step, so a kill just after it leaves no "may exist"), or a settled line', () => {
    expect(pendingEntries([intent]).map((e) => e.mayExist)).toEqual([true]);
    expect(pendingEntries([intent, created]).map((e) => e.key)).toEqual(['r:2']);
    expect(pendingEntries([intent, { op: 'settled', key: 'r:i1', at }])).toEqual([]);
  });
});
