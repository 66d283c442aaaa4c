import { mkdtempSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Folders made by tempDir in this test file, removed when it ends (test/support/remove-temp-dirs.ts). */
const made = new Set<string>();

/** A fresh folder in the system temp dir (`<prefix>XXXXXX`), removed after the test file. */
export async function tempDir(prefix = 'cardcheck-test-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** tempDir for synchronous callers. */
export function tempDirSync(prefix = 'cardcheck-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Remove every folder tempDir made in this test file. */
export async function removeTempDirs(): Promise<void> {
  const dirs = [...made];
  made.clear();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true, maxRetries: 3 })));
}
