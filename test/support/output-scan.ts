import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where any of `secrets` shows in a run's stdout, stderr or the files of its reports folder: `name: abcdef…` for
 * each hit (the secret cut, so a failing test does not print it whole). Empty when none leaked.
 */
export async function secretHits(
  res: { stdout: string; stderr: string },
  out: string,
  secrets: readonly string[],
): Promise<string[]> {
  const outputs: [string, string][] = [
    ['stdout', res.stdout],
    ['stderr', res.stderr],
  ];
  for (const f of await readdir(out)) outputs.push([f, await readFile(path.join(out, f), 'utf8')]);
  return outputs.flatMap(([name, text]) =>
    secrets.filter((s) => text.includes(s)).map((s) => `${name}: ${s.slice(0, 6)}…`),
  );
}
