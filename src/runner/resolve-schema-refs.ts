import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import { CardcheckError, isCardcheckError } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import type { LoadedCard } from '../plan/plan-run.js';
import { pointerSegment, valueAtPointer } from '../util/json-pointer.js';
import { isInside } from '../util/path-inside.js';

/** Files already read (by real path), and the folders a `$ref` may read from: the project's, or an outside card's own. */
interface RefContext {
  docs: Map<string, JsonValue>;
  roots: string[];
}

/** A file `$ref` that cannot be inlined; `details.pointer` is where, in the card's own schema, the `$ref` that led to it is. */
const refError = (message: string) => new CardcheckError('schema-ref', message);

function pointerInto(doc: JsonValue, pointer: string, ref: string): JsonValue {
  const found = valueAtPointer(doc, pointer, true);
  if (found === undefined) throw refError(`"${ref}": the file has nothing at ${pointer}`);
  return found as JsonValue;
}

/**
 * Inline `{ "$ref": "relative/file.json#/pointer" }` references to shared schema
 * files, relative to the file that holds them. Local refs (`#/…`) stay for ajv.
 */
async function inline(
  value: JsonValue,
  dir: string,
  stack: string[],
  cache: RefContext,
  pointer = '',
): Promise<JsonValue> {
  if (Array.isArray(value)) return Promise.all(value.map((v, i) => inline(v, dir, stack, cache, `${pointer}/${i}`)));
  if (!isJsonObject(value)) return value;
  const ref = value.$ref;
  if (typeof ref === 'string' && !ref.startsWith('#') && !/^[a-z]+:/i.test(ref)) {
    try {
      return await inlineRef(value, ref, dir, stack, cache, pointer);
    } catch (err) {
      // The card's own $ref is what the message points at, however deep in other files it broke.
      if (isCardcheckError(err, 'schema-ref') && stack.length === 1) err.details.pointer ??= pointer;
      throw err;
    }
  }
  return inlineEntries(value, dir, stack, cache, pointer);
}

async function inlineRef(
  value: { [k: string]: JsonValue },
  ref: string,
  dir: string,
  stack: string[],
  cache: RefContext,
  pointer: string,
): Promise<JsonValue> {
  const [file = '', fragment = ''] = ref.split('#');
  const abs = path.resolve(dir, file);
  if (stack.includes(abs))
    throw refError(
      `"${ref}" refers back to a file that refers to it (${[...stack, abs].map((s) => path.basename(s)).join(' → ')})`,
    );
  // Links followed: a schema file is read only from inside the project (or the outside card's own folder).
  const real = await realpath(abs).catch(() => abs);
  if (!cache.roots.some((root) => isInside(real, root)))
    throw refError(
      `"${ref}" points outside the project (${real}); cardcheck reads schema files only from inside it (${cache.roots[0]})`,
    );
  let doc = cache.docs.get(abs);
  if (doc === undefined) {
    let text: string;
    try {
      text = await readFile(abs, 'utf8');
    } catch {
      throw refError(
        `"${ref}": no such schema file (${path.relative(process.cwd(), abs).split(path.sep).join('/') || abs})`,
      );
    }
    try {
      doc = JSON.parse(text) as JsonValue;
    } catch (err) {
      throw refError(
        `"${ref}": the schema file is not valid JSON (${err instanceof Error ? err.message : String(err)})`,
      );
    }
    cache.docs.set(abs, doc);
  }
  const target = await inline(pointerInto(doc, fragment, ref), path.dirname(abs), [...stack, abs], cache);
  const { $ref: _ref, ...siblings } = value;
  if (Object.keys(siblings).length === 0) return target;
  const rest = await inlineEntries(siblings, dir, stack, cache, pointer);
  return { allOf: [target], ...(isJsonObject(rest) ? rest : {}) };
}

async function inlineEntries(
  obj: { [k: string]: JsonValue },
  dir: string,
  stack: string[],
  cache: RefContext,
  pointer: string,
): Promise<JsonValue> {
  const out: { [k: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(obj))
    out[k] = await inline(v, dir, stack, cache, `${pointer}/${pointerSegment(k)}`);
  return out;
}

/** Resolve file `$ref`s in each card's Expected Response schema; a broken ref is a located error. */
export async function resolveSchemaRefs(
  cards: LoadedCard[],
  cwd: string,
  root = cwd,
  docs = new Map<string, JsonValue>(),
): Promise<void> {
  let projectRoot: string | undefined;
  for (const c of cards) {
    const expect = c.card?.expect;
    // The parser lists every file $ref of the schema: without one there is nothing to inline.
    if (!expect?.schema || !expect.schemaRefs) continue;
    projectRoot ??= await realpath(root).catch(() => root);
    const abs = path.resolve(cwd, c.file);
    const own = path.dirname(await realpath(abs).catch(() => abs));
    // A card named on the command line from outside the project may read schemas beside it.
    const roots = isInside(own, projectRoot) ? [projectRoot] : [projectRoot, own];
    try {
      const resolved = await inline(expect.schema, path.dirname(abs), [abs], { docs, roots });
      if (isJsonObject(resolved)) expect.schema = resolved;
    } catch (err) {
      if (!isCardcheckError(err, 'schema-ref')) throw err;
      const at = expect.schemaRefs?.find((r) => r.pointer === err.details.pointer) ?? expect;
      const d: Diagnostic = {
        ruleId: 'invalid-schema-ref',
        severity: 'error',
        file: c.file,
        line: at.line,
        column: at.column,
        message: `the response schema's ${err.message}`,
        hint: 'A file $ref is relative to the card, e.g. "../../fixtures/schemas/token.json" or "…json#/definitions/error".',
      };
      c.diagnostics.push(d);
    }
  }
}
