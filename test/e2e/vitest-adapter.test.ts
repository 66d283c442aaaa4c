import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { tempDirSync } from '../support/temp-dir.js';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: { assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

/** A project of its own: the repo's config, two vcita cards, one that expects the wrong status, one skipped, and a test file using cardcheck/vitest. */
function project(): string {
  const dir = tempDirSync('cardcheck-vitest-');
  cpSync(path.join(ROOT, 'cardcheck.config.yaml'), path.join(dir, 'cardcheck.config.yaml'));
  for (const f of ['get-app.md', 'list-apps.md'])
    cpSync(path.join(ROOT, 'specs/vcita', f), path.join(dir, 'specs/vcita', f), { recursive: true });
  const getApp = readFileSync(path.join(ROOT, 'specs/vcita/get-app.md'), 'utf8');
  writeFileSync(
    path.join(dir, 'specs/vcita/get-app-teapot.md'),
    getApp.replace('# Get OAuth App', '# Get OAuth App as a teapot').replace('"status": 200', '"status": 418'),
  );
  writeFileSync(
    path.join(dir, 'specs/vcita/later.md'),
    getApp
      .replace('status: success', 'status: skip\nskipReason: not written yet')
      .replace('# Get OAuth App', '# Later'),
  );
  const adapter = pathToFileURL(path.join(ROOT, 'dist/vitest/index.js')).href;
  writeFileSync(
    path.join(dir, 'cards.test.mjs'),
    `import { cardTests } from '${adapter}';\nawait cardTests({ paths: ['specs', 'missing-folder'], seed: 1, ledgerDir: false });\n`,
  );
  return dir;
}

function vitest(dir: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const bin = path.join(ROOT, 'node_modules/vitest/vitest.mjs');
    const child = spawn(process.execPath, [bin, 'run', '--root', dir, '--reporter=json', '--outputFile=results.json'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('cardcheck/vitest', () => {
  it("makes each card a vitest test: passed, failed with the card's diff, skipped with its reason", async () => {
    const dir = project();
    const { code, out } = await vitest(dir);
    const report = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as VitestJson;
    const tests = report.testResults.flatMap((r) => r.assertionResults);
    const status = Object.fromEntries(tests.map((t) => [t.fullName, t.status]));
    expect(status, out).toEqual({
      'cardcheck specs/vcita/get-app-teapot.md: Get OAuth App as a teapot': 'failed',
      'cardcheck specs/vcita/get-app.md: Get OAuth App': 'passed',
      'cardcheck specs/vcita/later.md: Later': 'skipped',
      'cardcheck specs/vcita/list-apps.md: List OAuth Apps': 'passed',
      'cardcheck missing-folder': 'failed',
    });
    const failure = tests.find((t) => t.fullName.includes('teapot'))?.failureMessages.join('\n') ?? '';
    expect(failure).toContain('expected status 418, got 200');
    expect(tests.find((t) => t.fullName === 'cardcheck missing-folder')?.failureMessages.join('\n')).toContain(
      'missing-folder: no such file or folder',
    );
    expect(code).toBe(1);
  }, 60_000);

  it('timeoutMs is the per-request timeout, as in runCards; hookTimeoutMs bounds the whole run', async () => {
    // Answers after 1.5 s: a 300 ms request timeout errors the card; the run itself may take 20 s.
    const server = createServer((_req, res) => {
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 1_500);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const dir = tempDirSync('cardcheck-vitest-');
      const card = ['---', 'endpoint: GET /slow', 'status: success', '---', '# Slow', '', '## Request Template', ''];
      writeFileSync(
        path.join(dir, 'slow.md'),
        [...card, '```json', '{ "method": "GET", "path": "/slow" }', '```', ''].join('\n'),
      );
      const adapter = pathToFileURL(path.join(ROOT, 'dist/vitest/index.js')).href;
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const options = `{ paths: ['slow.md'], target: '${url}', timeoutMs: 300, hookTimeoutMs: 20000, ledgerDir: false, retryPolicy: { maxRetries: 0 } }`;
      writeFileSync(
        path.join(dir, 'cards.test.mjs'),
        `import { cardTests } from '${adapter}';\nawait cardTests(${options});\n`,
      );
      const { out } = await vitest(dir);
      const report = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as VitestJson;
      const [test] = report.testResults.flatMap((r) => r.assertionResults);
      expect(test?.status, out).toBe('failed');
      const failure = test?.failureMessages.join('\n') ?? '';
      expect(failure).toContain('did not answer in time');
      expect(failure).not.toContain('Hook timed out');
    } finally {
      server.close();
    }
  }, 60_000);
});
