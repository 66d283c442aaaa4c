import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../../src/util/zip.js';
import { cardcheck } from '../support/cli.js';
import { encodings } from '../support/secret-encodings.js';
import { tempDir } from '../support/temp-dir.js';

const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'pw-Typed-Into-The-Form-7731';
const SESSION = 'sess-In-The-Query-4409';

/** A login form on loopback (its button is #allow, not the #sign-in the card clicks), and the API the card calls. */
async function startLoginServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/login')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><title>Sign in</title><form method="post" action="/consent">
<label>User <input id="username" name="username"></label>
<label>Password <input id="password" name="password" type="password"></label>
<button id="allow" type="submit">Allow</button></form>`);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const card = (click: string) =>
  [
    '---',
    'endpoint: GET /things',
    'auth: none',
    '---',
    '# Read things with a code from the login page',
    '## UID Resolution Procedure',
    '```json',
    JSON.stringify(
      {
        code: {
          from_person: 'a person signs in',
          browser: {
            open: `/login?session_token=${SESSION}`,
            steps: [
              { fill: '#username', with: '{{env.APP_USER}}' },
              { fill: '#password', with: '{{env.APP_PASSWORD}}' },
              { click },
            ],
            redirect_uri: 'https://example.com/cb',
          },
          extract_from: 'code',
        },
      },
      null,
      2,
    ),
    '```',
    '## Request Template',
    '```json',
    '{ "method": "GET", "path": "/things", "headers": { "X-Code": "{{resolved.code}}" } }',
    '```',
    '## Expected Response',
    '```json',
    '{ "status": 200 }',
    '```',
  ].join('\n');

/** Every file under `dir`, with its path relative to it. */
async function filesUnder(dir: string): Promise<[string, Buffer][]> {
  const out: [string, Buffer][] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) {
      const file = path.join(e.parentPath, e.name);
      out.push([path.relative(dir, file), await readFile(file)]);
    }
  return out;
}

describe.skipIf(!existsSync(CHROMIUM))(`a failed browser flow (needs ${CHROMIUM}: apt install chromium)`, () => {
  let site: Awaited<ReturnType<typeof startLoginServer>>;
  beforeAll(async () => {
    site = await startLoginServer();
  });
  afterAll(async () => {
    await site.close();
  });

  it('names the step, its selector and the page (secrets blanked), saves a masked screenshot and traces, and shows the typed password nowhere', async () => {
    const dir = await tempDir('cardcheck-browser-failure-');
    const out = path.join(dir, 'reports');
    await writeFile(path.join(dir, 'login-code.md'), card('#sign-in'));
    const res = await cardcheck(
      [
        'run',
        'login-code.md',
        '--browser',
        '--browser-step-timeout',
        '1500',
        '--trace',
        'on',
        '--target',
        site.origin,
        '--reporter',
        'console,json,junit,html',
        '--out',
        out,
      ],
      { cwd: dir, env: { CARDCHECK_CHROMIUM: CHROMIUM, APP_USER: 'ada', APP_PASSWORD: PASSWORD, TMPDIR: dir } },
    );
    expect(res.code, res.stderr).toBe(2);
    expect(res.stdout).toContain(`browser: ${CHROMIUM} (CARDCHECK_CHROMIUM)`);
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as {
      browser: { executablePath: string; source: string };
      cards: { outcome: string; reason: string; browserArtefacts?: { screenshot?: string; traces?: string[] } }[];
    };
    expect(results.browser).toEqual({ executablePath: CHROMIUM, source: 'CARDCHECK_CHROMIUM' });
    const errored = results.cards[0];
    expect(errored?.outcome).toBe('errored');
    expect(errored?.reason).toBe(
      `browser flow, step 3 of 3 (click "#sign-in"): no element matches "#sign-in" (waited 1500 ms), on ${site.origin}/login?session_token=[redacted] (login-code.md:11)`,
    );
    expect(res.stdout).toContain('step 3 of 3 (click "#sign-in"): no element matches "#sign-in"');

    // The screenshot: a PNG under the reports folder, named for the card file and the step, linked by both reports.
    expect(errored?.browserArtefacts?.screenshot).toBe('browser/login-code-step3.png');
    const png = await readFile(path.join(out, 'browser/login-code-step3.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const html = await readFile(path.join(out, 'index.html'), 'utf8').catch(async () => {
      const name = (await readdir(out)).find((f) => f.endsWith('.html'));
      return readFile(path.join(out, name ?? 'missing.html'), 'utf8');
    });
    expect(html).toContain('<a href="browser/login-code-step3.png">screenshot</a>');

    // --trace on: the traces of the flow, with the fills left out.
    const traces = errored?.browserArtefacts?.traces ?? [];
    expect(traces.length).toBeGreaterThan(0);
    const files = await filesUnder(out);
    const unzipped = files.flatMap(([name, bytes]) =>
      name.endsWith('.zip') ? [...readZip(bytes)].map(([entry, b]): [string, Buffer] => [`${name}!${entry}`, b]) : [],
    );
    expect(unzipped.some(([name, b]) => name.endsWith('.trace') && b.includes('#sign-in'))).toBe(true);

    // No trace of the password or the query's session token, in any encoding, anywhere.
    const outputs: [string, Buffer][] = [
      ['stdout', Buffer.from(res.stdout)],
      ['stderr', Buffer.from(res.stderr)],
      ...files,
      ...unzipped,
    ];
    const secrets = [PASSWORD, SESSION].flatMap((s) =>
      Object.entries(encodings(s)).map(([how, v]) => [how, v] as const),
    );
    const hits = outputs.flatMap(([name, bytes]) =>
      secrets.filter(([, v]) => bytes.includes(v)).map(([how, v]) => `${name}: ${how} ${v.slice(0, 6)}…`),
    );
    expect(hits).toEqual([]);
  }, 60_000);

  it("that reaches no redirect names the wait and the page, within the whole flow's --timeout", async () => {
    const dir = await tempDir('cardcheck-browser-failure-');
    await writeFile(path.join(dir, 'login-code.md'), card('#allow'));
    const args = ['run', 'login-code.md', '--browser', '--timeout', '3000', '--target', site.origin, '--out', dir];
    const res = await cardcheck(args, {
      cwd: dir,
      env: { CARDCHECK_CHROMIUM: CHROMIUM, APP_USER: 'ada', APP_PASSWORD: PASSWORD, TMPDIR: dir },
    });
    expect(res.code, res.stderr).toBe(2);
    const results = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as {
      cards: { reason: string; browserArtefacts?: { screenshot?: string; traces?: string[] } }[];
    };
    expect(results.cards[0]?.reason).toBe(
      `browser flow, waiting for the redirect to https://example.com/cb: the browser was not sent to https://example.com/cb within the flow's 3000 ms, on ${site.origin}/consent (login-code.md:11)`,
    );
    // No --trace on: a screenshot only.
    expect(results.cards[0]?.browserArtefacts).toEqual({ screenshot: 'browser/login-code-redirect.png' });
    const hits = (await filesUnder(dir)).filter(([, b]) => b.includes(PASSWORD)).map(([n]) => n);
    expect(hits).toEqual([]);
  }, 60_000);
});
