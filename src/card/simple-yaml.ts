/**
 * A fast path for the front-matter nearly every card has: one `key: value`
 * per line, values that are plain words, sentences, dates, small integers,
 * quoted strings without escapes, or a one-line `[a, b]` list.
 *
 * It returns exactly what `yaml`'s parseDocument (core schema) + toJS would,
 * or `undefined` as soon as it meets anything else (indentation, anchors,
 * tags, block scalars, escapes, duplicate keys, `null`/`true`/float-looking
 * words…), and the caller then parses with `yaml`. A fuzz test compares the
 * two on generated front-matter. Parsing with `yaml` costs about 50 µs per
 * card, most of the parse time of a typical card.
 */

export interface SimpleYamlResult {
  record: Record<string, unknown>;
  /** 1-based line of each key in `text`. */
  keyLines: Record<string, number>;
}

/** Short plain keys (YAML limits implicit keys to 1024 characters). */
const KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/;
/** Words the core schema reads as null or a boolean. */
const KEYWORD = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
/** Anything the core schema might read as a number (ints, floats, .inf, .nan). */
const NUMBERISH = /^[-+.0-9]/;
const DECIMAL = /^[0-9]+$/;
/** Printable characters that need no escaping in YAML; no tabs, no BOM, no surrogates. */
const PRINTABLE = /^[\x20-\x7e\u00a0-\ud7ff\ue000-\ufefe\uff00-\ufffd]*$/;
/** A plain scalar's first character must not be a YAML indicator. */
const PLAIN_START = /^[A-Za-z0-9_/(]/;

/** A plain (unquoted) scalar in block context, resolved by the core schema; undefined when unsure. */
function plainScalar(v: string, inFlow: boolean): unknown {
  if (v === '' || !PRINTABLE.test(v) || v !== v.trim()) return undefined;
  if (v.includes(': ') || v.includes(' #') || v.endsWith(':')) return undefined;
  if (inFlow && /[[\]{},:#"']/.test(v)) return undefined;
  if (KEYWORD.test(v)) return undefined;
  if (NUMBERISH.test(v)) {
    if (DECIMAL.test(v)) return parseInt(v, 10);
    if (/^[0-9][0-9A-Za-z]*$/.test(v) || /^[-+.0-9][-+.0-9eE]*$/.test(v)) return undefined;
  }
  if (!PLAIN_START.test(v)) return undefined;
  return v;
}

/** `"text"` or `'text'` with nothing to unescape. */
function quotedScalar(v: string): string | undefined {
  const q = v[0];
  if ((q !== '"' && q !== "'") || v.length < 2 || v[v.length - 1] !== q) return undefined;
  const inner = v.slice(1, -1);
  if (inner.includes(q) || inner.includes('\\') || !PRINTABLE.test(inner)) return undefined;
  return inner;
}

function value(v: string): { ok: true; value: unknown } | undefined {
  if (v.startsWith('[')) {
    if (!v.endsWith(']')) return undefined;
    const inner = v.slice(1, -1).trim();
    if (inner === '') return { ok: true, value: [] };
    const items: unknown[] = [];
    for (const raw of inner.split(',')) {
      const item = plainScalar(raw.trim(), true);
      if (item === undefined) return undefined;
      items.push(item);
    }
    return { ok: true, value: items };
  }
  const quoted = quotedScalar(v);
  if (quoted !== undefined) return { ok: true, value: quoted };
  const plain = plainScalar(v, false);
  return plain === undefined ? undefined : { ok: true, value: plain };
}

/** Parse simple front-matter; undefined means "use the full YAML parser". */
export function parseSimpleYaml(text: string): SimpleYamlResult | undefined {
  const record: Record<string, unknown> = {};
  const keyLines: Record<string, number> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      if (line.includes('\t')) return undefined;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    const key = line.slice(0, colon);
    if (!KEY.test(key) || KEYWORD.test(key) || key === '__proto__' || key in keyLines) return undefined;
    const after = line.slice(colon + 1);
    if (after[0] !== ' ') return undefined;
    const parsed = value(after.trim());
    if (!parsed || after.trimEnd() !== after) return undefined;
    record[key] = parsed.value;
    keyLines[key] = i + 1;
  }
  return { record, keyLines };
}
