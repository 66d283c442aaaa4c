import type { Document, Node, Pair } from 'yaml';
import { isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Placeholder } from '../core/card.js';
import type { Diagnostic, SourcePos } from '../core/diagnostic.js';
import type { JsonValue } from '../core/json.js';
import { SourceFile } from '../core/source.js';
import { aliasBomb, yamlErrorText } from '../util/yaml-bounds.js';

/**
 * A ```yaml block of a card (author D's dialect), parsed by `yaml` with every
 * position counted in the card: the fence content starts at `contentLine`.
 * Shared by the YAML request, step and assertion readers.
 */
export interface YamlBlock {
  doc: Document.Parsed;
  source: SourceFile;
  file: string;
}

/** A ```yaml or ```yml fence. */
export const isYamlLang = (lang: string) => /^ya?ml$/i.test(lang.trim());

/** The block parsed, or the first YAML error, located (rule `invalid-yaml`). Never throws. */
export function parseYamlBlock(
  content: string,
  contentLine: number,
  file: string,
  what: string,
): { block?: YamlBlock; diagnostic?: Diagnostic } {
  const source = new SourceFile(file, content, { line: contentLine, column: 1 });
  const doc = parseDocument(content, { schema: 'core', prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  const bomb = first ? undefined : aliasBomb(doc);
  if (bomb) {
    const message = `${what} is refused: ${bomb.message}`;
    const hint = 'Write the values out, or use each anchor a few times.';
    return {
      diagnostic: { ruleId: 'invalid-yaml', severity: 'error', file, ...at(source, bomb.offset), message, hint },
    };
  }
  if (!first) return { block: { doc, source, file } };
  const message = `${what} is not valid YAML: ${yamlErrorText(first.message)}`;
  const hint = 'Fix the YAML at this position: `key: value` per line, nested keys indented, lists as `- item`.';
  return {
    diagnostic: { ruleId: 'invalid-yaml', severity: 'error', file, ...at(source, first.pos[0]), message, hint },
  };
}

function at(source: SourceFile, offset: number): SourcePos {
  return source.positionAt(Math.min(offset, source.text.length));
}

/** Where a node (or a pair's key) starts in the card. */
export function posOf(block: YamlBlock, node: unknown): SourcePos {
  const range = (node as Node | null | undefined)?.range;
  return at(block.source, range?.[0] ?? 0);
}

/** The node an alias points at; anything else as is. */
export function deref(block: YamlBlock, node: unknown): unknown {
  return isAlias(node) ? node.resolve(block.doc) : node;
}

/** The entries of a map, keys as strings, each with its pair (for the key's position). */
export function entries(block: YamlBlock, node: unknown): { key: string; value: unknown; pair: Pair }[] {
  const map = deref(block, node);
  if (!isMap(map)) return [];
  return map.items.map((pair) => ({
    key: isScalar(pair.key) ? String(pair.key.value) : String(pair.key),
    value: deref(block, pair.value),
    pair,
  }));
}

/** `${{ env.X }}`, `${{ vars.x }}`, and the house `{{x}}` / `<<x>>`. */
const PLACEHOLDER = /\$\{\{\s*([^{}]*?)\s*\}\}|\{\{\s*([^{}]*?)\s*\}\}|<<\s*([A-Za-z_][\w.\-[\]]*)\s*>>/g;

/** `vars.x` (a saved value) is the house `resolved.x`; `env.X` and the house expressions stay. */
export const houseExpr = (expr: string) => expr.replace(/^vars\./, 'resolved.');

/**
 * A string as the house writes it (`${{ env.X }}` → `{{env.X}}`, `${{ vars.x }}` → `{{resolved.x}}`), with
 * each placeholder located where it is written in the card and its `raw` as written. `node` is the scalar.
 */
export function houseString(
  block: YamlBlock,
  node: unknown,
  text: string,
): { text: string; placeholders: Placeholder[] } {
  if (!text.includes('{{') && !text.includes('<<')) return { text, placeholders: [] };
  const range = (node as Node | null | undefined)?.range;
  const start = range?.[0] ?? 0;
  const written = [...block.source.text.slice(start, range?.[1] ?? start).matchAll(PLACEHOLDER)];
  const placeholders: Placeholder[] = [];
  let i = 0;
  const out = text.replace(PLACEHOLDER, (raw: string, d?: string, house?: string, angle?: string) => {
    const expr = d !== undefined ? houseExpr(d) : (house ?? angle ?? '');
    const seen = written[i++];
    // Where the scalar writes it (escapes in a quoted scalar can move it: then at the scalar).
    const offset = seen?.[0] === raw ? start + seen.index : start;
    placeholders.push({ expr, raw, ...at(block.source, offset) });
    return d !== undefined ? `{{${expr}}}` : raw;
  });
  return { text: out, placeholders };
}

/** A YAML value as JSON, strings in the house form; their placeholders are added to `placeholders`. */
export function toJson(block: YamlBlock, node: unknown, placeholders: Placeholder[]): JsonValue {
  const n = deref(block, node);
  if (isMap(n)) {
    const out: Record<string, JsonValue> = {};
    for (const { key, value } of entries(block, n))
      Object.defineProperty(out, key, {
        value: toJson(block, value, placeholders),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  if (isSeq(n)) return n.items.map((item) => toJson(block, item, placeholders));
  const v: unknown = isScalar(n) ? n.value : null;
  if (typeof v === 'string') {
    const s = houseString(block, n, v);
    placeholders.push(...s.placeholders);
    return s.text;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return typeof v === 'boolean' ? v : null;
}

/** A scalar as text (numbers and booleans written out), in the house form; undefined for a map, list or null. */
export function scalarText(block: YamlBlock, node: unknown): { text: string; placeholders: Placeholder[] } | undefined {
  const n = deref(block, node);
  if (!isScalar(n) || n.value === null || typeof n.value === 'object') return undefined;
  return houseString(block, n, String(n.value));
}

/**
 * A JSONPath as authors write it (`$.a.b[0].c`, `$['a-b']`, `$`) as the house dot path (`a.b[0].c`, `a-b`, ``);
 * a house dot path stays. Undefined for what a dot path cannot say (`..`, `*`, filters, slices).
 */
export function dotPath(path: string): string | undefined {
  const p = path.trim();
  if (/^[A-Za-z_][\w-]*(?:\[\d+\])*(?:\.[\w-]+(?:\[\d+\])*)*$/.test(p)) return p;
  if (!p.startsWith('$')) return undefined;
  let out = '';
  const step = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[(['"])([^'".[\]]+)\3\]/y;
  for (let i = 1; i < p.length; i = step.lastIndex) {
    step.lastIndex = i;
    const m = step.exec(p);
    if (!m) return undefined;
    out += m[2] !== undefined ? `[${m[2]}]` : `.${m[1] ?? m[4]}`;
  }
  return out.replace(/^\./, '');
}
