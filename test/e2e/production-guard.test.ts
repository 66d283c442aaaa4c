import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardcheck } from '../support/cli.js';
import type { EchoServer } from '../support/echo-server.js';
import { startEchoServer } from '../support/echo-server.js';
import { card, writeCards } from '../support/temp-cards.js';

let echo: EchoServer;
let dir: string;
const cards = {
  'cards/list.md': card({ endpoint: 'GET /things', request: { method: 'GET', path: '/things' } }),
  'cards/create.md': card({
    endpoint: 'POST /things',
    request: { method: 'POST', path: '/things', body: { name: 'x' } },
  }),
  'cards/get-fresh.md': card({
    endpoint: 'GET /things/{id}',
    uid: {
      id: {
        create_endpoint: 'POST /things',
        create_body: { name: 'fresh' },
        extract_from: 'method',
        cleanup_endpoint: 'DELETE /things/{{resolved.id}}',
      },
    },
    request: { method: 'GET', path: '/things/{{resolved.id}}' },
  }),
};

beforeAll(async () => {
  echo = await startEchoServer();
  dir = await writeCards(cards);
  await writeFile(
    path.join(dir, 'cardcheck.config.yaml'),
    [
      'targets:',
      '  prod:',
      '    production: true',
      `    apis: { echo: "${echo.url}/api" }`,
      '  staging:',
      `    apis: { echo: "${echo.url}/api" }`,
      '',
    ].join('\n'),
  );
});
afterAll(() => echo.close());
beforeEach(() => {
  echo.seen.length = 0;
});

interface Results {
  cards: { file: string; outcome: string; reason: string }[];
}
const results = async (out: string) =>
  JSON.parse(await readFile(path.join(dir, out, 'results.json'), 'utf8')) as Results;

describe('a target marked production: true', () => {
  it('holds back every card that would send anything but GET/HEAD, says why per card and counts them once; only GETs reach the target', async () => {
    const res = await cardcheck(['run', 'cards', '--target', 'prod', '--out', 'out-prod'], { cwd: dir });
    expect(res.code).toBe(0);
    const by = Object.fromEntries((await results('out-prod')).cards.map((c) => [c.file, c]));
    expect(by['cards/list.md']?.outcome).toBe('passed');
    const createLine = cards['cards/get-fresh.md'].split('\n').findIndex((l) => l.includes('"create_endpoint"')) + 1;
    expect(by['cards/get-fresh.md']).toMatchObject({
      outcome: 'skipped',
      reason: `held back: production target "prod" and this card sends POST /things (line ${createLine}); pass --allow-mutations to run it`,
    });
    expect(by['cards/create.md']).toMatchObject({
      outcome: 'skipped',
      reason: expect.stringMatching(
        /^held back: production target "prod" and this card sends POST \/things \(line \d+\); pass --allow-mutations to run it$/,
      ),
    });
    expect(res.stdout).toContain(
      `held back: production target "prod" and this card sends POST /things (line ${createLine})`,
    );
    expect(res.stdout.match(/held back 2 cards/g)).toEqual(['held back 2 cards']);
    expect(res.stdout).toContain(
      'held back 2 cards on production target "prod": they send requests other than GET/HEAD (method overrides counted) or run browser flows; pass --allow-mutations to run them',
    );
    expect(echo.seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /api/things']);
  });

  it('runs them all with --allow-mutations', async () => {
    const res = await cardcheck(['run', 'cards', '--target', 'prod', '--allow-mutations', '--out', 'out-allowed'], {
      cwd: dir,
    });
    expect(res.code).toBe(0);
    expect((await results('out-allowed')).cards.map((c) => c.outcome)).toEqual(['passed', 'passed', 'passed']);
    expect(res.stdout).not.toMatch(/held back/);
    expect(echo.seen.map((s) => s.method).sort()).toEqual(['DELETE', 'GET', 'GET', 'POST', 'POST']);
  });

  it('a target not marked production runs everything without the flag', async () => {
    const res = await cardcheck(['run', 'cards', '--target', 'staging', '--out', 'out-staging'], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.stdout).not.toMatch(/held back/);
    expect(echo.seen.filter((s) => s.method === 'POST')).toHaveLength(2);
  });

  it('documents the flag in run --help', async () => {
    const res = await cardcheck(['run', '--help']);
    expect(res.stdout.replace(/\s+/g, ' ')).toContain(
      '--allow-mutations on a target marked production: true, also run cards that send requests other than GET/HEAD (UID steps and cleanups included)',
    );
  });
});
