import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatProgress, newProgress } from '../../src/report/console/progress-bar.js';
import { replay } from '../support/collect.js';
import { ROOT, sampleRun } from '../support/sample-run.js';
import { tempDir } from '../support/temp-dir.js';
import { screenOf } from '../support/terminal-screen.js';

const ESC = '\u001b';

describe('console reporter, piped or in CI', () => {
  it('prints plain lines without escape codes, a diff for each failure with the source line, and the closing lines', async () => {
    const { run } = await sampleRun();
    const { out, errors } = await replay(['console', 'json'], run, {
      outDir: await tempDir('cc-console-'),
    });
    expect(errors).toEqual([]);
    const text = out.join('\n');
    expect(text).not.toContain(ESC);
    expect(out[0]).toBe(`cardcheck: 13 cards against ${run.target}`);
    expect(text).toMatch(
      /^✓ passed {2}GET \/platform\/v1\/apps\/\{client_id\} {2}Get OAuth App {2}specs\/vcita\/get-app\.md {2}\d+ ms$/m,
    );
    expect(text).toMatch(
      /^○ skipped POST \/oauth\/token {2}Exchange OAuth Authorization Code for Access Token {2}specs\/vcita\/exchange-authorization-code\.md {2}\d+ ms\n {4}reason: This endpoint implements OAuth 2\.0/m,
    );
    // Status failure: the message is the diff; then where the card states the status, with a caret under it.
    expect(text).toContain(
      [
        '    expected status 201, got 200',
        '      response body: {"success":true,"data":[]}',
        '    at fixtures/cards/failing/fails-status.md:20:13',
        '      20 | { "status": 201 }',
        '         |             ^',
      ].join('\n'),
    );
    // Schema failure: each violation as path, expected and found.
    expect(text).toContain(
      [
        '    schema /total: required field /total is missing',
        '      - expected: present',
        '      + found:    missing',
      ].join('\n'),
    );
    expect(text).toContain(
      ['    schema /success: /success must be string', '      - expected: string', '      + found:    true'].join('\n'),
    );
    // Each violation at the schema keyword it breaks: the missing name in "required", the "type".
    expect(text).toContain(
      [
        '    at fixtures/cards/failing/fails-schema.md:28:18',
        '      28 |     "required": ["total", "success"],',
        '         |                  ^',
        '    at fixtures/cards/failing/fails-schema.md:29:42',
        '      29 |     "properties": { "success": { "type": "string" } }',
        '         |                                          ^',
      ].join('\n'),
    );
    // Errored: the Hurl-style diagnostic with the source line and caret.
    expect(text).toContain('    fixtures/seeds/000_e5b2871b98d23f98.txt:74:24 error unresolved-placeholder');
    expect(text).toContain('      74 |     "service_secret": "{{resolved.uid}}"');
    // Flaky: each attempt's outcome.
    expect(text).toMatch(
      /^~ flaky {3}GET \/flaky {2}Fails once, then passes {2}fixtures\/cards\/failing\/flaky\/fails-once\.md.*\n {4}attempt 1 of 2: failed \(expected status 2xx, got 500\), \d+ ms\n {4}attempt 2 of 2: passed, \d+ ms$/m,
    );
    const tail = out.slice(out.indexOf('') + 1);
    expect(tail[0]).toMatch(/^13 cards: 8 passed, 2 failed, 1 flaky, 1 skipped, 1 errored in \d+ ms$/);
    expect(tail[1]).toMatch(/^coverage: \d+ endpoints, \d+ of \d+ documented statuses exercised$/);
    expect(tail).toContain('faker seed 1 (replay with --seed 1)');
    expect(tail.at(-1)).toMatch(/^results: .*results\.json$/);
  });

  it('prints requests and responses only with --verbose, redacted, and never a secret the sandbox issued', async () => {
    const { run, secrets } = await sampleRun();
    const quiet = await replay(['console'], run);
    const verbose = await replay(['console'], run, { verbose: true });
    expect(quiet.out.join('\n')).not.toContain('→ GET');
    const text = verbose.out.join('\n');
    expect(text).toMatch(
      /→ GET http:\/\/127\.0\.0\.1:\d+\/vcita\/platform\/v1\/apps {2}\(request\)\n {6}authorization: Bearer \[redacted\]/,
    );
    // Bodies are recorded as every report shows them: JSON pretty-printed (then redacted, then cut).
    expect(text).toContain('      {\n        "success": true,\n        "data": [');
    expect(text).toMatch(/← 200 {2}\d+ ms/);
    for (const s of secrets) expect(text).not.toContain(s);
  });

  it("names the left-behind resources and a merged run's shard seeds", async () => {
    const { run } = await sampleRun();
    const left = {
      ...run,
      leftBehind: [
        {
          file: 'specs/vcita/create-app.md',
          createdBy: 'POST /platform/v1/apps',
          field: 'client_id',
          id: 'cid_1',
          reason: 'no cleanup declared',
        },
      ],
    };
    const a = await replay(['console'], left);
    expect(a.out.join('\n')).toContain(
      'Left behind on the target (1):\n  POST /platform/v1/apps  client_id=cid_1  specs/vcita/create-app.md\n    no cleanup declared',
    );
    const merged = {
      ...run,
      mergedFrom: [1, 2].map((index) => ({
        index,
        total: 2,
        runId: `r${index}`,
        seed: 40 + index,
        startedAt: run.startedAt,
        durationMs: 1,
      })),
    };
    const b = await replay(['console'], merged);
    expect(b.out).toContain('faker seeds: shard 1/2 41, shard 2/2 42 (replay a shard with --shard i/n --seed N)');
  });
});

describe('console reporter on a terminal', () => {
  it('keeps a progress line under the card lines while the run goes on, and leaves the same screen as the plain output', async () => {
    const { run } = await sampleRun();
    const writes: string[] = [];
    const live = await replay(['console'], run, { tty: true, columns: 100 });
    writes.push(...live.out);
    expect(writes.join('')).toContain(`${ESC}[1A${ESC}[2K`);
    // Midway: after the third card ended, the bottom line is the progress bar for 3 of 13.
    const third = writes.findIndex((w, i) => i > 0 && /^\[[█░]+\] 3\/13 /.test(w.replace(`${ESC}[1A${ESC}[2K`, '')));
    expect(third).toBeGreaterThan(0);
    const mid = screenOf(writes.slice(0, third + 1));
    expect(mid.at(-1)).toMatch(/^\[█{5}░{15}\] 3\/13 {2}✓ \d+ {2}✗ \d+ {2}○ \d+/);
    expect(mid.filter((l) => l.startsWith('[')).length).toBe(1);
    // At the end no progress line is left, and the screen reads like the piped output (skip reasons cut to the same width).
    const plain = await replay(['console'], run, { tty: false, columns: 100 });
    expect(screenOf(writes)).toEqual(plain.out);
  });

  it('draws no progress line in CI or with NO_COLOR', async () => {
    const { run } = await sampleRun();
    for (const env of [{ CI: 'true' }, { NO_COLOR: '1' }]) {
      const { out } = await replay(['console'], run, { tty: true, env });
      expect(out.join('\n')).not.toContain(ESC);
    }
  });

  it('fits the progress line in the terminal width, naming the card in flight', () => {
    const p = {
      ...newProgress(30),
      done: 12,
      inFlight: ['POST /platform/v1/apps/{client_id}/a-very-long-path-that-goes-on', 'GET /x'],
    };
    p.counts.passed = 11;
    p.counts.failed = 1;
    expect(formatProgress(p, 200)).toBe('[████████░░░░░░░░░░░░] 12/30  ✓ 11  ✗ 1  ○ 0  ▸ GET /x (+1)');
    expect([...formatProgress(p, 40)].length).toBe(39);
  });

  it('shows the bar in a real pseudo-terminal (script(1)) and clears it at the end', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm', COLUMNS: '100' };
    delete env.CI;
    delete env.NO_COLOR;
    delete env.GITHUB_ACTIONS;
    const out = await tempDir('cc-pty-');
    const cmd = `node dist/cli/main.js run specs/vcita/get-app.md specs/vcita/list-apps.md --out ${out}`;
    const raw = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qfec', cmd, '/dev/null'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.on('error', reject);
      child.on('close', () => resolve(text));
    });
    expect(raw).toMatch(/\[[█░]{20}\] 1\/2 /);
    expect(raw).toContain(`${ESC}[1A${ESC}[2K`);
    const screen = screenOf(raw.replace(/\r/g, '').split('\n')).filter((l) => l !== '');
    expect(screen.some((l) => l.startsWith('['))).toBe(false);
    expect(screen.some((l) => /2 cards: 2 passed, 0 failed, 0 skipped, 0 errored/.test(l))).toBe(true);
  });
});
