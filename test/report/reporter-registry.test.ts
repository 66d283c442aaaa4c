import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fanOut } from '../../src/report/fan-out.js';
import { createJsonReporter } from '../../src/report/json/json-reporter.js';
import { createReporters, defaultReporterNames } from '../../src/report/registry.js';
import type { Reporter, ReporterContext } from '../../src/report/reporter.js';
import { cardcheck } from '../support/cli.js';
import { ROOT, sampleRun } from '../support/sample-run.js';
import { tempDir } from '../support/temp-dir.js';

const ctx = (outDir: string): ReporterContext => ({
  outDir,
  verbose: false,
  color: false,
  tty: false,
  write: () => {},
  writeErr: () => {},
  env: {},
  cwd: ROOT,
});

describe('reporter registry and fan-out', () => {
  it('names an unknown reporter with a suggestion', () => {
    expect(() => createReporters(['console', 'jnuit'], ctx('reports'))).toThrow(
      'unknown reporter "jnuit"; did you mean "junit"? (reporters: console, json, junit, html, github)',
    );
    expect(() => createReporters(['xml'], ctx('reports'))).toThrow(/^unknown reporter "xml" \(reporters: /);
  });

  it('defaults to console and json, adding github in GitHub Actions', () => {
    expect(defaultReporterNames({})).toEqual(['console', 'json', 'html']);
    expect(defaultReporterNames({ GITHUB_ACTIONS: 'true' })).toEqual(['console', 'json', 'html', 'github']);
  });

  it('contains a reporter that throws: the others still get every event and write their files, and the error is returned', async () => {
    const { run } = await sampleRun();
    const out = await tempDir('cc-fanout-');
    const seen: string[] = [];
    const throwsMidway: Reporter = {
      name: 'broken',
      onCardEnd(card) {
        seen.push(card.file);
        if (seen.length === 2) throw new Error('disk on fire');
      },
      onRunEnd() {
        seen.push('run-end');
      },
    };
    const counting: string[] = [];
    const healthy: Reporter = { name: 'healthy', onCardEnd: (c) => void counting.push(c.file) };
    const set = fanOut([throwsMidway, healthy, createJsonReporter(ctx(out))], ROOT);
    for (const c of run.cards) set.onEvent({ type: 'card-end', result: c });
    const { errors, files } = await set.finish(run);
    expect(errors).toEqual(['reporter "broken" failed in onCardEnd: disk on fire']);
    expect(seen.length).toBe(2);
    expect(counting.length).toBe(run.cards.length);
    expect(files.map((f) => f.label)).toEqual(['results']);
    const written = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as {
      summary: { total: number };
    };
    expect(written.summary.total).toBe(run.cards.length);
  });

  it('contains a reporter whose async onRunEnd rejects', async () => {
    const { run } = await sampleRun();
    const set = fanOut([{ name: 'late', onRunEnd: () => Promise.reject(new Error('no space left')) }], ROOT);
    expect((await set.finish(run)).errors).toEqual(['reporter "late" failed in onRunEnd: no space left']);
  });
});

describe('cardcheck run --reporter', () => {
  it('writes the reports named, and says where they went', async () => {
    const out = await tempDir('cc-flags-');
    const res = await cardcheck(['run', 'specs/vcita/get-app.md', '--reporter', 'console,junit,html', '--out', out]);
    expect(res.code).toBe(0);
    expect(existsSync(path.join(out, 'junit.xml'))).toBe(true);
    expect(existsSync(path.join(out, 'report.html'))).toBe(true);
    expect(existsSync(path.join(out, 'results.json'))).toBe(false);
    expect(res.stdout).toContain(`junit: ${path.join(out, 'junit.xml')}`);
    expect(res.stdout).toContain(`html: ${path.join(out, 'report.html')}`);
  });

  it('rejects an unknown reporter with exit 2 before running anything', async () => {
    const res = await cardcheck(['run', 'specs/vcita/get-app.md', '--reporter', 'console,jnuit']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(
      'cardcheck: --reporter console,jnuit: unknown reporter "jnuit"; did you mean "junit"?',
    );
    expect(res.stdout).toBe('');
  });

  it('fails a passing run with exit 2 when a reporter cannot write, and still prints the console output', async () => {
    const dir = await tempDir('cc-notdir-');
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    const res = await cardcheck(['run', 'specs/vcita/get-app.md', '--out', file]);
    expect(res.code).toBe(2);
    expect(res.stdout).toContain('1 card: 1 passed, 0 failed, 0 skipped, 0 errored');
    // The reporters keep the run's card results in the reports folder as cards end: they say it cannot be written.
    expect(res.stderr).toMatch(
      /cardcheck: reporter "json" could not write its report: could not keep the card results in .*a-file: .*\(the reports folder must be writable, with room for the run's results\); its report is missing or incomplete/,
    );
  });

  it('--verbose prints each request and response, redacted', async () => {
    const res = await cardcheck(['run', 'specs/vcita/get-app.md', '--verbose', '--reporter', 'console']);
    expect(res.stdout).toMatch(/→ GET http:\/\/127\.0\.0\.1:\d+\/vcita\/platform\/v1\/apps\/cid_[\w-]+ {2}\(request\)/);
    expect(res.stdout).toMatch(/authorization: Bearer \[redacted\]/);
  });
});
