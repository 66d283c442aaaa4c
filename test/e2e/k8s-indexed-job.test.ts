import { spawn } from 'node:child_process';
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { k8sJob, k8sMergeJob, SHARDS_MOUNT } from '../../src/ci/k8s-job.js';
import { SHARD_SOURCES } from '../../src/ci/shard-env.js';
import type { RunResult } from '../../src/core/result.js';
import { ROOT } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';
import { filesUnder, until } from '../support/wait-files.js';

/**
 * The Indexed Job on one machine: each "pod" is a fresh copy of the image's
 * project (cards and config) with its index's folders of the volume where the
 * manifest mounts them (.cardcheck/ and reports/ as links into
 * volume/shard-<index>/), running the manifest's own script with the variables
 * the manifest and the Job controller set. The target is a loopback server that
 * counts what exists.
 */

/** A loopback API: POST /items makes one, DELETE /items/:id removes it; GET /hold waits while `held`. */
async function startItems() {
  const live = new Set<string>();
  const requests: string[] = [];
  let next = 0;
  let held = true;
  const waiting: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => {
      const reply = (status: number, body?: unknown) => {
        res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      const m = /^\/items\/([\w-]+)$/.exec(req.url ?? '');
      if (req.method === 'POST' && req.url === '/items') {
        const id = `item-${++next}`;
        live.add(id);
        return reply(201, { id });
      }
      if (req.method === 'DELETE' && m) return reply(live.delete(m[1] ?? '') ? 204 : 404);
      if (req.method === 'GET' && m) return live.has(m[1] ?? '') ? reply(200, { id: m[1] }) : reply(404);
      if (req.url === '/hold') return held ? void waiting.push(res) : reply(200, { id: 'hold' });
      reply(404);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    live,
    requests,
    release() {
      held = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const w of waiting) w.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const card = (title: string, requestPath: string) =>
  [
    '---',
    `endpoint: GET ${requestPath.replace('{{resolved.item}}', ':id')}`,
    '---',
    `# ${title}`,
    '## UID Resolution',
    '```json',
    JSON.stringify({
      item: {
        create: { method: 'POST', path: '/items', body: { name: 'cardcheck' } },
        extract_from: 'id',
        cleanup: { method: 'DELETE', path: '/items/{{resolved.item}}' },
      },
    }),
    '```',
    '## Request Template',
    '```json',
    JSON.stringify({ method: 'GET', path: requestPath }),
    '```',
    '## Expected Response',
    '```json',
    '{ "status": 200 }',
    '```',
  ].join('\n');

const SHARDS = 3;
const BIN = path.join(ROOT, 'dist/cli/main.js');
const NO_SHARD_ENV = Object.fromEntries(SHARD_SOURCES.flatMap((s) => [s.index, s.total]).map((v) => [v, '']));
const OPTIONS = { shards: SHARDS, image: 'cardcheck:test', target: 'items', volumeClaim: 'cardcheck-shards' };

let items: Awaited<ReturnType<typeof startItems>>;
let root: string;
let image: string;
let volume: string;
let bin: string;

beforeAll(async () => {
  items = await startItems();
  root = await tempDir('cc-k8s-');
  image = path.join(root, 'image');
  volume = path.join(root, 'volume');
  bin = path.join(root, 'bin');
  await mkdir(path.join(image, 'specs'), { recursive: true });
  for (let i = 1; i <= 6; i++)
    await writeFile(path.join(image, `specs/item-${i}.md`), card(`Item ${i}`, '/items/{{resolved.item}}'));
  await writeFile(path.join(image, 'specs/hold.md'), card('Held', '/hold'));
  await writeFile(
    path.join(image, 'cardcheck.config.yaml'),
    ['defaultTarget: items', 'targets:', '  items:', '    apis:', '      items: "{{env.ITEMS_ORIGIN}}"'].join('\n'),
  );
  // `cardcheck` on the pods' PATH, as the image has it.
  await mkdir(bin);
  await writeFile(path.join(bin, 'cardcheck'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, {
    mode: 0o755,
  });
});
afterAll(async () => {
  await items?.close();
});

/** A new pod for `index`: the image's files, and its volume folders where the manifest mounts them. */
async function pod(index: number, attempt: number): Promise<string> {
  const dir = path.join(root, `pod-${index}-${attempt}`);
  await cp(image, dir, { recursive: true });
  const job = k8sJob(OPTIONS);
  const [container] = job.spec.template.spec.containers;
  for (const m of container?.volumeMounts ?? []) {
    const onVolume = path.join(volume, m.subPathExpr.replace('$(JOB_COMPLETION_INDEX)', String(index)));
    await mkdir(onVolume, { recursive: true });
    await symlink(
      onVolume,
      path.join(dir, path.relative(job.spec.template.spec.containers[0]?.workingDir ?? '', m.mountPath)),
    );
  }
  return dir;
}

/** Start the manifest's script in a pod, with the env the manifest and the Job controller give it. */
function start(dir: string, index: number) {
  const [container] = k8sJob(OPTIONS).spec.template.spec.containers;
  const env: Record<string, string> = { ...NO_SHARD_ENV, ITEMS_ORIGIN: items.origin, NO_COLOR: '1' };
  for (const e of container?.env ?? []) env[e.name] = 'value' in e ? e.value : String(index);
  const child = spawn('sh', ['-c', container?.command?.[2] ?? 'false'], {
    cwd: dir,
    env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}` },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  let code: number | null | undefined;
  const done = new Promise<number | null>((resolve) =>
    child.on('close', (c) => {
      code = c;
      resolve(c);
    }),
  );
  return { child, done, output: () => output, exited: () => code !== undefined };
}

const verdicts = (r: RunResult) => r.cards.map((c) => `${c.outcome} ${c.file}`).sort();
const readResults = async (dir: string) =>
  JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as RunResult;

describe('the Kubernetes Indexed Job, on one machine', () => {
  it('3 indexed pods, one SIGKILLed mid-run and replaced: the replacement cleans up first, the merge equals the unsharded run, nothing is left', async () => {
    const pods = await Promise.all([0, 1, 2].map(async (i) => start(await pod(i, 1), i)));
    // Two pods finish; the third waits on GET /hold with its item created and journalled.
    await until(
      () => items.requests.includes('GET /hold') && pods.filter((p) => p.exited()).length === SHARDS - 1,
      'two pods done, one holding',
      3000,
    );
    const killed = pods.findIndex((p) => !p.exited());
    for (const p of pods.filter((p) => p.exited())) expect(await p.done, p.output()).toBe(0);
    const victim = pods[killed];
    victim?.child.kill('SIGKILL');
    await victim?.done;
    expect(items.live.size).toBe(1);
    expect(filesUnder(path.join(volume, `shard-${killed}/.cardcheck`))).toHaveLength(1);

    // The Job controller replaces the pod: same index, a fresh container, the same volume folders.
    items.release();
    const replacement = start(await pod(killed, 2), killed);
    expect(await replacement.done, replacement.output()).toBe(0);
    expect(replacement.output()).toMatch(/^cleaned {2}POST \/items {2}item-\d+ {2}\(specs\/hold\.md\)$/m);
    expect(replacement.output()).toContain(`--shard auto: shard ${killed + 1}/${SHARDS} from a Kubernetes Indexed Job`);

    // The merge Job's command, with the volume where the manifest mounts it.
    const [merger] = k8sMergeJob(OPTIONS).spec.template.spec.containers;
    const mergeScript = (merger?.command?.[2] ?? '').replaceAll(SHARDS_MOUNT, volume);
    const merged = spawn('sh', ['-c', mergeScript.replace('exec cardcheck', `exec "${process.execPath}" "${BIN}"`)], {
      cwd: image,
      env: { ...process.env, ...NO_SHARD_ENV, NO_COLOR: '1' },
      stdio: 'ignore',
    });
    expect(await new Promise((resolve) => merged.on('close', resolve))).toBe(0);

    // The same cards in one unsharded run.
    const unsharded = spawn(
      process.execPath,
      [BIN, 'run', 'specs', '--reporter', 'json', '--out', path.join(root, 'whole')],
      {
        cwd: image,
        env: { ...process.env, ...NO_SHARD_ENV, ITEMS_ORIGIN: items.origin, NO_COLOR: '1' },
        stdio: 'ignore',
      },
    );
    expect(await new Promise((resolve) => unsharded.on('close', resolve))).toBe(0);

    const mergedResult = await readResults(path.join(volume, 'merged'));
    const wholeResult = await readResults(path.join(root, 'whole'));
    expect(verdicts(mergedResult)).toEqual(verdicts(wholeResult));
    expect(mergedResult.summary.passed).toBe(7);
    expect(mergedResult.mergedFrom?.map((m) => `${m.index}/${m.total}`)).toEqual(['1/3', '2/3', '3/3']);
    // Nothing left on the target, and no journal on the volume.
    expect(items.live.size).toBe(0);
    for (let i = 0; i < SHARDS; i++) expect(filesUnder(path.join(volume, `shard-${i}/.cardcheck`))).toEqual([]);
  }, 60_000);
});
