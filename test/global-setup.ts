import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
/** Folders of the repository a run of cardcheck writes into (its default --out, its cleanup journals). */
const WATCHED = ['reports', '.cardcheck'];
/** What the tests leave there on purpose: vitest's JSON report and the HTML report's screenshot. */
const KEPT = new Set(['reports/vitest.json', 'reports/html-report.png']);

/** Every file under the watched folders, with its modification time. */
function repoFiles(): Map<string, number> {
  const files = new Map<string, number>();
  const walk = (rel: string) => {
    const full = path.join(ROOT, rel);
    if (!existsSync(full)) return;
    if (!statSync(full).isDirectory()) return void files.set(rel, statSync(full).mtimeMs);
    for (const name of readdirSync(full)) walk(path.posix.join(rel, name));
  };
  for (const dir of WATCHED) walk(dir);
  return files;
}

/** Remove the empty folders under dir, and dir itself when it ends up empty. */
function removeEmptyFolders(dir: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
  for (const name of readdirSync(dir)) removeEmptyFolders(path.join(dir, name));
  if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
}

/**
 * End-to-end tests run the built CLI, so build once before any test.
 *
 * Every temp file of the run (the tests', the CLI's they spawn, Chromium's)
 * goes into one private TMPDIR, so other programs' temp files do not count.
 * At the end, whatever is left there, and any file the tests wrote into the
 * repository's reports/ or .cardcheck/, fails the run by name (and is removed).
 */
export default function setup(): () => void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
  // Debian's chromium and xmllint for the report tests, installed when missing (a failure is reported by those tests).
  spawnSync(process.execPath, ['scripts/ensure-test-tools.mjs'], { stdio: 'inherit' });

  const outerTmpdir = process.env.TMPDIR;
  const runTmp = mkdtempSync(path.join(tmpdir(), 'cardcheck-tests-'));
  process.env.TMPDIR = runTmp;
  const hadCardcheckDir = existsSync(path.join(ROOT, '.cardcheck'));
  const before = repoFiles();

  return () => {
    if (outerTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outerTmpdir;
    const leftInTmp = readdirSync(runTmp).map((name) => `${name} (in the temp dir)`);
    rmSync(runTmp, { recursive: true, force: true, maxRetries: 3 });
    const written = [...repoFiles()].filter(([f, mtime]) => !KEPT.has(f) && before.get(f) !== mtime).map(([f]) => f);
    for (const f of written) if (!before.has(f)) rmSync(path.join(ROOT, f), { force: true });
    if (!hadCardcheckDir) removeEmptyFolders(path.join(ROOT, '.cardcheck'));
    const left = [...leftInTmp, ...written.map((f) => `${f} (in the repository)`)];
    if (left.length === 0) return;
    process.exitCode = 1;
    throw new Error(
      `the tests left ${left.length} file(s) behind; remove what a test creates when it ends (test/support/temp-dir.ts), and write reports to a temp --out:\n  ${left.join('\n  ')}`,
    );
  };
}
