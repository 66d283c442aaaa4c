import type { Placeholder, RequestSpec } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { JsonValue } from '../core/json.js';
import { HTTP_METHODS } from './endpoint-ref.js';
import { parseJsonValue } from './json-block.js';
import { findPlaceholders, replacePlaceholders } from './placeholders.js';

/** A request written as an HTTP message, as `.http` files (VS Code REST Client, JetBrains HTTP Client) do. */
export interface HttpRequestParse {
  request?: RequestSpec;
  /** The host an absolute target or a `Host:` header names, for the caller to compare with the API's base URL. */
  host?: string;
  diagnostics: Diagnostic[];
}

/** An expected response written as an HTTP response message. */
export interface HttpResponseParse {
  status?: number;
  /** Names lower-cased, as responses are observed; a repeated header joined with ", ". */
  headers: Record<string, string>;
  /** The body as JSON, when it parses or the Content-Type says JSON. */
  body?: JsonValue;
  bodyText?: string;
  /** File lines: of the status line, of each header (by lower-cased name), of the body's first line. */
  line: number;
  headerLines: Record<string, number>;
  bodyLine?: number;
  diagnostics: Diagnostic[];
}

/** A line of the fence, or a piece of one, and where it starts in the file. */
type Piece = { text: string; line: number; column: number };

/** The query or headers of a request that has none: one frozen object, shared. */
const NONE: Readonly<Record<string, string>> = Object.freeze({});
const COMMENT = /^\s*(?:#|\/\/)/;
const REQUEST_LINE = /^(\s*)(\S+)([ \t]+)(.*?)(?:[ \t]+HTTP\/[\d.]+)?[ \t]*$/;
const PLAIN_REQUEST_LINE = new RegExp(
  `^(?:${HTTP_METHODS.join('|')})\\s+(?:/|https?://)\\S*(?:\\s+HTTP/[\\d.]+)?\\s*$`,
);
const STATUS_LINE = /^HTTP\/\d(?:\.\d)?[ \t]+([1-5]\d\d)(?:[ \t].*)?$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const ENV_FORM = /^\$(?:processEnv|dotenv)\s+([A-Za-z_]\w*)$/;
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json$/;
const FORM_TYPE = 'application/x-www-form-urlencoded';
const NO_TYPE = 'the request has a body but no Content-Type, so cardcheck cannot tell how to send it';

const isHttpFence = (lang: string) => ['http', 'rest'].includes(lang.trim().toLowerCase());
const isContent = (text: string) => text.trim() !== '' && !COMMENT.test(text);
const nonBlank = (l: { text: string }) => l.text.trim() !== '';
const firstNonBlank = (content: string) => content.split('\n').find((text) => nonBlank({ text }));
const mediaType = (value: string | undefined) => value?.split(';')[0]?.trim().toLowerCase() ?? '';

/** True when the fence holds an HTTP request message (first non-comment line is `METHOD target [HTTP/x]`). */
export function isHttpRequestBlock(lang: string, content: string): boolean {
  if (lang.trim() === '') return PLAIN_REQUEST_LINE.test(firstNonBlank(content) ?? '');
  if (!isHttpFence(lang)) return false;
  const m = REQUEST_LINE.exec(content.split('\n').find(isContent) ?? '');
  return m !== null && (HTTP_METHODS as readonly string[]).includes((m[2] ?? '').toUpperCase());
}

/** True when the fence holds an HTTP response message (first line `HTTP/1.1 201 …` or `HTTP/2 200`). */
export function isHttpResponseBlock(lang: string, content: string): boolean {
  return (lang.trim() === '' || isHttpFence(lang)) && STATUS_LINE.test(firstNonBlank(content) ?? '');
}

/** REST Client's `{{$processEnv NAME}}` and `{{$dotenv NAME}}` as the house `{{env.NAME}}`; anything else as is. */
const houseExpr = (expr: string) => expr.replace(ENV_FORM, 'env.$1');
const rewrite = (text: string) =>
  replacePlaceholders(text, (expr, raw) => (ENV_FORM.test(expr) ? `{{${houseExpr(expr)}}}` : raw));
/** The text with every placeholder blanked out, same length: separators are looked for outside placeholders. */
const mask = (text: string) => replacePlaceholders(text, (_expr, raw) => '_'.repeat(raw.length));
/** Percent-decoded, `+` as a space, as a server reads a query or form; a stray `%` stays. */
const decode = (text: string) => new URLSearchParams(`x=${text}`).get('x') ?? text;

const HINT = {
  twice: 'A card sends one value per name; keep one.',
  target: 'Write e.g. POST /oauth/token HTTP/1.1 or POST https://api.example.com/oauth/token (spaces as %20).',
  header: 'Separate the headers from the body with a blank line.',
  form: 'Start the line with & (REST Client style), or write the form on one line.',
  type: 'cardcheck sends JSON and form bodies: use Content-Type: application/json or application/x-www-form-urlencoded.',
  split: 'Put each request in its own ```http block; the ones the card needs first go in its UID Resolution.',
  method: `Start with e.g. POST /oauth/token HTTP/1.1; methods: ${HTTP_METHODS.join(', ')}.`,
  status: 'Start it with e.g. HTTP/1.1 200 OK.',
};

type Report = (at: Omit<Piece, 'text'>, message: string, hint: string, ruleId?: string) => void;

function reporter(file: string, diagnostics: Diagnostic[], rule: string): Report {
  return (at, message, hint, ruleId = rule) =>
    diagnostics.push({ ruleId, severity: 'error', file, line: at.line, column: at.column, message, hint });
}

const lineOf = (content: string, contentLine: number): Piece[] =>
  content.split('\n').map((text, i) => ({ text, line: contentLine + i, column: 1 }));

/** Add `name: value` (`__proto__` too); with a joiner, header-like: joined to a value under that name in any case. */
function put(record: Record<string, string>, name: string, value: string, joiner?: string): void {
  const same = (k: string) => (joiner === undefined ? k === name : k.toLowerCase() === name.toLowerCase());
  const key = Object.keys(record).find(same) ?? name;
  const joined = Object.hasOwn(record, key) ? `${record[key]}${joiner}${value}` : value;
  Object.defineProperty(record, key, { value: joined, enumerable: true, writable: true, configurable: true });
}

/** `a=1&b=2` pieces as a record, decoded; a name given twice is reported. */
function readPairs(pieces: Piece[], what: string, report: Report): Readonly<Record<string, string>> {
  let out: Record<string, string> | undefined;
  for (const piece of pieces) {
    let from = 0;
    for (const part of `${mask(piece.text)}&`.split('&')) {
      const text = piece.text.slice(from, from + part.length);
      const at = { line: piece.line, column: piece.column + from };
      from += part.length + 1;
      if (text.trim() === '') continue;
      const eq = part.indexOf('=');
      const name = decode(rewrite(eq < 0 ? text : text.slice(0, eq)));
      out ??= {};
      if (Object.hasOwn(out, name)) report(at, `${what} "${name}" is given twice`, HINT.twice);
      else put(out, name, decode(rewrite(eq < 0 ? '' : text.slice(eq + 1))));
    }
  }
  return out ?? NONE;
}

/** `/path?x=1` or `https://host/path?x=1`, plus REST Client's `?a=1` / `&b=2` lines; `sent`: all but scheme and host. */
function readTarget(target: Piece, more: Piece[], report: Report) {
  const blank = /\s/.exec(mask(target.text));
  const absolute = /^https?:\/\/([^/?#]*)/i.exec(target.text);
  if (blank || !(absolute || target.text.startsWith('/')) || target.text.startsWith('//')) {
    const at = blank ? { ...target, column: target.column + blank.index } : target;
    const problem = blank ? 'has a space in it' : 'is neither a path starting with / nor an http(s) URL';
    report(at, `the request target "${target.text}" ${problem}`, HINT.target);
    return undefined;
  }
  const skip = absolute ? absolute[0].length : 0;
  const rest = { text: target.text.slice(skip), line: target.line, column: target.column + skip };
  const q = mask(rest.text).indexOf('?');
  const pathText = q < 0 ? rest.text : rest.text.slice(0, q);
  const queries = q < 0 ? [] : [{ ...rest, text: rest.text.slice(q + 1), column: rest.column + q + 1 }];
  for (const m of more) queries.push({ ...m, text: m.text.slice(1), column: m.column + 1 });
  return {
    path: rewrite(pathText) || '/',
    query: readPairs(queries, 'Query parameter', report),
    host: absolute ? rewrite(absolute[1] ?? '') : undefined,
    sent: [rest, ...more],
  };
}

/** The trimmed text of a line and where it starts. */
const trimmed = (p: Piece): Piece => ({ ...p, text: p.text.trim(), column: p.column + p.text.search(/\S|$/) });

/** `Name: value` lines (comments skipped) up to the first that is not one, reported: name, line, where the value is. */
function readHeaderLines(lines: Piece[], report: Report): { name: string; line: Piece; value: Piece }[] {
  const out: { name: string; line: Piece; value: Piece }[] = [];
  for (const line of lines.filter((l) => !COMMENT.test(l.text)).map(trimmed)) {
    const colon = mask(line.text).indexOf(':');
    const name = colon < 0 ? '' : line.text.slice(0, colon).trim();
    const text = line.text.slice(colon + 1).trim();
    const value = { text, line: line.line, column: line.column + line.text.indexOf(text, colon + 1) };
    if (!HEADER_NAME.test(name)) {
      report(line, `"${line.text.slice(0, 40)}" is not a header line (Name: value)`, HINT.header);
      break;
    }
    out.push({ name, line, value });
  }
  return out;
}

/** A request's headers; `Host` names the host and `Content-Length` is recomputed, so neither is sent. */
function readHeaders(lines: Piece[], report: Report) {
  const headers: Record<string, string> = {};
  const sent: Piece[] = [];
  let host: string | undefined;
  let contentType: Piece | undefined;
  for (const { name, line, value } of readHeaderLines(lines, report)) {
    const lower = name.toLowerCase();
    if (lower === 'host') host = rewrite(value.text);
    if (lower === 'host' || lower === 'content-length') continue;
    if (lower === 'content-type') contentType = value;
    put(headers, name, rewrite(value.text), lower === 'cookie' ? '; ' : ', ');
    sent.push(line);
  }
  return { headers, sent, host, contentType };
}

/** The body after the blank line, sent as the Content-Type says: JSON or a form (`&` lines continue it). */
function readBody(
  lines: Piece[],
  type: Piece | undefined,
  file: string,
  report: Report,
): Pick<RequestSpec, 'body' | 'form'> {
  const first = trimmed(lines[0] as Piece);
  const text = lines.map((l) => l.text).join('\n');
  const media = mediaType(type?.text);
  if (JSON_TYPE.test(media)) {
    const { value, diagnostic } = parseJsonValue(text, first.line, file, 'the request body');
    if (diagnostic) report(diagnostic, diagnostic.message, diagnostic.hint ?? '', diagnostic.ruleId);
    // Valid JSON stays valid once `{{$processEnv X}}` (no quote, no line break) is rewritten in it.
    else return { body: /\{\{\s*\$/.test(text) ? parseJsonValue(rewrite(text), first.line, file, '').value : value };
  } else if (media === FORM_TYPE) {
    const stray = lines.slice(1).find((l) => !/^\s*&/.test(l.text));
    if (stray) report(trimmed(stray), 'A form body continues only on lines starting with &', HINT.form);
    else return { form: readPairs(lines.map(trimmed), 'Form field', report) };
  } else if (type) {
    report(type, `the request body is ${media || 'of no media type'}, which cardcheck does not send`, HINT.type);
  } else {
    const kind = /^[[{]/.test(first.text) ? 'application/json' : /^[\w.%[\]-]+=/.test(first.text) ? FORM_TYPE : '';
    const looks = `the request body looks like ${kind === FORM_TYPE ? 'a form' : 'JSON'} but the request has no Content-Type`;
    const message = kind ? looks : NO_TYPE;
    report(first, message, kind ? `Add Content-Type: ${kind}.` : HINT.type, 'request-body-mismatch');
  }
  return {};
}

/** The requests between `###` lines (parts with only comments hold none), each from its first non-comment line. */
function splitRequests(lines: Piece[]): Piece[][] {
  const parts: Piece[][] = [[]];
  for (const l of lines)
    if (l.text.startsWith('###')) parts.push([]);
    else parts.at(-1)?.push(l);
  return parts
    .map((p) => p.slice(p.findIndex((l) => isContent(l.text))))
    .filter((p) => p.some((l) => isContent(l.text)));
}

/** The lines without the blank ones they start and end with. */
const trimBlank = (lines: Piece[]) =>
  lines.slice(Math.max(0, lines.findIndex(nonBlank)), lines.findLastIndex(nonBlank) + 1);

const located = (pieces: Piece[]): Placeholder[] =>
  pieces.flatMap((p) => findPlaceholders(p.text, p.line, p.column)).map((p) => ({ ...p, expr: houseExpr(p.expr) }));

/** `content` is the fence content (LF line endings), starting at 1-based file line `contentLine`. */
export function parseHttpRequest(content: string, contentLine: number, file: string): HttpRequestParse {
  const diagnostics: Diagnostic[] = [];
  const report = reporter(file, diagnostics, 'unreadable-request');
  const [own = [], ...others] = splitRequests(lineOf(content, contentLine));
  for (const other of others)
    report(trimmed(other[0] as Piece), 'the block holds more than one request (### separates them)', HINT.split);
  const first = own[0];
  const m = first && REQUEST_LINE.exec(first.text);
  const method = (m?.[2] ?? '').toUpperCase();
  const at = { line: first?.line ?? contentLine, column: first ? trimmed(first).column : 1 };
  if (!m || !(HTTP_METHODS as readonly string[]).includes(method)) {
    const what = first ? `"${first.text.trim()}" is not a request line` : 'the block has no request line';
    report(at, m ? `"${m[2]}" is not an HTTP method cardcheck sends` : what, HINT.method);
    return { diagnostics };
  }
  let i = 1;
  while (i < own.length && /^\s*[?&]/.test(own[i]?.text ?? '')) i++;
  const targetAt = { text: m[4] ?? '', line: at.line, column: at.column + (m[2]?.length ?? 0) + (m[3]?.length ?? 0) };
  const target = readTarget(targetAt, own.slice(1, i).map(trimmed), report);
  if (!target) return { diagnostics };
  const blank = own.findIndex((l, j) => j >= i && l.text.trim() === '');
  const head = readHeaders(own.slice(i, blank < 0 ? own.length : blank), report);
  const bodyLines = blank < 0 ? [] : trimBlank(own.slice(blank + 1));
  const body = bodyLines.length > 0 ? readBody(bodyLines, head.contentType, file, report) : {};
  const placeholders = located([...target.sent, ...head.sent, ...bodyLines]);
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  const headers = Object.keys(head.headers).length > 0 ? head.headers : NONE;
  const { path, query } = target;
  const request: RequestSpec = { method, path, query, headers, ...body, followRedirects: false, placeholders, ...at };
  return { request, host: target.host ?? head.host, diagnostics };
}

/** An expected response: status line, headers, blank line, body (JSON when it parses or the Content-Type says so). */
export function parseHttpResponse(content: string, contentLine: number, file: string): HttpResponseParse {
  const diagnostics: Diagnostic[] = [];
  const report = reporter(file, diagnostics, 'unreadable-expectation');
  const lines = lineOf(content, contentLine);
  const start = Math.max(0, lines.findIndex(nonBlank));
  const out: HttpResponseParse = { headers: {}, headerLines: {}, line: contentLine + start, diagnostics };
  const m = STATUS_LINE.exec(lines[start]?.text ?? '');
  if (!m) {
    report({ line: out.line, column: 1 }, 'the response block has no status line', HINT.status);
    return out;
  }
  out.status = Number(m[1]);
  let i = start + 1;
  while (i < lines.length && nonBlank(lines[i] as Piece)) i++;
  for (const { name, value } of readHeaderLines(lines.slice(start + 1, i), report)) {
    put(out.headers, name.toLowerCase(), value.text, ', ');
    out.headerLines[name.toLowerCase()] ??= value.line;
  }
  const body = trimBlank(lines.slice(i));
  if (body.length === 0) return out;
  out.bodyText = body.map((l) => l.text).join('\n');
  out.bodyLine = body[0]?.line;
  const json = JSON_TYPE.test(mediaType(out.headers['content-type']));
  const { value, diagnostic } = parseJsonValue(out.bodyText, out.bodyLine ?? contentLine, file, 'the response body');
  if (value !== undefined) out.body = value;
  else if (json && diagnostic) diagnostics.push(diagnostic);
  return out;
}
