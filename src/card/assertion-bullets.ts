import type { Assertion, Placeholder } from '../core/card.js';
import type { JsonValue } from '../core/json.js';
import { findPlaceholders } from './placeholders.js';

/**
 * One expectation bullet, read: a status, or an assertion with the
 * placeholders its value holds; `undefined` when the bullet says something
 * this grammar does not read (the caller refuses it at its line).
 *
 *     status is 201 | status: 201 | status 201 or 200
 *     header Content-Type contains application/json | header X is V | header X starts with V | header X exists
 *     body.id is a number | body.error is "invalid_client" | `data.app_type` = `internal` (a comment)
 *     body.id is not 0 | body.error is one of invalid_client, invalid_grant | body.token_type matches /^Bearer$/i
 *     body.scope contains read | body.expires_in > 0 | body.id exists | body.refresh_token is absent
 *     body has no refresh_token | body.data has client_id
 */
export type BulletReading =
  | { kind: 'status'; status: number[] }
  | { kind: 'assertion'; assertion: Omit<Assertion, 'line' | 'column'>; placeholders: Placeholder[] };

const TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'];

/** `- ` / `* ` / `1. ` list item text, without the marker; undefined for a line that is not a list item. */
export function listItemText(line: string): { text: string; offset: number } | undefined {
  const m = /^(\s*(?:[-*+]|\d+[.)])\s+)(.*?)\s*$/.exec(line);
  return m ? { text: m[2] ?? '', offset: (m[1] ?? '').length } : undefined;
}

/** A body path as authors write it: `body.x`, `$.x`, `body`, or a bare `x.y` (in backticks or not). */
function bodyPath(subject: string): string | undefined {
  const s = subject.replace(/^`|`$/g, '');
  if (/^(body|\$)$/.test(s)) return '';
  const m = /^(?:body|\$)\.(.+)$/.exec(s) ?? /^([A-Za-z_][\w-]*(?:\[\d+\])*(?:\.[\w-]+(?:\[\d+\])*)*)$/.exec(s);
  return m?.[1];
}

/** A value as written: quoted or backticked text, JSON, `$NAME` from the environment, else the bare text. */
function readValue(raw: string, line: number, column: number): { value: JsonValue; placeholders: Placeholder[] } {
  const text = raw
    .replace(/\s+\([^)]*\)\s*$/, '')
    .replace(/\.$/, '')
    .trim();
  const env = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(text);
  if (env) {
    const expr = `env.${env[1]}`;
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

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
  [/^(?:is|equals|==?|:)\s+(.+)$/i, (v) => ({ op: 'equals', value: v })],
];

/** `exists`, `is present`, `is absent`, `is missing`: presence only. */
function presence(rest: string): boolean | undefined {
  if (/^(exists|is present|is set)$/i.test(rest)) return true;
  if (/^(is absent|is missing|is not present|does not exist)$/i.test(rest)) return false;
  return undefined;
}

function assertionOf(
  target: Assertion['target'],
  rest: string,
  at: { line: number; column: number },
): BulletReading | undefined {
  const present = presence(rest);
  if (present !== undefined)
    return { kind: 'assertion', assertion: { target, op: 'exists', value: present }, placeholders: [] };
  for (const [re, make] of PHRASES) {
    const m = re.exec(rest);
    if (!m) continue;
    const raw = m[1] ?? '';
    const column = at.column + rest.length - raw.length;
    const { value, placeholders } = re.source.includes('matches')
      ? { value: raw, placeholders: [] }
      : readValue(raw, at.line, column);
    const made = make(value);
    return made ? { kind: 'assertion', assertion: { target, ...made }, placeholders } : undefined;
  }
  return undefined;
}

/** Read one bullet's text; `line`/`column` are where its text starts in the file. */
export function readBullet(text: string, line: number, column: number): BulletReading | undefined {
  const status = /^status(?:\s+code)?\s*(?:is|:|=|==)?\s*(\d{3}(?:\s*(?:or|,|\/)\s*\d{3})*)\.?$/i.exec(text);
  if (status) return { kind: 'status', status: (status[1] ?? '').split(/\D+/).filter(Boolean).map(Number) };
  const header = /^header\s+`?([\w-]+)`?\s+(.+)$/i.exec(text);
  if (header) {
    const rest = header[2] ?? '';
    const target = { kind: 'header' as const, name: (header[1] ?? '').toLowerCase() };
    return assertionOf(target, rest, { line, column: column + text.length - rest.length });
  }
  const absent = /^no\s+(`[^`]+`|\S+)\.?$/i.exec(text);
  const absentPath = absent ? bodyPath(absent[1] ?? '') : undefined;
  if (absentPath)
    return {
      kind: 'assertion',
      assertion: { target: { kind: 'body', path: absentPath }, op: 'exists', value: false },
      placeholders: [],
    };
  const has = /^(\S+)\s+has\s+(no\s+)?`?([\w-]+)`?\.?$/i.exec(text);
  const hasPath = has ? bodyPath(has[1] ?? '') : undefined;
  if (has && hasPath !== undefined) {
    const path = hasPath ? `${hasPath}.${has[3]}` : (has[3] ?? '');
    return {
      kind: 'assertion',
      assertion: { target: { kind: 'body', path }, op: 'exists', value: !has[2] },
      placeholders: [],
    };
  }
  const m = /^(`[^`]+`|\S+)\s+(.+)$/.exec(text);
  const path = m ? bodyPath(m[1] ?? '') : undefined;
  if (!m || path === undefined) return undefined;
  const rest = m[2] ?? '';
  return assertionOf({ kind: 'body', path }, rest, { line, column: column + text.length - rest.length });
}
