import { readFile } from 'node:fs/promises';
import path from 'node:path';

export type TimingsRead = { ok: true; timings: Map<string, number> } | { ok: false; message: string };

/**
 * `--shard-timings FILE`: each card file's duration from an earlier run's
 * results.json (a shard's, or a merged one). Only `cards[].file` and
 * `cards[].durationMs` are read, so any results format that has them will do.
 */
export async function readShardTimings(cwd: string, file: string): Promise<TimingsRead> {
  const full = path.resolve(cwd, file);
  let data: unknown;
  try {
    data = JSON.parse(await readFile(full, 'utf8'));
  } catch (err) {
    const why =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : 'it is not a readable JSON file';
    return {
      ok: false,
      message: `--shard-timings ${file}: ${why}; give the results.json of an earlier run (merge-reports writes one for all shards)`,
    };
  }
  const cards = (data as { cards?: unknown })?.cards;
  if (!Array.isArray(cards))
    return { ok: false, message: `--shard-timings ${file}: not a cardcheck results.json (it has no "cards" list)` };
  const timings = new Map<string, number>();
  for (const c of cards as { file?: unknown; durationMs?: unknown }[])
    if (typeof c?.file === 'string' && typeof c.durationMs === 'number' && c.durationMs >= 0)
      timings.set(c.file, c.durationMs);
  return { ok: true, timings };
}
