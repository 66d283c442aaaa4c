import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JsonObject, JsonValue } from '../core/json.js';
import type { CardResult } from '../core/result.js';
import { cardStatus } from '../execute/coverage.js';
import { recordedKey } from '../verify/drift.js';
import { schemaFromExample } from '../verify/example-schema.js';

/** Where `--update-schemas` writes and drift checks read: `<dir>/<api>/<card-id>.<status>.json`. */
export const RECORDED_DIR = 'fixtures/schemas/recorded';

/** Every recorded shape under `dir`, keyed by `api/card-id.status`. */
export async function loadRecordedShapes(dir: string): Promise<Map<string, JsonObject>> {
  const shapes = new Map<string, JsonObject>();
  const apis = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const api of apis.filter((d) => d.isDirectory())) {
    for (const f of await readdir(path.join(dir, api.name))) {
      if (!f.endsWith('.json')) continue;
      try {
        shapes.set(
          `${api.name}/${f.slice(0, -5)}`,
          JSON.parse(await readFile(path.join(dir, api.name, f), 'utf8')) as JsonObject,
        );
      } catch {
        // An unreadable recording is ignored; the next --update-schemas rewrites it.
      }
    }
  }
  return shapes;
}

/** Record the response shape (never values) of each passing card. Returns the files written. */
export async function recordShapes(
  cards: CardResult[],
  bodies: ReadonlyMap<string, unknown>,
  dir: string,
): Promise<string[]> {
  const written: string[] = [];
  for (const c of cards) {
    const status = cardStatus(c);
    const body = bodies.get(c.file);
    if (c.outcome !== 'passed' || status === undefined || body === undefined) continue;
    const file = path.join(dir, `${recordedKey(c.api, c.id, status)}.json`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(schemaFromExample(body as JsonValue), null, 2)}\n`);
    written.push(file);
  }
  return written;
}
