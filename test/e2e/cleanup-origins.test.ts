import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardcheck } from '../support/cli.js';
import type { RegistrationServer } from '../support/registration-server.js';
import { startRegistrationServer } from '../support/registration-server.js';
import { tempDir } from '../support/temp-dir.js';

/** A journal as a run writes it: its run line, and one resource whose cleanup is `DELETE <baseUrl>/reg/<id>`. */
async function journal(
  dir: string,
  opts: {
    target: string;
    baseUrl: string;
    id: string;
    auth?: string;
    envHeaders?: Record<string, string>;
    embedded?: boolean;
  },
) {
  const runId = randomUUID();
  const at = new Date().toISOString();
  const lines = [
    { op: 'run', runId, at, target: opts.target, ...(opts.embedded ? { embedded: true } : {}) },
    {
      op: 'created',
      key: `${runId}:1`,
      runId,
      at,
      file: 'specs/x.md',
      createdBy: 'POST /reg',
      field: 'client_id',
      id: opts.id,
      cleanups: [
        {
          method: 'DELETE',
          baseUrl: opts.baseUrl,
          path: `/reg/${opts.id}`,
          auth: opts.auth,
          envHeaders: opts.envHeaders,
        },
      ],
    },
  ];
  const file = path.join(dir, '.cardcheck/ledger', `${runId}.jsonl`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  return { runId, file };
}

const journalIds = async (dir: string) =>
  (await readdir(path.join(dir, '.cardcheck/ledger'))).map((f) => f.replace(/\.jsonl$/, ''));

let ours: RegistrationServer;
let other: RegistrationServer;
let dir: string;
let env: Record<string, string>;
beforeEach(async () => {
  ours = await startRegistrationServer();
  other = await startRegistrationServer();
  dir = await tempDir('cardcheck-origins-');
  env = {
    REG_ORIGIN: ours.origin,
    REG_TOKEN: 'run-bearer-token-1234',
    XDG_STATE_HOME: await tempDir('cardcheck-state-'),
  };
  await writeFile(
    path.join(dir, 'cardcheck.config.yaml'),
    [
      'targets:',
      '  reg:',
      '    apis:',
      '      reg: "{{env.REG_ORIGIN}}"',
      'auth:',
      '  admin:',
      '    type: bearer',
      '    token: "{{env.REG_TOKEN}}"',
    ].join('\n'),
  );
});
afterEach(async () => {
  await ours.close();
  await other.close();
});

describe('`cardcheck cleanup` sends only to the origins of configured targets', () => {
  it('a journal naming another origin is reported and not followed; --target URL is the consent to follow it', async () => {
    const j = await journal(dir, { target: other.origin, baseUrl: other.origin, id: 'c1', auth: 'admin' });
    const res = await cardcheck(['cleanup'], { cwd: dir, env });
    expect(res.stdout).toContain(
      `NOT FOLLOWED  .cardcheck/ledger/${j.runId}.jsonl: it sends to ${other.origin}, which no configured target uses; nothing was sent`,
    );
    expect(res.code).toBe(2);
    expect(other.requests).toEqual([]);
    expect(ours.requests).toEqual([]);
    expect(existsSync(j.file)).toBe(true);
    const consent = await cardcheck(['cleanup', '--target', other.origin], { cwd: dir, env });
    expect(other.requests).toEqual(['DELETE /reg/c1']);
    expect(consent.stdout).toContain('1 cleaned, 0 left, from 1 run');
    expect(consent.code).toBe(0);
    expect(existsSync(j.file)).toBe(false);
  });

  it("a journal's env header templates read only the variables the config's auth profiles use", async () => {
    await journal(dir, { target: 'reg', baseUrl: ours.origin, id: 'c1', envHeaders: { 'X-Leak': '{{env.HOME}}' } });
    const refused = await cardcheck(['cleanup'], { cwd: dir, env });
    expect(refused.stdout).toContain(
      "the X-Leak header needs {{env.HOME}}, which is not a set variable of the config's auth profiles; not sent",
    );
    expect(refused.code).toBe(1);
    expect(ours.requests).toEqual([]);
    await cardcheck(['cleanup', '--forget', (await journalIds(dir))[0] ?? ''], { cwd: dir, env });
    const auth = { Authorization: 'Bearer {{env.REG_TOKEN}}' };
    await journal(dir, { target: 'reg', baseUrl: ours.origin, id: 'c2', envHeaders: auth });
    const sent = await cardcheck(['cleanup'], { cwd: dir, env });
    expect(sent.stdout).toContain('1 cleaned, 0 left, from 1 run');
    expect(ours.requests).toEqual(['DELETE /reg/c2']);
    expect(ours.headers[0]?.authorization).toBe('Bearer run-bearer-token-1234');
    expect(sent.stdout + sent.stderr).not.toContain('run-bearer-token-1234');
  });

  it('--list shows each run, its age, entries left and target; --forget drops one without sending', async () => {
    const a = await journal(dir, { target: 'reg', baseUrl: ours.origin, id: 'c1' });
    const b = await journal(dir, { target: other.origin, baseUrl: other.origin, id: 'c2' });
    const list = await cardcheck(['cleanup', '--list'], { cwd: dir, env });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^${a.runId} +<1h +1 +reg$`, 'm'));
    expect(list.stdout).toMatch(new RegExp(`^${b.runId} +<1h +1 +${other.origin}$`, 'm'));
    expect(list.stdout).toContain('2 journals');
    const forget = await cardcheck(['cleanup', '--forget', b.runId], { cwd: dir, env });
    expect(forget.stdout).toContain(
      `forgot run ${b.runId} (${other.origin}): 1 entry left there is no longer tracked; nothing was sent`,
    );
    expect(forget.code).toBe(0);
    expect(existsSync(b.file)).toBe(false);
    expect(existsSync(a.file)).toBe(true);
    const unknown = await cardcheck(['cleanup', '--forget', 'no-such-run'], { cwd: dir, env });
    expect(unknown.stdout).toContain('cardcheck cleanup: no journal for run no-such-run');
    expect(unknown.code).toBe(2);
    expect([...ours.requests, ...other.requests]).toEqual([]);
  });

  it('a journal older than the age limit is skipped with a note; --max-age 90 tries it', async () => {
    const old = await journal(dir, { target: 'reg', baseUrl: ours.origin, id: 'c1' });
    const sixtyDaysAgo = new Date(Date.now() - 60 * 24 * 3600 * 1000);
    await utimes(old.file, sixtyDaysAgo, sixtyDaysAgo);
    const res = await cardcheck(['cleanup'], { cwd: dir, env });
    expect(res.stdout).toContain(`skipped  run ${old.runId} (reg): last written 60 days ago, older than the age limit`);
    expect(res.code).toBe(0);
    expect(ours.requests).toEqual([]);
    const longer = await cardcheck(['cleanup', '--max-age', '90'], { cwd: dir, env });
    expect(ours.requests).toEqual(['DELETE /reg/c1']);
    expect(longer.stdout).toContain('1 cleaned, 0 left, from 1 run');
  });

  it('a journal of a run against the embedded sandbox (gone with the run) is removed, nothing sent', async () => {
    const j = await journal(dir, { target: 'sandbox', baseUrl: other.origin, id: 'c1', embedded: true });
    const res = await cardcheck(['cleanup'], { cwd: dir, env });
    expect(res.stdout).toContain(
      `ended    run ${j.runId}: it ran against the embedded sandbox, which ended with it; journal removed (1 entry)`,
    );
    expect(res.code).toBe(0);
    expect(existsSync(j.file)).toBe(false);
    expect(other.requests).toEqual([]);
  });

  it('an unreachable target gives a message for its journal; the other journals are cleaned', async () => {
    const gone = await startRegistrationServer();
    await gone.close();
    await writeFile(
      path.join(dir, 'cardcheck.config.yaml'),
      [
        'targets:',
        '  reg:',
        '    apis:',
        '      reg: "{{env.REG_ORIGIN}}"',
        '  gone:',
        '    apis:',
        `      reg: ${gone.origin}`,
      ].join('\n'),
    );
    const lost = await journal(dir, { target: 'gone', baseUrl: gone.origin, id: 'c1' });
    await journal(dir, { target: 'reg', baseUrl: ours.origin, id: 'c2' });
    const res = await cardcheck(['cleanup'], { cwd: dir, env });
    expect(res.stdout).toMatch(
      new RegExp(`^UNREACHABLE {2}run ${lost.runId} \\(gone\\): .+; 1 entry kept for another try`, 'm'),
    );
    expect(res.stdout).toContain('1 cleaned, 0 left, from 2 runs');
    expect(ours.requests).toEqual(['DELETE /reg/c2']);
    expect(res.code).toBe(3);
    expect(existsSync(lost.file)).toBe(true);
  });
});
