import type { Placeholder, RequestSpec, RequestTemplate, SavedValue, SetupStep } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { JsonValue } from '../core/json.js';
import { parseEndpointRef } from './endpoint-ref.js';
import { parseJsonValue } from './json-block.js';
import type { Block } from './markdown.js';
import { textLines } from './markdown.js';
import { findPlaceholders } from './placeholders.js';
import { unreadable } from './unreadable.js';

/**
 * A terse card: everything on a few lines, as some teams write them.
 *
 *     # Get app by id — GET /platform/v1/apps/{id}
 *     API: vcita · Auth: `Authorization: Bearer <<DIRECTORY_TOKEN>>`
 *     Needs:
 *     - `app` ← `POST /platform/v1/apps` (same auth) `{"name":"x"}` → 201, keep `<<app.data.id>>`
 *     Request: `GET /platform/v1/apps/<<app.data.id>>`
 *     Body:            (then a ```json block)
 *     Cleanup: `DELETE /platform/v1/apps/<<app.data.client_id>>` (same auth).
 *
 * The title names the endpoint (`— METHOD /path`); a `Request:` line wins over it. `Auth:` is a header in backticks,
 * `HTTP Basic, user `u`, password `p``, or `none…`; steps and the cleanup use it when they say `(same auth)`, or name
 * their own header. A Needs step's values are read as `<<step.path>>` (card/steps-to-fields.ts).
 */
export interface TerseCard {
  request: RequestTemplate;
  setup: SetupStep[];
  teardown: SetupStep[];
  /** Lines read here that other readers would otherwise refuse (a Cleanup line under an expectation heading). */
  read: number[];
}

const TITLE_ENDPOINT = /\s[—–-]\s+`?([A-Z]+\s+\/\S*?)`?\s*$/;
const AUTH = /\bAuth:\s*(.*?)\s*(?:·|$)/;
const NEED =
  /^\s*[-*]\s+`([A-Za-z_]\w*)`\s*(?:←|<-)\s*`([A-Z]+\s+\/[^`]*)`\s*(?:\((same auth|`[^`]+`)\))?\s*(?:`(\{.*?\})`)?\s*(?:(?:→|->)\s*(\d{3}))?(?:\s*,\s*keep\s+(.*))?\s*$/;
const ENDPOINT_LINE = /^\s*(Request|Cleanup):\s*`([A-Z]+\s+\/[^`]*)`\s*(?:\((same auth|`[^`]+`)\))?/;

const NO_CLEANUP =
  /^\s*(?:Cleanup:\s*(?:none|nothing|n\/a|—|-)\b.*|(?:Nothing (?:is )?created[,.;]?\s*)?nothing to clean ?up\.?)\s*$/i;

type Line = { text: string; line: number };
type Auth = Partial<Pick<RequestSpec, 'headers' | 'basic' | 'auth' | 'placeholders'>>;

/** The card as the terse form writes it, or undefined when its title names no endpoint. */
export function readTerseCard(blocks: Block[], file: string, diagnostics: Diagnostic[]): TerseCard | undefined {
  const title = blocks.find((b): b is Block & { kind: 'heading' } => b.kind === 'heading' && b.level === 1);
  const m = title ? TITLE_ENDPOINT.exec(title.text) : null;
  if (!m || !title) return undefined;
  const lines = textLines(blocks);
  const authLine = lines.find((l) => AUTH.test(l.text));
  const auth = authLine ? readAuth(authLine, file, diagnostics) : {};
  const own = lines.find((l) => ENDPOINT_LINE.exec(l.text)?.[1] === 'Request');
  const endpointAt = own
    ? { text: ENDPOINT_LINE.exec(own.text)?.[2] ?? '', line: own.line, column: own.text.indexOf('`') + 2 }
    : { text: m[1] ?? '', line: title.line, column: title.text.indexOf(m[1] ?? '') + 3 };
  const request = requestAt(endpointAt, auth, bodyOf(blocks, file, diagnostics));
  if (!request) return undefined;
  const out: TerseCard = { request: Object.assign(request, { cleanup: undefined }), setup: [], teardown: [], read: [] };
  for (const l of lines) {
    const need = NEED.exec(l.text);
    if (need) out.setup.push(needStep(need, l, auth, file, diagnostics));
    // `Nothing is created, nothing to clean up.` says why there is no Cleanup: line.
    if (NO_CLEANUP.test(l.text)) out.read.push(l.line);
    const cleanup = ENDPOINT_LINE.exec(l.text);
    if (cleanup?.[1] !== 'Cleanup') continue;
    const at = { text: cleanup[2] ?? '', line: l.line, column: l.text.indexOf('`') + 2 };
    const req = requestAt(at, withAuth(cleanup[3], auth, l), undefined);
    if (req) out.teardown.push({ request: req, expectStatus: [], saves: [], line: l.line, column: at.column });
    out.read.push(l.line);
  }
  return out;
}

/** `(same auth)` is the card's auth, `(`Header: value`)` a header of its own, nothing means none. */
function withAuth(said: string | undefined, card: Auth, l?: Line): Auth {
  if (said === 'same auth') return card;
  const header = said ? /^`([^:`]+):\s*([^`]*)`$/.exec(said) : null;
  if (!header || !said) return { auth: 'none' };
  const placeholders = l ? findPlaceholders(said, l.line, l.text.indexOf(said) + 1) : [];
  return { headers: { [header[1] as string]: header[2] as string }, auth: 'none', placeholders };
}

function readAuth(l: Line, file: string, diagnostics: Diagnostic[]): Auth {
  const value = AUTH.exec(l.text)?.[1] ?? '';
  const placeholders = findPlaceholders(value, l.line, l.text.indexOf(value) + 1);
  const header = /^`([^:`]+):\s*([^`]*)`/.exec(value);
  if (header) return { headers: { [header[1] as string]: header[2] as string }, auth: 'none', placeholders };
  const basic = /HTTP Basic\b.*?user\s+`([^`]+)`.*?password\s+`([^`]+)`/i.exec(value);
  if (basic)
    return { basic: { username: basic[1] as string, password: basic[2] as string }, auth: 'none', placeholders };
  if (/^\W*none\b/i.test(value)) return { auth: 'none' };
  const column = l.text.indexOf(value) + 1;
  diagnostics.push(
    unreadable(
      file,
      { line: l.line, column },
      `cardcheck cannot tell how the request authenticates from "${value}"`,
      'Write Auth: `Header: value`, Auth: HTTP Basic, user `…`, password `…`, or Auth: none.',
      'unreadable-request',
    ),
  );
  return {};
}

type Body = { json?: JsonValue; form?: Record<string, string>; placeholders: Placeholder[] };
const BODY = /^\s*Body\s*(?:\((json|form)\))?\s*:\s*(.*?)\s*$/i;

/** `Body:` then a ```json block, or on the line: `Body (form): `a=b&c=d``, `Body: `{"a":1}``. */
function bodyOf(blocks: Block[], file: string, diagnostics: Diagnostic[]): Body | undefined {
  const i = blocks.findIndex((b) => b.kind === 'text' && BODY.test(b.text));
  const line = blocks[i];
  if (i < 0 || line?.kind !== 'text') return undefined;
  const [, kind, rest = ''] = BODY.exec(line.text) ?? [];
  const fence = blocks[i + 1];
  const inline = /^`(.+)`$/.exec(rest)?.[1];
  const at = inline
    ? { text: inline, line: line.line, column: line.text.indexOf(inline) + 1 }
    : !rest && fence?.kind === 'fence'
      ? { text: fence.content, line: fence.contentLine, column: 1 }
      : undefined;
  if (!at) {
    const hint = 'Write Body: followed by a ```json block, or Body (form): `a=1&b=2` on the line.';
    diagnostics.push(
      unreadable(file, line, 'cardcheck cannot tell what this request body is', hint, 'unreadable-request'),
    );
    return undefined;
  }
  return bodyText(at, kind?.toLowerCase(), file, diagnostics);
}

function bodyText(
  at: { text: string; line: number; column: number },
  kind: string | undefined,
  file: string,
  diagnostics: Diagnostic[],
): Body | undefined {
  const placeholders = findPlaceholders(at.text, at.line, at.column);
  if (kind === 'form' || (kind === undefined && !/^\s*[{[]/.test(at.text))) {
    const form: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(at.text.trim())) form[k] = v;
    return { form, placeholders };
  }
  const padded = at.column > 1 ? ' '.repeat(at.column - 1) + at.text : at.text;
  const { value, diagnostic } = parseJsonValue(padded, at.line, file, 'the request body');
  if (diagnostic) diagnostics.push(diagnostic);
  return value === undefined ? undefined : { json: value, placeholders };
}

function requestAt(
  at: { text: string; line: number; column: number },
  auth: Auth,
  body?: Body,
): RequestSpec | undefined {
  const endpoint = parseEndpointRef(at.text, at.line, at.column);
  if (!endpoint) return undefined;
  const placeholders = findPlaceholders(endpoint.path, at.line, at.column + endpoint.method.length + 1);
  placeholders.push(...(body?.placeholders ?? []), ...(auth.placeholders ?? []));
  const headers = { ...(auth.headers ?? {}) };
  if (body?.form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  return {
    method: endpoint.method,
    path: endpoint.path,
    query: {},
    headers,
    body: body?.json,
    form: body?.form,
    basic: auth.basic,
    auth: auth.auth,
    followRedirects: false,
    placeholders,
    line: at.line,
    column: at.column,
  };
}

function needStep(m: RegExpExecArray, l: Line, auth: Auth, file: string, diagnostics: Diagnostic[]): SetupStep {
  const [, name = '', endpoint = '', said, json, status, keep = ''] = m;
  const column = l.text.indexOf(endpoint) + 1;
  const body = json
    ? bodyText({ text: json, line: l.line, column: l.text.indexOf(json) + 1 }, 'json', file, diagnostics)
    : undefined;
  const request = requestAt({ text: endpoint, line: l.line, column }, withAuth(said, auth, l), body);
  const saves: SavedValue[] = [];
  for (const p of findPlaceholders(keep, l.line, l.text.indexOf(keep) + 1))
    if (p.expr.startsWith(`${name}.`))
      saves.push({ name: p.expr, path: p.expr.slice(name.length + 1), line: p.line, column: p.column });
  return {
    request: request as RequestSpec,
    expectStatus: status ? [Number(status)] : [],
    saves,
    name,
    line: l.line,
    column,
  };
}
