import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardResult, RunResult } from '../../src/core/result.js';
import type { RunCardsOptions } from '../../src/runner/run-cards.js';
import { runCards } from '../../src/runner/run-cards.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { cardcheck } from '../support/cli.js';
import { openFiles } from '../support/open-spools.js';
import { secretHits } from '../support/output-scan.js';
import { card, directoryConfig, freshApp, writeCards } from '../support/temp-cards.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * A large suite is planned lean (src/runner/load-lean.ts): each card read, linted and planned on its own, read again
 * when it runs. `leanFrom: 0` plans any suite so; every verdict, reason, diagnostic and check must be what the
 * whole-project path gives.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What a user sees of a card, without timings and the values a server makes up. */
const seen = (c: CardResult) => ({
  file: c.file,
  line: c.line,
  id: c.id,
  endpoint: c.endpoint,
  title: c.title,
  domain: c.domain,
  tags: c.tags,
  api: c.api,
  outcome: c.outcome,
  reason: c.reason,
  documentedStatuses: c.documentedStatuses,
  status: c.status,
  diagnostics: c.diagnostics.map((d) => ({ ...d })),
  checks: c.checks.map((k) => ({ kind: k.kind, passed: k.passed, line: k.line, warning: k.warning })),
  requests: c.requests.map((r) => `${r.label} ${r.method} ${r.status ?? ''}`),
  leftBehind: c.leftBehind.length,
});

const both = async (options: RunCardsOptions): Promise<[RunResult, RunResult]> => [
  await runCards({ ...options, leanFrom: Number.POSITIVE_INFINITY }),
  await runCards({ ...options, leanFrom: 0 }),
];

describe('lean plans', () => {
  it('give the same verdicts as whole-project planning on specs/ against the embedded sandbox', async () => {
    const [whole, lean] = await both({ cwd: ROOT, paths: ['specs'], seed: 7, ledgerDir: false, trace: 'on' });
    expect(whole.summary.total).toBeGreaterThan(40);
    expect(whole.summary.passed).toBeGreaterThan(40);
    expect(lean.cards.map(seen)).toEqual(whole.cards.map(seen));
    expect(lean.leftBehind).toEqual([]);
  }, 120_000);

  describe('on cards other authors wrote', () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox();
    });
    afterAll(() => sandbox.close());

    const cards = {
      'a/create-app.md': card({
        endpoint: 'GET /platform/v1/apps/{id}',
        uid: { app_id: freshApp('app_id') },
        request: { method: 'GET', path: '/platform/v1/apps/{{resolved.app_id}}' },
        expect: { status: 200 },
      }).replace('---\nendpoint', '---\nid: app\ntags: [apps]\nendpoint'),
      'a/uses-app.md': card({
        endpoint: 'GET /platform/v1/apps/{id}',
        request: { method: 'GET', path: '/platform/v1/apps/{{card.app.resolved.app_id}}' },
        expect: { status: 200 },
      }).replace(/\n/g, '\r\n'),
      'b/names-missing-card.md': card({
        endpoint: 'GET /platform/v1/apps/{id}',
        request: { method: 'GET', path: '/platform/v1/apps/{{card.ap.resolved.app_id}}' },
        expect: { status: 200 },
      }),
      'b/twin-1.md': card({
        endpoint: 'GET /platform/v1/apps',
        request: { method: 'GET', path: '/platform/v1/apps' },
        expect: { status: 200 },
      }),
      'b/twin-2.md': card({
        endpoint: 'GET /platform/v1/apps',
        request: { method: 'GET', path: '/platform/v1/apps' },
        expect: { status: 200 },
      }),
      'c/skipped.md': card({
        endpoint: 'GET /platform/v1/apps',
        status: 'skip',
        request: { method: 'GET', path: '/platform/v1/apps' },
      }).replace('status: skip', 'status: skip\nskipReason: needs a person'),
      'c/no-request.md': '---\nendpoint: GET /x\nstatus: success\n---\n# Nothing to send\n\nJust prose.\n',
      'c/fails.md': card({
        endpoint: 'GET /platform/v1/apps',
        request: { method: 'GET', path: '/platform/v1/apps' },
        expect: { status: 418 },
      }),
    };

    /** A run of the cards in `dir` against the sandbox's vcita API, with its directory token. */
    const against = (dir: string): RunCardsOptions => ({
      cwd: dir,
      paths: ['.'],
      target: sandbox.apis.vcita,
      env: { ...sandbox.env },
      config: directoryConfig(),
    });

    it('chains, a missing card, duplicates, skips, errors and failures come out the same', async () => {
      const dir = await writeCards(cards);
      const options: RunCardsOptions = {
        ...against(dir),
        seed: 3,
        ledgerDir: false,
      };
      const [whole, lean] = await both(options);
      expect(whole.cards.map((c) => [c.file, c.outcome])).toEqual([
        ['a/create-app.md', 'passed'],
        ['a/uses-app.md', 'passed'],
        ['b/names-missing-card.md', 'errored'],
        ['b/twin-1.md', 'passed'],
        ['b/twin-2.md', 'passed'],
        ['c/fails.md', 'failed'],
        ['c/no-request.md', 'errored'],
        ['c/skipped.md', 'skipped'],
      ]);
      expect(lean.cards.map(seen)).toEqual(whole.cards.map(seen));
      // The lean path found what needs every card at once: the missing card (with its near name) and the twin.
      const missing = lean.cards.find((c) => c.file === 'b/names-missing-card.md');
      expect(missing?.reason).toMatch(/b\/names-missing-card\.md:\d+:\d+ .*"ap"/);
      expect(missing?.diagnostics.some((d) => /did you mean|"app"/i.test(`${d.message} ${d.hint ?? ''}`))).toBe(true);
      const twin = lean.cards.find((c) => c.file === 'b/twin-2.md');
      expect(twin?.diagnostics.map((d) => [d.ruleId, d.source !== undefined])).toContainEqual(['duplicate-card', true]);
      expect(lean.cards.find((c) => c.file === 'a/create-app.md')?.tags).toEqual(['apps']);
    }, 60_000);

    it('keeps the plans on disk while the run goes: a 0600 file out of the temp folder at once, no secret in it', async () => {
      const dir = await writeCards(cards);
      const tmp = await tempDir('cardcheck-spill-');
      const before = process.env.TMPDIR;
      process.env.TMPDIR = tmp;
      const seen: { listed: string[]; mode: number; text: string }[] = [];
      try {
        const result = await runCards({
          ...against(dir),
          ledgerDir: false,
          leanFrom: 0,
          onEvent: (e) => {
            if (e.type !== 'card-start' || seen.length) return;
            // Removed from its folder once open (a killed run leaves nothing), read through its descriptor.
            for (const open of openFiles(path.join(tmp, '.cardcheck-plans-'))) {
              seen.push({
                listed: readdirSync(tmp),
                mode: statSync(open).mode & 0o777,
                text: readFileSync(open, 'utf8'),
              });
            }
          },
        });
        expect(result.summary.total).toBe(8);
        expect(seen.map((s) => [s.listed, s.mode])).toEqual([[[], 0o600]]);
        // One line per plan kept (a card planned again, or given a finding, adds one), naming every card.
        const text = seen[0]?.text ?? '';
        expect(text.trim().split('\n').length).toBeGreaterThanOrEqual(8);
        for (const file of Object.keys(cards)) expect(text).toContain(JSON.stringify(file));
        expect(await secretHits({ stdout: text, stderr: '' }, tmp, sandbox.issuedSecrets())).toEqual([]);
        expect(readdirSync(tmp)).toEqual([]);
      } finally {
        if (before === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = before;
      }
    }, 60_000);

    it("a card deleting a needed card's resource: the run's cleanup of it answers 404 and nothing is left behind", async () => {
      const dir = await writeCards({
        'a/create-app.md': cards['a/create-app.md'],
        'a/uses-app.md': cards['a/uses-app.md'],
        'a/zz-deletes-app.md': card({
          endpoint: 'DELETE /platform/v1/apps/{id}',
          request: { method: 'DELETE', path: '/platform/v1/apps/{{card.app.resolved.app_id}}' },
          expect: { status: 200 },
        }),
      });
      const options: RunCardsOptions = {
        ...against(dir),
        ledgerDir: false,
      };
      for (const result of await both(options)) {
        expect(result.cards.map((c) => [c.file, c.outcome])).toEqual([
          ['a/create-app.md', 'passed'],
          ['a/uses-app.md', 'passed'],
          ['a/zz-deletes-app.md', 'passed'],
        ]);
        expect(result.leftBehind).toEqual([]);
      }
    }, 60_000);

    it('a card changed on disk while the run goes is an error that says so, not a verdict on the old text', async () => {
      const dir = await writeCards(cards);
      let edited = false;
      const result = await runCards({
        ...against(dir),
        ledgerDir: false,
        leanFrom: 0,
        onEvent: (e) => {
          // The first card has started: the last one is edited before it runs.
          if (e.type === 'card-start' && !edited) {
            edited = true;
            writeFileSync(path.join(dir, 'c/fails.md'), cards['c/fails.md'].replace('418', '200'));
          }
        },
      });
      const changed = result.cards.find((c) => c.file === 'c/fails.md');
      expect(changed?.outcome).toBe('errored');
      expect(changed?.reason).toMatch(/c\/fails\.md changed on disk while the run was going/);
      expect(result.cards.find((c) => c.file === 'b/twin-1.md')?.outcome).toBe('passed');
    }, 60_000);
  });

  it('a temp folder that cannot hold the plans stops the run before it sends, saying what to do (exit 2)', async () => {
    const dir = await writeCards({
      'specs/list-apps.md': card({
        endpoint: 'GET /platform/v1/apps',
        request: { method: 'GET', path: '/platform/v1/apps' },
        expect: { status: 200 },
      }),
    });
    const notAFolder = path.join(dir, 'not-a-folder');
    writeFileSync(notAFolder, 'a file\n');
    const run = await cardcheck(['run', 'specs', '--target', 'http://127.0.0.1:9'], {
      cwd: dir,
      env: { CARDCHECK_LEAN_FROM: '0', TMPDIR: notAFolder },
    });
    expect(run.code).toBe(2);
    expect(`${run.stdout}${run.stderr}`).toMatch(
      new RegExp(
        `could not keep the plans of a large suite in ${notAFolder}: \\w+.*point TMPDIR at a folder cardcheck can write \\(nothing was sent\\)`,
      ),
    );
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/internal error|\n\s+at /);
  }, 60_000);

  it.each([
    ['fixtures/cards/invalid', 'text'],
    ['fixtures/cards/invalid', 'json'],
    ['fixtures/cards/dialects', 'text'],
  ])(
    'cardcheck lint %s (%s) prints the same lines and exits the same, planned lean',
    async (folder, format) => {
      const whole = await cardcheck(['lint', folder, '--format', format]);
      const lean = await cardcheck(['lint', folder, '--format', format], { env: { CARDCHECK_LEAN_FROM: '0' } });
      expect(whole.code).toBe(2);
      expect(whole.stdout.split('\n').length).toBeGreaterThan(40);
      expect(lean.code).toBe(whole.code);
      expect(lean.stdout).toBe(whole.stdout);
      expect(lean.stderr).toBe(whole.stderr);
    },
    60_000,
  );
});
