import type { Expectation, Placeholder, RequestSpec } from '../core/card.js';
import type { JsonValue } from '../core/json.js';
import { replacePlaceholders } from './placeholders.js';

/**
 * A new expression for a placeholder's, or undefined to keep it. Cards written with setup steps say `$APP_ID` (read
 * as `{{env.APP_ID}}`) or `{{account.response.body.$.id}}` for a value a step saved; once the steps are read, those
 * become `{{resolved.APP_ID}}` and `{{resolved.account.id}}`. A placeholder keeps its `raw` text: messages show it as
 * written.
 */
export type Rename = (expr: string, raw: string) => string | undefined;

function renameText(text: string, rename: Rename): string {
  if (!text.includes('{{') && !text.includes('<<')) return text;
  return replacePlaceholders(text, (expr, raw) => {
    const to = rename(expr, raw);
    return to === undefined ? raw : `{{${to}}}`;
  });
}

function renameValue(v: JsonValue | undefined, rename: Rename): JsonValue | undefined {
  if (typeof v === 'string') return renameText(v, rename);
  if (Array.isArray(v)) return v.map((x) => renameValue(x, rename) as JsonValue);
  if (v && typeof v === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(v)) out[k] = renameValue(x, rename) as JsonValue;
    return out;
  }
  return v;
}

function renameRecord(r: Readonly<Record<string, string>>, rename: Rename): Readonly<Record<string, string>> {
  const keys = Object.keys(r);
  if (keys.length === 0) return r;
  const out: Record<string, string> = {};
  for (const k of keys) out[k] = renameText(r[k] as string, rename);
  return out;
}

export function renamePlaceholderList(list: Placeholder[], rename: Rename): Placeholder[] {
  return list.map((p) => {
    const to = rename(p.expr, p.raw);
    return to === undefined ? p : { ...p, expr: to };
  });
}

/** The request with its placeholders renamed, in every string it sends and in its placeholder list. */
export function renameRequest<R extends RequestSpec>(r: R, rename: Rename): R {
  if (!r.placeholders.some((p) => rename(p.expr, p.raw) !== undefined)) return r;
  return Object.assign({}, r, {
    path: renameText(r.path, rename),
    query: renameRecord(r.query, rename),
    headers: renameRecord(r.headers, rename),
    body: renameValue(r.body, rename),
    form: r.form && renameRecord(r.form, rename),
    basic: r.basic && {
      username: renameText(r.basic.username, rename),
      password: renameText(r.basic.password, rename),
    },
    placeholders: renamePlaceholderList(r.placeholders, rename),
  });
}

/** The expectation with the placeholders of its assertion values renamed. */
export function renameExpectation(e: Expectation, rename: Rename): Expectation {
  if (!e.placeholders.some((p) => rename(p.expr, p.raw) !== undefined)) return e;
  return Object.assign({}, e, {
    assertions: e.assertions.map((a) => Object.assign({}, a, { value: renameValue(a.value, rename) })),
    placeholders: renamePlaceholderList(e.placeholders, rename),
  });
}
