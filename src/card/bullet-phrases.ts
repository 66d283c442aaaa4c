import type { Assertion, Placeholder } from '../core/card.js';
import type { JsonValue } from '../core/json.js';
import { findPlaceholders } from './placeholders.js';

/**
 * The pieces every expectation form shares (bullets, quantified bullets,
 * Contract tables, rule lists): a body path as authors write it, a value as
 * written, and the comparison phrases (`is`, `= `, `is a string`…).
 */

/** An assertion read from text, with the placeholders its value holds. */
export interface PhraseReading {
  assertion: Omit<Assertion, 'line' | 'column'>;
  placeholders: Placeholder[];
}

export const TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'];

/** A body path as authors write it: `body.x`, `$.x`, `body`, or a bare `x.y` (in backticks or not). */
export function bodyPath(subject: string): string | undefined {
  const s = subject.replace(/^`|`$/g, '');
  if (/^(body|\$)$/.test(s)) return '';
  const m = /^(?:body|\$)\.(.+)$/.exec(s) ?? /^([A-Za-z_][\w-]*(?:\[\d+\])*(?:\.[\w-]+(?:\[\d+\])*)*)$/.exec(s);
  return m?.[1];
}

/** A value as written: quoted or backticked text, JSON, `$NAME` from the environment, else the bare text. */
export function readValue(
  raw: string,
  line: number,
  column: number,
): { value: JsonValue; placeholders: Placeholder[] } {
  const text = raw
    .replace(/\s+\([^)]*\)\s*$/, '')
    .replace(/\.$/, '')
    .trim();
  const env = /^\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))$/.exec(text);
  if (env) {
    const expr = `env.${env[1] ?? env[2]}`;
    return { value: `{{${expr}}}`, placeholders: [{ expr, raw: text, line, column }] };
  }
  const quoted = /^(["'`])(.*)\1$/.exec(text);
  const inner = quoted ? (quoted[2] ?? '') : text;
  // `{{resolved.id}}` and `<<app.data.id>>` are filled in when the response is checked.
  const placeholders = findPlaceholders(inner, line, column + (quoted ? 1 : 0));
  if (quoted?.[1] === '"' || quoted?.[1] === "'" || placeholders.length) return { value: inner, placeholders };
  try {
    return { value: JSON.parse(inner) as JsonValue, placeholders };
  } catch {
    return { value: inner, placeholders };
  }
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The operator phrases, longest first, each with the assertion it makes of a value. */
const PHRASES: [RegExp, (v: JsonValue) => Pick<Assertion, 'op' | 'value'> | undefined][] = [
  [
    /^is one of\s+(.+)$/i,
    (v) => ({ op: 'oneOf', value: Array.isArray(v) ? v : String(v).split(/\s*,\s*(?:or\s+)?|\s+or\s+/) }),
  ],
  [/^is an? (\w+)$/i, (v) => (TYPES.includes(String(v)) ? { op: 'type', value: String(v) } : undefined)],
  [/^(?:is not|!=|does not equal)\s+(.+)$/i, (v) => ({ op: 'notEquals', value: v })],
  [/^(?:is greater than|>)\s+(.+)$/i, (v) => (typeof v === 'number' ? { op: 'greaterThan', value: v } : undefined)],
  [/^(?:is less than|<)\s+(.+)$/i, (v) => (typeof v === 'number' ? { op: 'lessThan', value: v } : undefined)],
  [/^starts with\s+(.+)$/i, (v) => ({ op: 'matches', value: `^${escapeRegExp(String(v))}` })],
  [/^contains\s+(.+)$/i, (v) => ({ op: 'contains', value: v })],
  [/^matches\s+\/(.+)\/$/i, (v) => ({ op: 'matches', value: String(v) })],
  [/^(?:is equal to|equal to|equals|is|==?|:)\s+(.+)$/i, (v) => ({ op: 'equals', value: v })],
];

/** `exists`, `is present`, `is absent`, `is missing`: presence only. */
function presence(rest: string): boolean | undefined {
  if (/^(exists|is present|is set)$/i.test(rest)) return true;
  if (/^(is absent|is missing|is not present|does not exist)$/i.test(rest)) return false;
  return undefined;
}

/**
 * What `rest` (the text after the subject: `is a string`, `= 3`, `exists`)
 * asserts of `target`; `at` is where `rest` ends minus its length, i.e. where
 * a value at its end starts is `at.column + rest.length - value.length`.
 */
export function assertionOf(
  target: Assertion['target'],
  rest: string,
  at: { line: number; column: number },
): PhraseReading | undefined {
  const present = presence(rest);
  if (present !== undefined) return { assertion: { target, op: 'exists', value: present }, placeholders: [] };
  for (const [re, make] of PHRASES) {
    const m = re.exec(rest);
    if (!m) continue;
    const raw = m[1] ?? '';
    const column = at.column + rest.length - raw.length;
    const { value, placeholders } = re.source.includes('matches')
      ? { value: raw, placeholders: [] }
      : readValue(raw, at.line, column);
    const made = make(value);
    return made ? { assertion: { target, ...made }, placeholders } : undefined;
  }
  return undefined;
}

/**
 * A field as a Contract table or rule list names it: a body path (`data.id`),
 * or a path into every item of a list (`data[].client_id`, `data[]` for the
 * items themselves); undefined for anything else (two `[]`, spaces…).
 */
export function fieldPath(field: string): { path: string; each?: Assertion['each'] } | undefined {
  const parts = field.replace(/^`|`$/g, '').split('[]');
  if (parts.length > 2) return undefined;
  const [list = '', rest = ''] = parts;
  if (parts.length === 1) {
    const path = bodyPath(list);
    return path === undefined ? undefined : { path };
  }
  const listPath = bodyPath(list);
  const itemPath = rest === '' ? '' : rest.startsWith('.') ? bodyPath(rest.slice(1)) : undefined;
  if (listPath === undefined || itemPath === undefined) return undefined;
  return { path: itemPath, each: { quantifier: 'every', path: listPath } };
}
