import type { Placeholder, RequestSpec, SavedValue } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { didYouMean } from '../util/did-you-mean.js';
import { HTTP_METHODS } from './endpoint-ref.js';
import type { YamlBlock } from './yaml-block.js';
import { deref, dotPath, entries, parseYamlBlock, posOf, scalarText, toJson } from './yaml-block.js';

/**
 * A request written as a YAML map (author D's dialect), under "## Request" or
 * as a Setup/Teardown step's `request:`:
 *
 *     method: POST
 *     url: /service-accounts/${{ vars.account_id }}/rotate-secret   # or path:, or https://host/…
 *     headers: { Authorization: Bearer ${{ env.YOUHODLER_ADMIN_TOKEN }} }
 *     query: { page: 1 }
 *     json: { name: x }             # or body: (JSON, or a form under a form Content-Type), or form: { k: v }
 *     auth: { basic: { username: …, password: … } }    # or auth: { bearer: … }, or auth: <profile> | none
 *
 * Strings are stored in the house form (`{{env.X}}`, `{{resolved.x}}`), each placeholder located as written.
 */
export interface YamlRequestParse {
  request?: RequestSpec;
  /** The host a full URL names, for the caller to compare with the API's base URL. */
  host?: string;
  /** What the block's `save:` keeps from the response (`$.id` as `id`). */
  saves: SavedValue[];
  diagnostics: Diagnostic[];
}

export const YAML_REQUEST_KEYS = [
  ...['method', 'url', 'path', 'headers', 'query', 'json', 'body', 'form', 'auth', 'basic'],
  ...['followRedirects', 'follow_redirects'],
];

/** Keys whose name says they state what the response must be: refused, never ignored. */
const LOOKS_LIKE_EXPECTATION = /status|expect|assert|response|check/i;
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json$/;
const FORM_TYPE = 'application/x-www-form-urlencoded';
const NONE: Readonly<Record<string, string>> = Object.freeze({});
const EXAMPLE = 'Write method: POST, url: /path, headers: { Name: value }, and json: { … } or form: { … }.';

type Ctx = { block: YamlBlock; what: string; diagnostics: Diagnostic[]; placeholders: Placeholder[] };
type Entry = ReturnType<typeof entries>[number];

function report(c: Ctx, at: unknown, message: string, hint: string, ruleId = 'invalid-request'): void {
  c.diagnostics.push({ ruleId, severity: 'error', file: c.block.file, ...posOf(c.block, at), message, hint });
}

/** A warning for each key neither a request nor the caller knows; an expectation-like one is an error. */
export function unknownKeys(c: Ctx, list: Entry[], known: readonly string[]): void {
  for (const { key, pair } of list) {
    if (known.includes(key)) continue;
    if (LOOKS_LIKE_EXPECTATION.test(key)) {
      const message = `${c.what} has a key "${key}" cardcheck does not read, so nothing would check it`;
      report(c, pair.key, message, 'State what the response must be under "## Assertions".', 'unreadable-expectation');
      continue;
    }
    const near = didYouMean(key, known);
    const hint = near ? `Did you mean "${near}"?` : `Known keys: ${known.join(', ')}.`;
    c.diagnostics.push({
      ruleId: 'unknown-key',
      severity: 'warning',
      file: c.block.file,
      ...posOf(c.block, pair.key),
      message: `${c.what} has an unknown key "${key}"`,
      hint,
    });
  }
}

/** A scalar in the house form, its placeholders kept; a map or list is reported. */
function text(c: Ctx, e: Entry, what: string): string | undefined {
  const s = scalarText(c.block, e.value);
  const problem = e.value == null ? 'is empty' : 'must be a single value, not a map or a list';
  if (!s) report(c, e.value ?? e.pair.key, `${what} ${problem}`, EXAMPLE);
  else c.placeholders.push(...s.placeholders);
  return s?.text;
}

/** `{ Name: value }` as a record of strings; `caseless` names (headers) given twice are reported. */
function record(c: Ctx, e: Entry, what: string, caseless = false): Record<string, string> {
  const out: Record<string, string> = {};
  if (e.value == null) return out;
  const list = entries(c.block, e.value);
  if (list.length === 0) report(c, e.value, `"${e.key}" must be a map of names to values`, EXAMPLE);
  for (const item of list) {
    const value = text(c, item, `${what} "${item.key}"`);
    const same = Object.keys(out).find((k) => (caseless ? k.toLowerCase() === item.key.toLowerCase() : k === item.key));
    if (same !== undefined) report(c, item.pair.key, `${what} "${item.key}" is given twice`, 'Give it one value.');
    else if (value !== undefined)
      Object.defineProperty(out, item.key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** `url:`/`path:`: a path starting with /, or an http(s) URL whose host is returned apart. */
function target(c: Ctx, e: Entry | undefined, map: unknown) {
  if (!e) {
    report(c, map, `${c.what} has no "url"`, 'Add url: /the/endpoint (relative to the API base URL).', 'missing-path');
    return undefined;
  }
  const before = c.placeholders.length;
  const url = text(c, e, `"${e.key}"`);
  if (url === undefined) return undefined;
  const m = /^(?:https?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?/i.exec(url);
  const host = m?.[1];
  const path = m?.[2] || (host ? '/' : '');
  if (!m || !path.startsWith('/') || path.startsWith('//')) {
    const message = `"${url}" is neither a path starting with / nor an http(s) URL`;
    report(c, e.value, message, 'Write url: /the/endpoint or url: https://host/the/endpoint.', 'missing-path');
    return undefined;
  }
  // The host is not sent (the target's base URL is): its placeholders are not the request's.
  const inHost = host ? (host.match(/\{\{/g) ?? []).length : 0;
  c.placeholders.splice(before, inHost);
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(m[3] ?? ''))
    Object.defineProperty(query, k, { value: v, enumerable: true, writable: true, configurable: true });
  return { path, query, host: host || undefined };
}

const mediaType = (headers: Record<string, string>) => {
  const name = Object.keys(headers).find((k) => k.toLowerCase() === 'content-type');
  return name === undefined ? undefined : { name, type: (headers[name] ?? '').split(';')[0]?.trim().toLowerCase() };
};

/** `json:` / `body:` / `form:`, sent as the Content-Type header says; a header and body that disagree are refused. */
function payload(c: Ctx, list: Entry[], headers: Record<string, string>): Pick<RequestSpec, 'body' | 'form'> {
  const given = list.filter((e) => ['json', 'body', 'form'].includes(e.key));
  const [e, second] = given;
  if (second) report(c, second.pair.key, `${c.what} has both "${e?.key}" and "${second.key}"`, 'Send one body.');
  if (!e || second) return {};
  const ct = mediaType(headers);
  const type = ct?.type ?? '';
  const mismatch = (says: string) => {
    const message = `the body is ${says} ("${e.key}:"), but the Content-Type header says ${type}`;
    const hint = `Use json: for application/json, form: for ${FORM_TYPE}, or drop the Content-Type header.`;
    report(c, e.pair.key, message, hint, 'request-body-mismatch');
    return {};
  };
  const isForm = e.key === 'form' || (e.key === 'body' && type === FORM_TYPE);
  if (!isForm) {
    if (ct && !JSON_TYPE.test(type)) return mismatch('JSON');
    return { body: toJson(c.block, e.value, c.placeholders) };
  }
  if (ct && type !== FORM_TYPE) return mismatch('a form');
  const value = deref(c.block, e.value);
  const s = entries(c.block, value).length === 0 ? scalarText(c.block, value) : undefined;
  if (!s) return { form: record(c, e, 'the form field') };
  c.placeholders.push(...s.placeholders);
  return { form: Object.fromEntries(new URLSearchParams(s.text)) };
}

/** `auth: { basic: { username, password } }`, `auth: { bearer: token }`, `auth: <profile>`, or the house `basic:`. */
function auth(c: Ctx, list: Entry[], headers: Record<string, string>): Pick<RequestSpec, 'auth' | 'basic'> {
  const out: Pick<RequestSpec, 'auth' | 'basic'> = {};
  const hint = 'Write auth: { basic: { username: …, password: … } }, auth: { bearer: … }, or a profile name.';
  const basicOf = (e: Entry) => {
    const r = record(c, e, 'basic');
    if (r.username !== undefined && r.password !== undefined)
      out.basic = { username: r.username, password: r.password };
    else report(c, e.value ?? e.pair.key, '"basic" needs a username and a password', hint);
  };
  const house = list.find((e) => e.key === 'basic');
  if (house) basicOf(house);
  const a = list.find((e) => e.key === 'auth');
  if (!a) return out;
  const name = entries(c.block, a.value).length === 0 ? scalarText(c.block, a.value) : undefined;
  if (name) out.auth = name.text;
  for (const kind of entries(c.block, a.value)) {
    if (kind.key === 'basic') basicOf(kind);
    else if (kind.key === 'bearer') {
      const token = text(c, kind, 'the bearer token');
      if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    } else report(c, kind.pair.key, `cardcheck does not send "${kind.key}" auth`, hint);
  }
  if (!name && entries(c.block, a.value).length === 0) report(c, a.value ?? a.pair.key, '"auth" is empty', hint);
  return out;
}

/** A request map at `node` of a parsed YAML block; `extraKeys` are keys the caller reads (`save`, `name`…). */
export function readYamlRequest(
  block: YamlBlock,
  node: unknown,
  what: string,
  extraKeys: readonly string[] = [],
): { request?: RequestSpec; host?: string; diagnostics: Diagnostic[] } {
  const c: Ctx = { block, what, diagnostics: [], placeholders: [] };
  const list = entries(block, node);
  if (list.length === 0) {
    report(c, node, `${what} must be a map of method, url, headers and body`, EXAMPLE);
    return { diagnostics: c.diagnostics };
  }
  unknownKeys(c, list, [...YAML_REQUEST_KEYS, ...extraKeys]);
  const get = (key: string) => list.find((e) => e.key === key);
  const m = get('method');
  const method = (m && text(c, m, '"method"'))?.toUpperCase() ?? '';
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    const message = m ? `"${method}" is not an HTTP method` : `${what} has no "method"`;
    report(c, m?.value ?? node, message, `Use one of ${HTTP_METHODS.join(', ')}.`);
  }
  if (get('url') && get('path')) report(c, get('path')?.pair.key, `${what} has both "url" and "path"`, 'Keep one.');
  const t = target(c, get('url') ?? get('path'), node);
  const headers = record(c, get('headers') ?? ({ value: null } as Entry), 'the header', true);
  const query = { ...t?.query, ...record(c, get('query') ?? ({ value: null } as Entry), 'the query parameter') };
  const body = payload(c, list, headers);
  const credentials = auth(c, list, headers);
  const follow = get('followRedirects') ?? get('follow_redirects');
  const followRedirects = follow ? toJson(block, follow.value, []) === true : false;
  if (!t || c.diagnostics.some((d) => d.severity === 'error' && d.ruleId !== 'unreadable-expectation'))
    return { diagnostics: c.diagnostics };
  const nonEmpty = (r: Record<string, string>) => (Object.keys(r).length > 0 ? r : NONE);
  c.placeholders.sort((x, y) => x.line - y.line || x.column - y.column);
  const request: RequestSpec = {
    ...{ method, path: t.path, query: nonEmpty(query), headers: nonEmpty(headers), ...body, ...credentials },
    ...{ followRedirects, placeholders: c.placeholders, ...posOf(block, node) },
  };
  return { request, host: t.host, diagnostics: c.diagnostics };
}

/** `save: { name: $.json.path }`: each saved value, located at its name; a path a dot path cannot say is refused. */
export function readSaves(block: YamlBlock, node: unknown, diagnostics: Diagnostic[]): SavedValue[] {
  const c: Ctx = { block, what: '"save"', diagnostics, placeholders: [] };
  const out: SavedValue[] = [];
  const list = entries(block, node);
  if (list.length === 0 && node != null) report(c, node, '"save" must be a map of names to JSONPaths', SAVE_HINT);
  for (const e of list) {
    const raw = text(c, e, `the path saved as "${e.key}"`);
    const path = raw === undefined ? undefined : dotPath(raw);
    if (raw !== undefined && path === undefined)
      report(c, e.value, `cardcheck cannot read the JSONPath "${raw}" (saved as "${e.key}")`, SAVE_HINT);
    if (path !== undefined) out.push({ name: e.key, path, ...posOf(block, e.pair.key) });
  }
  return out;
}

const SAVE_HINT = 'Write save: { account_id: $.id } with a path of names and [n] indexes ($.data.items[0].id).';

/** A request block under "## Request": a YAML request map, with the values its `save:` keeps for the Teardown. */
export function parseYamlRequest(content: string, contentLine: number, file: string): YamlRequestParse {
  const { block, diagnostic } = parseYamlBlock(content, contentLine, file, 'the request block');
  if (!block) return { saves: [], diagnostics: diagnostic ? [diagnostic] : [] };
  const root = block.doc.contents;
  const parsed = readYamlRequest(block, root, 'the request block', ['save']);
  const save = entries(block, root).find((e) => e.key === 'save');
  const saves = save ? readSaves(block, save.value, parsed.diagnostics) : [];
  return { ...parsed, saves };
}
