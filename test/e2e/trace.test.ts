import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardcheck } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

const PASSING = 'specs/vcita/list-apps.md';
const FAILING = 'fixtures/cards/failing/fails-status.md';

interface Card {
  file: string;
  outcome: string;
  requests: { label: string; exchange?: unknown }[];
  requestsKept?: boolean;
  status?: number;
  attempts: { requests: unknown[] }[];
}

/** `cardcheck run` of a passing and a failing card against the embedded sandbox, with these flags. */
async function run(...flags: string[]) {
  const out = await tempDir('cc-trace-');
  const res = await cardcheck(['run', PASSING, FAILING, '--reporter', 'console,json,html', '--out', out, ...flags]);
  const data = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as { trace?: string; cards: Card[] };
  const card = (file: string) => data.cards.find((c) => c.file === file) as Card;
  const html = await readFile(path.join(out, 'report.html'), 'utf8');
  return { res, trace: data.trace, passing: card(PASSING), failing: card(FAILING), html };
}

const kept = (c: Card) => c.requests.length > 0 && c.attempts.every((a) => a.requests.length > 0);
const dropped = (c: Card) => c.requests.length === 0 && c.attempts.every((a) => a.requests.length === 0);

describe('--trace: which cards keep their requests and responses', () => {
  it('by default (retain-on-failure) drops a passing card’s exchanges, with a marker, and keeps a failing one’s', async () => {
    const { res, trace, passing, failing, html } = await run();
    expect(res.code).toBe(1);
    expect(trace).toBe('retain-on-failure');
    expect(passing.outcome).toBe('passed');
    expect(dropped(passing)).toBe(true);
    expect(passing.requestsKept).toBe(false);
    // The verdict and the status coverage needs stay.
    expect(passing.status).toBe(200);
    expect(res.stdout).toContain('1 of 2 documented statuses exercised');
    expect(failing.outcome).toBe('failed');
    expect(kept(failing)).toBe(true);
    expect(failing.requests[0]?.exchange).toBeDefined();
    expect(failing.requestsKept).toBeUndefined();
    expect(html).toContain('requests and responses not kept for passed cards (--trace on keeps them)');
  });

  it('--trace on keeps both', async () => {
    const { trace, passing, failing, html } = await run('--trace', 'on');
    expect(trace).toBe('on');
    expect(kept(passing) && kept(failing)).toBe(true);
    expect(passing.requestsKept).toBeUndefined();
    expect(html).not.toContain('not kept');
  });

  it('--trace off keeps none, and --verbose says so instead of printing them', async () => {
    const { res, trace, passing, failing } = await run('--trace', 'off', '--verbose');
    expect(trace).toBe('off');
    expect(dropped(passing) && dropped(failing)).toBe(true);
    expect([passing.requestsKept, failing.requestsKept]).toEqual([false, false]);
    expect(failing.status).toBe(200);
    expect(res.stdout).toContain('requests and responses not kept (--trace off; --trace retain-on-failure or on');
    expect(res.stdout).not.toContain('→ GET');
  });

  it('--verbose without --trace keeps and prints every exchange (it implies --trace on)', async () => {
    const { res, trace, passing } = await run('--verbose');
    expect(trace).toBe('on');
    expect(kept(passing)).toBe(true);
    expect(res.stdout).toContain('→ GET');
    expect(res.stdout).not.toContain('not kept');
  });

  it('a bad value exits 2 with a message naming the flag and the values it takes', async () => {
    const res = await cardcheck(['run', PASSING, '--trace', 'sometimes', '--out', await tempDir('cc-trace-')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--trace sometimes: expected one of on, off, retain-on-failure');
  });
});
