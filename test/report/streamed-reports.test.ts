import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CardResult, LeftBehind, RunResult } from '../../src/core/result.js';
import { summarize } from '../../src/core/result.js';
import type { ReporterSet } from '../../src/report/fan-out.js';
import { fanOut } from '../../src/report/fan-out.js';
import { createJsonReporter } from '../../src/report/json/json-reporter.js';
import { createReporters } from '../../src/report/registry.js';
import type { Reporter, ReporterContext } from '../../src/report/reporter.js';
import { openFiles } from '../support/open-spools.js';
import { secretHits } from '../support/output-scan.js';
import { ROOT, sampleRun } from '../support/sample-run.js';
import { tempDir } from '../support/temp-dir.js';

const FILES = ['results.json', 'junit.xml', 'report.html', 'summary.md'];
const NAMES = ['console', 'json', 'junit', 'html', 'github'];

const ctx = (outDir: string, lines: string[] = []): ReporterContext => ({
  outDir,
  verbose: false,
  color: false,
  tty: false,
  write: (l) => lines.push(l),
  writeErr: (l) => lines.push(l),
  env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: path.join(outDir, 'summary.md') },
  cwd: ROOT,
});

/** The card spool files in a folder (`.cardcheck-cards-*.jsonl`). */
/** The card spools open on `dir` (they leave the folder once open: read through their descriptors). */
const spools = (dir: string) => openFiles(path.join(dir, '.cardcheck-cards-'));

/** Events as the engine sends them: run start (saying whether it streams), then each card's start and end, in the order given. */
function feed(set: ReporterSet, run: RunResult, cards: readonly CardResult[], streamed = true): void {
  set.onEvent({
    type: 'run-start',
    total: run.summary.total,
    target: run.target,
    seed: run.seed,
    streamed,
  });
  for (const c of cards) {
    set.onEvent({ type: 'card-start', file: c.file, endpoint: c.endpoint, title: c.title });
    set.onEvent({ type: 'card-end', result: c });
  }
}

/**
 * The sample run (passed, failed with exchanges, flaky, skipped, errored cards) with one resource the failed
 * schema card left behind after its card-end: held, the card has it; streamed, the run names it in lateLeftBehind.
 */
async function mixedRun(): Promise<{
  held: RunResult;
  ended: CardResult[];
  late: LeftBehind;
  secrets: readonly string[];
}> {
  const { run, secrets } = await sampleRun();
  const failed = run.cards.find((c) => c.file.endsWith('fails-schema.md'));
  if (!failed) throw new Error('the sample run has no fails-schema card');
  const late: LeftBehind = {
    file: failed.file,
    createdBy: 'POST /platform/v1/apps',
    field: 'app_code_name',
    id: 'late-app-1',
    reason: 'its cleanup ran at the end of the run and answered 500',
    cleanupFailed: true,
  };
  const held: RunResult = {
    ...run,
    cards: run.cards.map((c) => (c === failed ? { ...c, leftBehind: [...c.leftBehind, late] } : c)),
    leftBehind: [...run.leftBehind, late],
  };
  return { held, ended: run.cards, late, secrets };
}

async function written(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of FILES) out[f] = await readFile(path.join(dir, f), 'utf8');
  return out;
}

describe('reports from streamed card results', () => {
  it('writes the same results.json, junit.xml, report.html and job summary as from the held cards, and no spool is left', async () => {
    const { held, ended, late } = await mixedRun();
    const kinds = new Set(held.cards.map((c) => c.outcome));
    expect([...kinds].sort()).toEqual(['errored', 'failed', 'flaky', 'passed', 'skipped']);
    expect(held.cards.some((c) => c.outcome === 'failed' && c.requests.some((r) => r.exchange))).toBe(true);

    const heldDir = await tempDir('cc-held-');
    const heldOut: string[] = [];
    const heldSet = createReporters(NAMES, ctx(heldDir, heldOut));
    feed(heldSet, held, held.cards, false);
    // A run that holds its cards writes no spool: its reports read run.cards.
    expect(spools(heldDir)).toEqual([]);
    expect((await heldSet.finish(held)).errors).toEqual([]);

    const streamDir = await tempDir('cc-streamed-');
    const streamOut: string[] = [];
    const streamSet = createReporters(NAMES, ctx(streamDir, streamOut));
    feed(streamSet, held, ended);
    expect(spools(streamDir)).toHaveLength(1);
    expect(readdirSync(streamDir)).toEqual([]);
    const streamed: RunResult = { ...held, cards: [], cardsStreamed: true, lateLeftBehind: [late] };
    expect((await streamSet.finish(streamed)).errors).toEqual([]);

    const a = await written(heldDir);
    const b = await written(streamDir);
    for (const f of FILES) expect(b[f], f).toBe(a[f]);
    expect(b['results.json']).toContain('"id": "late-app-1"');
    const one = (lines: string[], dir: string) => lines.join('\n').split(dir).join('<out>');
    expect(one(streamOut, streamDir)).toBe(one(heldOut, heldDir));
    expect(spools(streamDir)).toEqual([]);
    expect(spools(heldDir)).toEqual([]);
  });

  it('writes cards in the order they ended, keeping junit suites by folder and failing cards first in the HTML', async () => {
    const { held, ended } = await mixedRun();
    const dir = await tempDir('cc-order-');
    const set = createReporters(['json', 'junit', 'html'], ctx(dir));
    // fails-schema first, the rest backwards, fails-status last: its folder's cards do not end one after another.
    const order = [ended[0], ...ended.slice(2).reverse(), ended[1]] as CardResult[];
    feed(set, held, order);
    expect((await set.finish({ ...held, cards: [], cardsStreamed: true })).errors).toEqual([]);

    const json = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as RunResult;
    expect(json.cards.map((c) => c.file)).toEqual(order.map((c) => c.file));
    expect(json).not.toHaveProperty('cardsStreamed');

    const xml = await readFile(path.join(dir, 'junit.xml'), 'utf8');
    const suites = [...xml.matchAll(/<testsuite name="([^"]+)" tests="(\d+)"/g)].map((m) => `${m[1]} ${m[2]}`);
    // One suite per folder, in the order folders first ended.
    expect(suites).toEqual([
      'fixtures/cards/failing 2',
      'fixtures/cards/failing/flaky 1',
      'specs/vcita 9',
      'fixtures/seeds 1',
    ]);
    const cases = [...xml.matchAll(/<testcase [^>]*file="([^"]+)"/g)].map((m) => m[1]);
    expect(cases.slice(0, 2)).toEqual([order[0]?.file, order[12]?.file]);

    const page = await readFile(path.join(dir, 'report.html'), 'utf8');
    const shown = [...page.matchAll(/<details class="card outcome-(\w+)"[\s\S]*?<span class="file muted">([^:<]+)/g)];
    expect(shown.map((m) => m[1])).toEqual([
      'failed',
      'failed',
      'errored',
      'flaky',
      'skipped',
      ...Array(8).fill('passed'),
    ]);
    // Within an outcome, in the order the cards ended.
    expect(shown.slice(0, 2).map((m) => m[2])).toEqual([order[0]?.file, order[12]?.file]);
  });

  it('keeps the spool private to the user and free of the secrets the run handled', async () => {
    const { held, ended, secrets } = await mixedRun();
    const dir = await tempDir('cc-spool-');
    const seen: { mode: number; hits: string[] }[] = [];
    const probe: Reporter = {
      name: 'probe',
      readsCards: true,
      async onRunEnd() {
        const [open] = spools(dir);
        const mode = statSync(open as string).mode & 0o777;
        const spooled = readFileSync(open as string, 'utf8');
        expect(spooled.split('\n').length).toBeGreaterThan(ended.length);
        seen.push({ mode, hits: await secretHits({ stdout: spooled, stderr: '' }, dir, secrets) });
      },
    };
    const set = fanOut([probe], ROOT, { spoolDir: dir });
    feed(set, held, ended);
    expect((await set.finish({ ...held, cards: [], cardsStreamed: true })).errors).toEqual([]);
    expect(seen).toEqual([{ mode: process.platform === 'win32' ? seen[0]?.mode : 0o600, hits: [] }]);
    expect(spools(dir)).toEqual([]);
  });

  it('removes the spool when a reporter throws while reading the cards back', async () => {
    const { held, ended } = await mixedRun();
    const dir = await tempDir('cc-throws-');
    const midway: Reporter = {
      name: 'midway',
      readsCards: true,
      onRunEnd(_run, cards) {
        expect(cards.at(1).file).toBe(ended[1]?.file);
        throw new Error('out of paper');
      },
    };
    const set = fanOut([midway, createJsonReporter(ctx(dir))], ROOT, { spoolDir: dir });
    feed(set, held, ended);
    expect(spools(dir)).toHaveLength(1);
    const { errors, files } = await set.finish({ ...held, cards: [], cardsStreamed: true });
    expect(errors).toEqual(['reporter "midway" failed in onRunEnd: out of paper']);
    expect(files.map((f) => f.label)).toEqual(['results']);
    expect(spools(dir)).toEqual([]);
  });

  it('writes no empty report for a run that streamed its cards without saying so at its start', async () => {
    const { held, ended } = await mixedRun();
    const dir = await tempDir('cc-unannounced-');
    const set = createReporters(['json'], ctx(dir));
    feed(set, held, ended, false);
    const { errors, files } = await set.finish({ ...held, cards: [], cardsStreamed: true });
    expect(errors).toEqual([
      'reporter "json" could not write its report: the run did not say at its start that it streams its cards',
    ]);
    expect(files).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes the spool of a run that ends without its reports (dispose)', async () => {
    const { held, ended } = await mixedRun();
    const dir = await tempDir('cc-dispose-');
    const set = createReporters(['json', 'html'], ctx(dir));
    feed(set, held, ended.slice(0, 3));
    expect(spools(dir)).toHaveLength(1);
    set.dispose();
    expect(spools(dir)).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names the reporter and the folder when the card results cannot be kept, and still writes the others', async () => {
    const { held, ended } = await mixedRun();
    const dir = await tempDir('cc-nospool-');
    const notAFolder = path.join(dir, 'plain-file');
    await writeFile(notAFolder, 'not a folder\n');
    const lines: string[] = [];
    const set = fanOut(
      [createJsonReporter(ctx(dir)), { name: 'console-like', onRunEnd: () => void lines.push('summary') }],
      ROOT,
      { spoolDir: notAFolder },
    );
    feed(set, held, ended);
    const { errors, files } = await set.finish({ ...held, cards: [], cardsStreamed: true });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(`^reporter "json" could not write its report: could not keep the card results in ${notAFolder}: `),
    );
    expect(errors[0]).toMatch(/EEXIST.*\(the reports folder must be writable, with room for the run's results\)$/);
    expect(files).toEqual([]);
    expect(lines).toEqual(['summary']);
  });

  it('writes a valid results.json of 20,000 streamed cards', async () => {
    const dir = await tempDir('cc-many-');
    const cards: CardResult[] = Array.from({ length: 20_000 }, (_, i) => ({
      file: `specs/many/card-${i}.md`,
      line: 1,
      id: `card-${i}`,
      endpoint: 'GET /ping',
      title: `ping ${i}`,
      domain: 'many',
      tags: [],
      api: 'default',
      outcome: i % 97 === 0 ? 'failed' : 'passed',
      reason: i % 97 === 0 ? 'expected status 200, got 500' : '',
      durationMs: 1,
      checks: [],
      diagnostics: [],
      leftBehind: [],
      requests: [],
      attempts: [],
      documentedStatuses: [200],
    }));
    const run: RunResult = {
      runId: 'many',
      target: 'http://127.0.0.1:1',
      startedAt: '2026-01-01T00:00:00.000Z',
      seed: 1,
      summary: summarize(cards, 20_000),
      cards: [],
      leftBehind: [],
      coverage: [],
      cardsStreamed: true,
    };
    const set = createReporters(['json'], ctx(dir));
    feed(set, run, cards);
    expect((await set.finish(run)).errors).toEqual([]);
    const json = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as RunResult;
    expect(json.cards).toHaveLength(20_000);
    expect(json.cards[19_999]?.id).toBe('card-19999');
    expect(json.summary.failed).toBe(207);
    expect(spools(dir)).toEqual([]);
  });
});
