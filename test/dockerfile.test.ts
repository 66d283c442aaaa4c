import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';

/**
 * The container image's Dockerfile, checked by its structure: there is no
 * Docker engine here to build it (the README says so).
 */

interface Instruction {
  /** 1-based line where it starts. */
  line: number;
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending: Instruction | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (pending && line.startsWith('#')) return;
    const body = line.endsWith('\\') ? line.slice(0, -1).trim() : line;
    if (pending) pending.args = `${pending.args} ${body}`.trim();
    else {
      const m = /^(\S+)\s*(.*)$/.exec(body);
      pending = { line: i + 1, keyword: (m?.[1] ?? '').toUpperCase(), args: m?.[2] ?? '' };
    }
    if (!line.endsWith('\\')) {
      out.push(pending);
      pending = undefined;
    }
  });
  return out;
}

const dockerfile = instructions(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
const dockerignore = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
  files: string[];
};
/** The instructions of the last stage: what the image is. */
const finalStage = dockerfile.slice(dockerfile.findLastIndex((i) => i.keyword === 'FROM'));
const where = (i: Instruction) => `Dockerfile:${i.line} ${i.keyword} ${i.args}`;

/** Names and sources that would carry a secret into the image. */
const SECRET_NAME = /token|secret|passw|api[_-]?key|auth|credential|private/i;

describe('Dockerfile', () => {
  it('builds on Node 20 on Debian bookworm-slim, pinned to a minor release (no floating tag)', () => {
    const froms = dockerfile.filter((i) => i.keyword === 'FROM');
    expect(froms.length).toBeGreaterThan(0);
    for (const from of froms)
      expect(from.args, where(from)).toMatch(/^node:20\.\d+(\.\d+)?-bookworm-slim(\s+AS\s+\w+)?$/i);
    expect(pkg.engines.node).toMatch(/^>=20\./);
  });

  it('runs as an unprivileged user, the CLI as its entry point', () => {
    const users = finalStage.filter((i) => i.keyword === 'USER');
    const user = users.at(-1);
    expect(user, 'the final stage sets USER').toBeDefined();
    expect(user?.args).not.toMatch(/^(root|0)(:|$)/);
    const entry = finalStage.filter((i) => i.keyword === 'ENTRYPOINT').at(-1);
    expect(entry && JSON.parse(entry.args)).toEqual(['cardcheck']);
    if (user && entry) expect(finalStage.indexOf(user)).toBeLessThan(finalStage.indexOf(entry));
  });

  it('installs the packed tarball, playwright-core at the version this repository tests, and Debian’s chromium', () => {
    const runs = finalStage.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(runs.some((r) => /apt-get install\b.*\bchromium\b/.test(r))).toBe(true);
    const install = runs.find((r) => /npm install --global/.test(r)) ?? '';
    expect(install).toContain('/tmp/cardcheck.tgz');
    expect(install).toContain(`playwright-core@${pkg.devDependencies['playwright-core']}`);
    // The sandbox's server packages stay out, as for any user who runs against their own API.
    expect(install).not.toMatch(/fastify|jose/);
  });

  it('copies into the build stage everything the package ships, from paths that exist', () => {
    const copies = dockerfile.filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'));
    const sources = copies.flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    for (const src of sources) expect(existsSync(path.join(ROOT, src)), `${src} exists`).toBe(true);
    // dist/ is built in the image (npm pack's prepack), from src/ and the tsconfigs.
    const needed = [...pkg.files.filter((f) => !f.startsWith('!') && f !== 'dist'), 'src', 'tsconfig.build.json'];
    for (const f of needed) expect(sources, f).toContain(f);
  });

  it('bakes in no secret: no ENV or ARG named for one, no .env or local state copied', () => {
    for (const i of dockerfile.filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG'))
      expect(i.args.split(/[\s=]/)[0], where(i)).not.toMatch(SECRET_NAME);
    for (const i of dockerfile.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')) {
      const sources = i.args
        .split(/\s+/)
        .filter((a) => !a.startsWith('--'))
        .slice(0, -1);
      for (const src of sources) {
        expect(src, `${where(i)}: names what it copies, not the whole context`).not.toMatch(/^\.\/?$/);
        expect(src, where(i)).not.toMatch(/(^|\/)(\.env|\.cardcheck|reports|node_modules)(\/|$|\.)/);
      }
    }
  });

  it('.dockerignore keeps .env, .cardcheck, reports and node_modules out of the build context', () => {
    for (const entry of ['**/.env', '**/.env.*', '.cardcheck', 'reports', 'node_modules', '.git'])
      expect(dockerignore).toContain(entry);
  });
});
