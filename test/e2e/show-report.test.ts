import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cardcheck, ROOT } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';
import { until } from '../support/wait-files.js';

let out: string;

beforeAll(async () => {
  out = path.join(await tempDir('cc-show-'), 'reports');
  // No --reporter: the HTML report is among the defaults.
  const run = await cardcheck(['run', 'specs/vcita/get-app.md', '--out', out]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`html: ${path.join(out, 'report.html')}`);
}, 30_000);

describe('cardcheck show-report', () => {
  it('prints the path when there is no desktop (CI, ssh)', async () => {
    const res = await cardcheck(['show-report', out], { env: { DISPLAY: '', WAYLAND_DISPLAY: '', CI: 'true' } });
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe(path.join(out, 'report.html'));
    expect(res.stderr).toContain('no desktop to open it on');
  });

  it('opens it with xdg-open when there is a display', async () => {
    const bin = await tempDir('cc-xdg-');
    const seen = path.join(bin, 'opened.txt');
    await writeFile(path.join(bin, 'xdg-open'), `#!/bin/sh\necho "$@" > "${seen}"\n`, { mode: 0o755 });
    const res = await cardcheck(['show-report', out], {
      env: { DISPLAY: ':0', CI: '', PATH: `${bin}:${process.env.PATH}` },
    });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`opened ${path.join(out, 'report.html')}`);
    await until(() => existsSync(seen), 'xdg-open to run');
    expect(readFileSync(seen, 'utf8').trim()).toBe(path.join(out, 'report.html'));
  });

  it('--serve serves the report on 127.0.0.1, nothing outside its folder, until SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli/main.js'), 'show-report', out, '--serve'], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await until(() => /http:\/\/127\.0\.0\.1:\d+\//.test(stdout), 'the URL');
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)?.[0] ?? '';
      const page = await fetch(url, { signal: AbortSignal.timeout(5000) });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toBe(readFileSync(path.join(out, 'report.html'), 'utf8'));
      const outside = await fetch(`${url}..%2f..%2fetc%2fpasswd`, { signal: AbortSignal.timeout(5000) });
      expect(outside.status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await closed).toBe(0);
  });

  it('exits 2 naming the file when there is no report', async () => {
    const empty = await tempDir('cc-show-none-');
    await mkdir(path.join(empty, 'reports'));
    const res = await cardcheck(['show-report'], { cwd: empty });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('there is no reports/report.html; run `cardcheck run` first');
  });
});
