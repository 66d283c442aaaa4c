import type { JsonObject } from '../core/json.js';
import type { CheckResult } from '../core/result.js';

type Shape = JsonObject;

/** Key of a recorded shape: `<api>/<card-id>.<status>`. */
export const recordedKey = (api: string, id: string, status: number) => `${api || 'default'}/${id}.${status}`;

const typeOf = (s: Shape | undefined) => (s ? String(s.type ?? 'unknown') : 'missing');

/**
 * Compare the shape recorded by `--update-schemas` with the shape seen now.
 * A removed or retyped field fails; an added field is a warning.
 */
export function compareShapes(recorded: Shape, current: Shape, path = ''): CheckResult[] {
  const out: CheckResult[] = [];
  const where = path || '/';
  if (typeOf(recorded) !== typeOf(current)) {
    out.push({
      kind: 'drift',
      passed: false,
      path: where,
      expected: typeOf(recorded),
      actual: typeOf(current),
      message: `${where} changed type since it was recorded: was ${typeOf(recorded)}, now ${typeOf(current)}`,
    });
    return out;
  }
  if (recorded.type === 'object') {
    const was = (recorded.properties ?? {}) as Record<string, Shape>;
    const now = (current.properties ?? {}) as Record<string, Shape>;
    for (const [k, s] of Object.entries(was)) {
      const p = `${path}/${k}`;
      if (!(k in now))
        out.push({
          kind: 'drift',
          passed: false,
          path: p,
          expected: typeOf(s),
          actual: 'missing',
          message: `${p} was in the recorded response and is gone`,
        });
      else out.push(...compareShapes(s, now[k] as Shape, p));
    }
    for (const k of Object.keys(now)) {
      if (!(k in was))
        out.push({
          kind: 'drift',
          passed: true,
          warning: true,
          path: `${path}/${k}`,
          expected: 'absent',
          actual: typeOf(now[k]),
          message: `${path}/${k} is new since the recorded response`,
        });
    }
  } else if (recorded.type === 'array' && recorded.items && current.items) {
    out.push(...compareShapes(recorded.items as Shape, current.items as Shape, `${path}/0`));
  }
  return out;
}
