import type { Placeholder, RequestSpec } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { JsonValue } from '../core/json.js';
import { SourceFile } from '../core/source.js';
import { didYouMean } from '../util/did-you-mean.js';
import { HTTP_METHODS } from './endpoint-ref.js';
import { parseJsonBlock } from './json-block.js';
import { replacePlaceholders, scanPlaceholders } from './placeholders.js';

/**
 * A request written as a curl command, as vendor docs print it, in a bash, sh, shell, console or untagged fence. The
 * block is read as a shell reads it (quotes, `\` continuations, `$'…'`, `#` comments) but nothing is run, and it must
 * hold one curl command (a trailing `| jq …` is ignored). `$NAME` and `${NAME}` become `{{env.NAME}}` (their
 * placeholder's `raw` is the text as written); `{{…}}` and `<<…>>` are kept. The first problem found is reported, at
 * the token it is about, and then there is no request.
 */
export interface CurlParse {
  request?: RequestSpec;
  /** The URL's host (`api.example.com:8443`, `{{env.BASE_URL}}`) when it has one: the caller compares it with the target's. */
  host?: string;
  diagnostics: Diagnostic[];
}

/** A shell-decoded word (`at`: where each character was written; `written`: each `$NAME` as written, by where its `{{env.NAME}}` starts), or an operator. */
type Token = { text: string; at: number[]; written: Map<number, string>; start: number; op: boolean };
type Kind = 'method' | 'header' | 'data' | 'raw' | 'urlencode' | 'json' | 'user' | 'url';
type Piece = { kind: Kind; tok: Token };
type Flags = { follow: boolean; get: boolean };
type CurlArgs = { curl: Token; method?: Token; url?: Token; user?: Token; headers: Token[]; data: Piece[] } & Flags;

const ONE = 'Keep one curl command per block (a trailing | jq … is fine); setup calls belong in UID Resolution.';
/** Why the block cannot be read, at a content offset; thrown and caught inside this module only. */
type Unreadable = { unreadable: true; offset: number; message: string; hint: string; ruleId: string };
function fail(offset: number, message: string, hint = ONE, ruleId = 'unreadable-request'): never {
  throw { unreadable: true, offset, message, hint, ruleId } satisfies Unreadable;
}
const subst = (at: number, s: string) => fail(at, `the block runs a command inside ${s === '`' ? '`…`' : '$(…)'}`);

// Line continuation (blanks after the `\` forgiven), blank, comment, '…', $'…', "…", <<name>>,
// command substitution, operator, escaped character, and a run of anything else.
const TOKEN =
  /(\\[ \t]*\n)|(\s)|(#[^\n]*)|'([^']*)(')?|\$'((?:[^'\\]|\\[\s\S])*)(')?|"((?:[^"\\]|\\[\s\S])*)(")?|(<<\s*[A-Za-z_][\w.\-[\]]*\s*>>)|(\$\(|`)|(\|\||&&|>>|[|&;<>()])|\\([\s\S]?)|((?:[^\s'"\\|&;<>()`$]|\$(?!['(]))+)/y;
const PIECE = /\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*)|[({])?|\\(x[0-9A-Fa-f]{1,2}|[\s\S])|[\s\S]/g;
const ANSI_C: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };

/** The tokens of the block's first command, up to the newline that ends it; `prompt` when it starts with `$ `. */
function lex(s: string): { tokens: Token[]; end: number; prompt: boolean } {
  const tokens: Token[] = [];
  let word: Token | undefined;
  let prompt = false;
  for (let i = 0; i < s.length; ) {
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(s) ?? fail(i, 'unreadable text');
    const [all, cont, blank, comment, single, end1, ansi, end2, double, end3, angle, sub, op, esc, plain] = m;
    const at = i;
    i += all.length;
    const last = tokens.at(-1);
    if (blank === '\n' && last && !(last.op && /^(\|\|?|&&)$/.test(last.text))) return { tokens, end: at, prompt };
    if (cont || blank || (comment && !word)) word = cont ? word : undefined;
    else if (plain === '$' && tokens.length === 0 && /[ \t]/.test(s[i] ?? '')) prompt = true;
    else if (sub) subst(at, sub);
    else if (op) {
      tokens.push({ text: op, at: [...op].map((_, k) => at + k), written: new Map(), start: at, op: true });
      word = undefined;
    } else {
      if ((single !== undefined && !end1) || (ansi !== undefined && !end2) || (double !== undefined && !end3))
        fail(at, `a ${all[0] === '$' ? "$'" : all[0]} quote is never closed`, 'Close the quote.');
      word ??= { text: '', at: [], written: new Map(), start: at, op: false };
      if (tokens.at(-1) !== word) tokens.push(word);
      if (single !== undefined || esc !== undefined) pieces(word, single ?? esc ?? '', at + 1, 'literal');
      else if (double !== undefined) pieces(word, double, at + 1, 'double');
      else if (ansi !== undefined) pieces(word, ansi, at + 2, 'ansi');
      else pieces(word, all, at, angle ? 'literal' : 'plain');
    }
  }
  return { tokens, end: s.length, prompt };
}

/** Adds `text`, found at content offset `base`, to `w` as the shell would decode it in that kind of quoting. */
function pieces(w: Token, text: string, base: number, mode: 'literal' | 'plain' | 'double' | 'ansi'): void {
  const push = (t: string, at: number, each: boolean) => {
    for (let k = 0; k < t.length; k++) w.at.push(each ? at + k : at);
    w.text += t;
  };
  for (const m of mode === 'literal' ? [] : text.matchAll(PIECE)) {
    const [all, braced, bare, esc = ''] = m;
    const at = base + m.index;
    const name = mode === 'ansi' ? undefined : (braced ?? bare);
    if (name) w.written.set(w.text.length, all);
    if (name) push(`{{env.${name}}}`, at, false);
    else if (mode !== 'ansi' && (all === '$(' || all === '`')) subst(at, all);
    else if (mode !== 'ansi' && all === '${') fail(at, 'a shell expansion other than $NAME', 'Write $NAME.');
    else if (mode === 'ansi' && esc)
      push(/^x./.test(esc) ? String.fromCharCode(Number.parseInt(esc.slice(1), 16)) : (ANSI_C[esc] ?? all), at, false);
    else if (mode === 'double' && esc) push(esc === '\n' ? '' : '"\\$`'.includes(esc) ? esc : all, at, false);
    else push(all, at, true);
  }
  if (mode === 'literal') push(text, base, true);
}

/** The words of the block's one command, which must be curl. */
function curlWords(content: string): Token[] {
  const { tokens, end, prompt } = lex(content);
  const op = tokens.findIndex((t) => t.op);
  const chain = tokens[op];
  const rest = tokens.slice(op + 1);
  if (chain && !(chain.text === '|' && rest[0]?.text === 'jq' && !rest.some((t) => t.op)))
    fail(chain.start, `${chain.text === '&' ? 'an unquoted "&" ends' : `"${chain.text}" chains`} the curl command`);
  // A console transcript (`$ curl …`) goes on with the output; another `$ ` line is a second command.
  let offset = end;
  for (const line of content.slice(end).split('\n')) {
    const text = line.trim();
    if (text !== '' && !text.startsWith('#') && (!prompt || /^\$(\s|$)/.test(text)))
      fail(offset + line.indexOf(text), 'the block holds a second command after the curl command');
    offset += line.length + 1;
  }
  const words = op < 0 ? tokens : tokens.slice(0, op);
  const first = words[0] ?? fail(0, 'the block holds no curl command', 'Write curl "https://host/path" ….');
  if (first.text !== 'curl') fail(first.start, `the block runs "${first.text}", not curl`);
  return words;
}

const VALUED: Readonly<Record<string, Kind>> = {
  ...{ '-X': 'method', '--request': 'method', '-H': 'header', '--header': 'header', '--url': 'url' },
  ...{ '-d': 'data', '--data': 'data', '--data-ascii': 'data', '--data-binary': 'data', '--data-raw': 'raw' },
  ...{ '--data-urlencode': 'urlencode', '--json': 'json', '-u': 'user', '--user': 'user' },
};
const IGNORED = ['-s', '--silent', '-S', '--show-error', '-v', '--verbose', '-i', '--include', '-f', '--fail'];
const FLAGS: Readonly<Record<string, 'follow' | 'get' | 'ignore'>> = {
  ...{ '-L': 'follow', '--location': 'follow', '-G': 'get', '--get': 'get', '--compressed': 'ignore' },
  ...Object.fromEntries(IGNORED.map((o) => [o, 'ignore'])),
};
const READS = 'cardcheck reads -X, -H, -d, --data-raw, --data-binary, --data-urlencode, --json, -u, -L and -G.';

function readArgs([curl, ...words]: Token[]): CurlArgs {
  const a: CurlArgs = { curl: curl as Token, headers: [], data: [], follow: false, get: false };
  for (let k = 0; k < words.length; k++) {
    const w = words[k] as Token;
    const short = /^-[^-]/.test(w.text);
    const names = short ? [...w.text.slice(1)].map((c) => `-${c}`) : w.text.startsWith('--') ? [w.text] : [];
    if (names.length === 0) take(a, 'url', w);
    for (const [j, option] of names.entries()) {
      const flag = FLAGS[option];
      if (flag && flag !== 'ignore') a[flag] = true;
      if (flag) continue;
      const kind = VALUED[option];
      const near = short ? undefined : didYouMean(option, [...Object.keys(VALUED), ...Object.keys(FLAGS)]);
      if (!kind) fail(w.start, `cardcheck does not read curl option ${option}`, near ? `Did you mean ${near}?` : READS);
      // `-XPOST`, `-sX POST`: the rest of a group of short options is the value.
      take(a, kind, (j + 1 < names.length ? slice(w, j + 2) : words[++k]) ?? fail(w.start, `${option} needs a value`));
      break;
    }
  }
  return a;
}

function take(a: CurlArgs, kind: Kind, value: Token): void {
  const t = value.text;
  if (kind === 'urlencode' ? /^[^=]*@/.test(t) : ['header', 'data', 'json'].includes(kind) && t.startsWith('@'))
    fail(value.start, `"${t}" makes curl read a file`, 'Write the content in the command instead.');
  if (kind === 'method' && !(HTTP_METHODS as readonly string[]).includes(t.toUpperCase()))
    fail(value.start, `"${t}" is not an HTTP method`, `Use ${HTTP_METHODS.join(', ')}.`, 'invalid-request');
  if (kind === 'url' && a.url) fail(value.start, `the curl command has a second URL "${t}"`, 'Send one URL.');
  if (kind === 'url' || kind === 'method' || kind === 'user') a[kind] = value;
  else if (kind === 'header') a.headers.push(value);
  else a.data.push({ kind, tok: value });
}

function slice(s: Token, from: number, to = s.text.length): Token {
  const written = new Map([...s.written].filter(([k]) => k >= from && k < to).map(([k, raw]) => [k - from, raw]));
  const at = s.at.slice(from, to);
  return { text: s.text.slice(from, to), at, written, start: at[0] ?? s.start, op: false };
}

const NONE: Readonly<Record<string, string>> = Object.freeze({});
const nonEmpty = (r: Record<string, string>) => (Object.keys(r).length > 0 ? r : NONE);
/** The first `:` outside placeholders. */
const colonAt = (text: string) => replacePlaceholders(text, (_e, raw) => '_'.repeat(raw.length)).indexOf(':');

function put(rec: Record<string, string>, key: string, value: string, tok: Token, what: string): void {
  const same = (k: string) => (what === 'header' ? k.toLowerCase() === key.toLowerCase() : k === key);
  if (Object.keys(rec).some(same)) fail(tok.start, `the ${what} "${key}" is given twice`, 'Give each name one value.');
  // A "__proto__" name is a field like any other, not the object's prototype.
  Object.defineProperty(rec, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `a=1&b=2` as fields (decoded, `+` is a space); `--data-urlencode name=value` takes the value as written. */
function fields({ kind, tok }: Piece, into: Record<string, string>, what: string): void {
  const eq = tok.text.indexOf('=');
  const raw = eq < 1 ? [tok.text.slice(eq + 1), ''] : [tok.text.slice(0, eq), tok.text.slice(eq + 1)];
  for (const [name = '', value = ''] of kind === 'urlencode' ? [raw] : new URLSearchParams(tok.text))
    put(into, name, value, tok, what);
}

const BODY = 'request-body-mismatch';
const FORM_JSON = "curl sends this JSON as a form body; add -H 'Content-Type: application/json'";
const URL_PARTS = /^(?:([A-Za-z][\w+.-]*):\/\/)?([^/?#]*)([^?#]*)(?:\?([^#]*))?/;

/** The path and query of the URL (its host goes to `out`), and the part of the URL they are. */
function readUrl(url: Token, out: CurlParse) {
  const [whole = '', scheme, host = '', path = '', search] = URL_PARTS.exec(url.text) ?? [];
  out.host = host || undefined;
  if (scheme && !/^https?$/i.test(scheme)) fail(url.start, `the URL "${url.text}" is not http(s)`, 'Write https://…');
  if (host.includes('@')) fail(url.start, 'the URL holds credentials', "Use -u 'user:password'.");
  if (!host && !path) fail(url.start, `the URL "${url.text}" has no path`, 'Write https://host/path.', 'missing-path');
  const from = (scheme ? scheme.length + 3 : 0) + host.length;
  const query: Record<string, string> = {};
  fields({ kind: 'data', tok: { ...url, text: search ?? '' } }, query, 'query parameter');
  return { path: path || '/', query, used: slice(url, from, whole.length) };
}

function readHeaders(a: CurlArgs): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of a.headers) {
    const colon = colonAt(h.text);
    if (colon < 1) fail(h.start, `the header "${h.text}" is not Name: value`, "Write -H 'Name: value'.");
    put(headers, h.text.slice(0, colon).trim(), h.text.slice(colon + 1).trim(), h, 'header');
  }
  const has = (name: string) => Object.keys(headers).some((k) => k.toLowerCase() === name);
  const json = a.data.some((d) => d.kind === 'json');
  if (json && !has('content-type')) headers['Content-Type'] = 'application/json';
  if (json && !has('accept')) headers.Accept = 'application/json';
  return headers;
}

function readBody(a: CurlArgs, query: Record<string, string>, file: string): Pick<RequestSpec, 'body' | 'form'> {
  const ctTok = a.headers.find((h) => /^\s*content-type\s*:/i.test(h.text));
  const ct = /:\s*([^;\s]*)/.exec(ctTok?.text ?? '')?.[1]?.toLowerCase();
  if (a.get) for (const d of a.data) fields(d, query, 'query parameter');
  if (a.data.length === 0 || a.get) return {};
  if (a.data.some((d) => d.kind === 'json') || /^application\/(.+\+)?json$/.test(ct ?? ''))
    return { body: jsonBody(a.data[0] as Piece, a.data[1], file) };
  if (ct && ct !== 'application/x-www-form-urlencoded')
    fail(ctTok?.start ?? 0, `cardcheck sends JSON or form bodies, not ${ct}`, 'Send JSON or a form.');
  const json = ct ? undefined : a.data.find((d) => d.kind !== 'urlencode' && /^\s*[[{]/.test(d.tok.text));
  if (json)
    fail(json.tok.start, FORM_JSON, 'Without a Content-Type, curl sends -d data as a form; --json sets it.', BODY);
  const form: Record<string, string> = {};
  for (const d of a.data) fields(d, form, 'form field');
  return { form: nonEmpty(form) };
}

/** The body under a JSON Content-Type: one data piece (curl would join more with `&`), located where it breaks. */
function jsonBody({ kind, tok }: Piece, second: Piece | undefined, file: string): JsonValue {
  if (second) fail(second.tok.start, 'curl joins the data with &: not JSON', 'Send one JSON body.', 'invalid-json');
  if (kind === 'urlencode') fail(tok.start, '--data-urlencode data is not JSON', 'Send JSON with -d.', BODY);
  const { json, diagnostic: d } = parseJsonBlock(tok.text, 1, file, 'the request body');
  if (json || !d) return json?.value ?? null;
  let offset = d.column - 1;
  for (const line of tok.text.split('\n').slice(0, d.line - 1)) offset += line.length + 1;
  fail(tok.at[offset] ?? (tok.at.at(-1) ?? tok.start - 1) + 1, d.message, d.hint ?? '', 'invalid-json');
}

/** The placeholders of a word: `$NAME` keeps its written form as `raw`. */
const located = (s: Token) =>
  scanPlaceholders(s.text).map((m) => ({ ...m, offset: s.at[m.index] ?? 0, raw: s.written.get(m.index) ?? m.raw }));

function buildRequest(a: CurlArgs, file: string, src: SourceFile, out: CurlParse): RequestSpec {
  const url = readUrl(a.url ?? fail(a.curl.start, 'the curl command has no URL', 'Add the URL.', 'missing-path'), out);
  const headers = readHeaders(a);
  const payload = readBody(a, url.query, file);
  const method = (a.method?.text ?? (a.data.length > 0 && !a.get ? 'POST' : 'GET')).toUpperCase();
  const user = a.user?.text ?? '';
  const colon = colonAt(user);
  if (a.user && colon < 0) fail(a.user.start, `-u "${user}" has no password`, "Write -u 'user:password'.");
  const used = [url.used, ...a.headers, ...a.data.map((d) => d.tok), ...(a.user ? [a.user] : [])];
  const placeholders: Placeholder[] = used
    .flatMap(located)
    .sort((x, y) => x.offset - y.offset)
    .map(({ expr, raw, offset }) => ({ expr, raw, ...src.positionAt(offset) }));
  return {
    ...{ method, path: url.path, query: nonEmpty(url.query), headers: nonEmpty(headers), ...payload },
    ...(a.user ? { basic: { username: user.slice(0, colon), password: user.slice(colon + 1) } } : {}),
    ...{ followRedirects: a.follow, placeholders, ...src.positionAt(a.curl.start) },
  };
}

/** True when the fence holds a curl command: its first line that is neither blank nor a comment starts with `curl` (after an optional `$ `). */
export function isCurlBlock(content: string): boolean {
  const line = content.split('\n').find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  return /^\s*(?:\$\s+)?curl(?:\s|\\?$)/.test(line ?? '');
}

/** The request of a curl fence whose content (LF line endings) starts at 1-based file line `contentLine`. Never throws. */
export function parseCurlRequest(content: string, contentLine: number, file: string): CurlParse {
  const src = new SourceFile(file, content, { line: contentLine, column: 1 });
  const out: CurlParse = { diagnostics: [] };
  try {
    out.request = buildRequest(readArgs(curlWords(content)), file, src, out);
  } catch (err) {
    const bug = { offset: 0, message: `cardcheck failed: ${err}`, hint: ONE, ruleId: 'unreadable-request' };
    const { offset, message, hint, ruleId } = (err as Partial<Unreadable> | null)?.unreadable
      ? (err as Unreadable)
      : bug;
    out.diagnostics.push({ ruleId, severity: 'error', file, ...src.positionAt(offset), message, hint });
  }
  return out;
}
