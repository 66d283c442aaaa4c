import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Poll `cond` every 10 ms until it holds; after `tries` polls (default 10 s), fail naming `what` it waited for. */
export async function until(cond: () => boolean, what: string, tries = 1000): Promise<void> {
  for (let i = 0; i < tries && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
}

/** Every file under `dir` (none when it does not exist), with its bytes as latin1 text, for byte scans. */
export function filesUnder(dir: string): { file: string; text: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => {
      const file = path.join(d.parentPath, d.name);
      return { file, text: readFileSync(file, 'latin1') };
    });
}
