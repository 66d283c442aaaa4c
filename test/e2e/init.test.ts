import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cardcheck } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

/** `cardcheck init` against a loopback API: what it writes, that the first card passes, and that it is idempotent. */

const OPENAPI = {
  openapi: '3.0.3',
  info: { title: 'Shop', version: '1' },
  paths: {
    '/items/{id}': { get: { operationId: 'getItem', responses: { 200: { description: 'ok' } } } },
    '/search': {
      get: { parameters: [{ name: 'q', in: 'query', required: true }], responses: { 200: { description: 'ok' } } },
    },
    '/items': { post: { responses: { 201: { description: 'made' } } }, get: { summary: 'List items' } },
  },
};

let server: Server;
let base: string;
const seen: { url: string; auth?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization });
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/v1/openapi.json') return json(200, OPENAPI);
    if (req.url === '/v1/items') return json(200, [{ id: 1 }]);
    if (req.url === '/v1/health') return json(200, { ok: true });
    if (req.url === '/v1/private')
      return req.headers.authorization === 'Bearer tok-123' ? json(200, { me: 1 }) : json(401, { error: 'no' });
    return json(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Every file of a folder, path → bytes (reports/ and .cardcheck/ left out). */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (rel: string) => {
    for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.posix.join(rel, e.name);
      if (r === 'reports' || r === '.cardcheck') continue;
      if (e.isDirectory()) await walk(r);
      else out.set(r, await readFile(path.join(dir, r), 'utf8'));
    }
  };
  await walk('');
  return out;
}

describe('cardcheck init', () => {
  it('writes a config, .env.example, .gitignore entries and a first card that passes against the API', async () => {
    const dir = await tempDir('cardcheck-init-');
    await writeFile(path.join(dir, '.gitignore'), 'node_modules/\nreports\n');
    const init = await cardcheck(['init', '--base-url', base, '--yes'], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('specs/get-items.md');
    expect(init.stdout).toMatch(/^ {2}npx cardcheck run +runs specs\/get-items\.md$/m);
    expect(init.stdout).toContain(
      'first card: GET /items, from the first GET without parameters of the OpenAPI document at /openapi.json; expects 200',
    );
    const config = await readFile(path.join(dir, 'cardcheck.config.yaml'), 'utf8');
    expect(config.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./node_modules/cardcheck/schemas/config.schema.json',
    );
    expect(config).toContain(`api: "${base}"`);
    // Existing lines are not repeated; the missing ones are appended once.
    expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toBe(
      'node_modules/\nreports\n\n# cardcheck: local state, reports and secrets\n.cardcheck/\n.env\n',
    );
    expect(await readFile(path.join(dir, 'specs/get-items.md'), 'utf8')).toMatch(
      /endpoint: GET \/items\n[\s\S]*"type": "array"/,
    );

    const run = await cardcheck(['run'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/✓ passed {2}GET \/items {2}.+ {2}specs\/get-items\.md/);
    const lint = await cardcheck(['lint'], { cwd: dir });
    expect(lint.stdout).toContain('1 card checked: 0 errors, 0 warnings');

    // A second init changes no byte; --force rewrites what init writes.
    const before = await snapshot(dir);
    const again = await cardcheck(['init', '--base-url', base, '--yes'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      'cardcheck init: cardcheck.config.yaml, .env.example already exist; nothing changed (pass --force to rewrite what init writes)',
    );
    expect(await snapshot(dir)).toEqual(before);
    await writeFile(path.join(dir, 'specs/get-items.md'), 'edited\n');
    await writeFile(path.join(dir, 'cardcheck.config.yaml'), 'edited: true\n');
    const forced = await cardcheck(['init', '--base-url', base, '--yes', '--force'], { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/cardcheck\.config\.yaml +rewritten/);
    expect(forced.stdout).toMatch(/\.gitignore +unchanged/);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('--path and --auth bearer: the card calls the path with the profile; .env.example names the variable, no value', async () => {
    const dir = await tempDir('cardcheck-init-');
    const init = await cardcheck(['init', '--url', base, '--auth', 'bearer', '--path', '/private', '--yes'], {
      cwd: dir,
    });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain(
      'expects 200\n  note: it answered 401 without credentials; the card expects 200 with them',
    );
    expect(init.stdout).toContain('put API_TOKEN in .env');
    expect(await readFile(path.join(dir, '.env.example'), 'utf8')).toMatch(/^API_TOKEN=$/m);
    const config = await readFile(path.join(dir, 'cardcheck.config.yaml'), 'utf8');
    expect(config).toContain('    type: bearer\n    token: "{{env.API_TOKEN}}"');
    // A GitHub Actions workflow: the cards in shards (--shard auto), the token from a repository secret, never a value.
    const workflow = parse(await readFile(path.join(dir, '.github/workflows/cardcheck.yml'), 'utf8')) as {
      jobs: Record<string, { steps: { run?: string; env?: Record<string, string> }[] }>;
    };
    const shardRun = workflow.jobs.shard?.steps.find((st) => st.run?.includes('cardcheck run'));
    expect(shardRun?.run).toContain('--shard auto');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub's expression syntax, not a template
    expect(shardRun?.env?.API_TOKEN).toBe('${{ secrets.API_TOKEN }}');
    expect(workflow.jobs.merge?.steps.some((st) => st.run?.includes('cardcheck merge-reports'))).toBe(true);
    expect(init.stdout).toMatch(/\.github\/workflows\/cardcheck\.yml/);
    // From a subfolder, with the token in the .env beside the config.
    await writeFile(path.join(dir, '.env'), 'API_TOKEN=tok-123\n');
    const run = await cardcheck(['run'], { cwd: path.join(dir, 'specs') });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout + run.stderr).not.toContain('tok-123');
    expect(seen.some((s) => s.url === '/v1/private' && s.auth === 'Bearer tok-123')).toBe(true);
  });

  it('--openapi FILE takes its first safe GET; no such GET, a bad URL or no URL without a terminal: exit 2 with what to do', async () => {
    const dir = await tempDir('cardcheck-init-');
    await mkdir(path.join(dir, 'docs'));
    await writeFile(
      path.join(dir, 'docs/api.yaml'),
      'openapi: 3.0.0\ninfo: { title: t, version: "1" }\npaths:\n  /health:\n    get:\n      summary: Health\n',
    );
    const ok = await cardcheck(['init', '--base-url', base, '--openapi', 'docs/api.yaml', '--yes'], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('first card: GET /health, from the first GET without parameters of docs/api.yaml');
    expect((await cardcheck(['run'], { cwd: dir })).code).toBe(0);

    const other = await tempDir('cardcheck-init-');
    await writeFile(path.join(other, 'none.yaml'), 'openapi: 3.0.0\npaths:\n  /x/{id}:\n    get: {}\n');
    const none = await cardcheck(['init', '--base-url', base, '--openapi', 'none.yaml', '--yes'], { cwd: other });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      'cardcheck init: --openapi none.yaml: no GET without parameters in it (or it is not an OpenAPI document); give --path /some/get',
    );
    const badUrl = await cardcheck(['init', '--base-url', 'ftp://x', '--yes'], { cwd: other });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('--base-url ftp://x: give the http(s) base URL of your API');
    const noUrl = await cardcheck(['init'], { cwd: other });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('init needs the base URL of your API: pass --base-url');
    expect(await readdir(other)).toEqual(['none.yaml']);
  });
});
