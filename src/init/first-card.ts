import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

/** Where an API commonly serves its OpenAPI document, relative to its base URL. */
export const OPENAPI_PATHS = ['/openapi.json', '/v3/api-docs', '/swagger.json'] as const;

/** How long init waits for each request it sends (the OpenAPI lookups, the probe). */
const PROBE_MS = 5000;

/** The endpoint of the first card and how it was chosen; `status` and `body` are what the API answered, when it did. */
export interface FirstEndpoint {
  path: string;
  /** Where the path came from, for the summary line and the card's text. */
  from: string;
  /** The operation's summary or id, when an OpenAPI document gave the path. */
  title?: string;
  status: number;
  /** The JSON type of the 2xx body the API answered (object, array), when it was JSON. */
  bodyType?: 'object' | 'array';
  /** Why the card expects 200 without having seen it (unreachable, 401 without credentials, …). */
  note?: string;
}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A local `#/components/...` reference, followed once; anything else as is. */
function deref(doc: Json, x: unknown): unknown {
  if (!isObject(x) || typeof x.$ref !== 'string' || !x.$ref.startsWith('#/')) return x;
  let at: unknown = doc;
  for (const part of x.$ref.slice(2).split('/'))
    at = isObject(at) ? at[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return at;
}

/**
 * The first safe operation of an OpenAPI 3 (or Swagger 2) document that needs
 * nothing from the caller: a GET whose path has no parameter and which has no
 * required parameter, in document order. Undefined when there is none.
 */
export function firstSafeGet(doc: unknown): { path: string; title?: string } | undefined {
  if (!isObject(doc) || typeof (doc.openapi ?? doc.swagger) !== 'string' || !isObject(doc.paths)) return undefined;
  for (const [path, rawItem] of Object.entries(doc.paths)) {
    const item = deref(doc, rawItem);
    if (!isObject(item) || path.includes('{') || !path.startsWith('/')) continue;
    const op = item.get;
    if (!isObject(op)) continue;
    const params = [
      ...(Array.isArray(item.parameters) ? item.parameters : []),
      ...(Array.isArray(op.parameters) ? op.parameters : []),
    ].map((p) => deref(doc, p));
    if (params.some((p) => isObject(p) && p.required === true)) continue;
    const title =
      typeof op.summary === 'string' ? op.summary : typeof op.operationId === 'string' ? op.operationId : undefined;
    return { path, ...(title ? { title } : {}) };
  }
  return undefined;
}

/** Parsed JSON or YAML text; undefined when it is neither. */
function parseDocument(text: string): unknown {
  try {
    return parseYaml(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

/** A GET to `url`, bounded in time; undefined when nothing answered. */
async function get(url: string): Promise<{ status: number; type: string; text: string } | undefined> {
  try {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(PROBE_MS) });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', text };
  } catch {
    return undefined;
  }
}

const join = (base: string, rel: string) => `${base.replace(/\/+$/, '')}${rel}`;

/** The OpenAPI document the API serves at a well-known path, with the path it was found at. */
async function servedOpenApi(baseUrl: string): Promise<{ doc: unknown; at: string } | undefined> {
  for (const p of OPENAPI_PATHS) {
    const res = await get(join(baseUrl, p));
    if (res?.status !== 200) continue;
    const doc = parseDocument(res.text);
    if (isObject(doc) && (doc.openapi ?? doc.swagger) !== undefined) return { doc, at: p };
  }
  return undefined;
}

export interface FirstEndpointOptions {
  baseUrl: string;
  /** The folder `openapi` is relative to. */
  cwd: string;
  /** `--openapi FILE`: the document to take the first safe GET from. */
  openapi?: string;
  /** `--path`: the path to call when no OpenAPI document gives one. */
  path?: string;
  /** An auth style other than none: a 401/403 without credentials is expected to become a 2xx with them. */
  withAuth: boolean;
}

/**
 * The endpoint the first card calls: the first safe GET of `--openapi FILE` or
 * of the document the API serves at a well-known path; else `--path`; else `/`.
 * It is called once, without credentials, to learn the status and body type to expect.
 * Errors as values: a `--openapi` file that cannot be read or holds no such GET is a message.
 */
export async function firstEndpoint(opts: FirstEndpointOptions): Promise<FirstEndpoint | { error: string }> {
  let chosen: { path: string; from: string; title?: string } | undefined;
  if (opts.openapi) {
    const text = await readFile(path.resolve(opts.cwd, opts.openapi), 'utf8').catch(() => undefined);
    if (text === undefined) return { error: `--openapi ${opts.openapi}: the file does not exist or cannot be read` };
    const op = firstSafeGet(parseDocument(text));
    if (!op && !opts.path)
      return {
        error: `--openapi ${opts.openapi}: no GET without parameters in it (or it is not an OpenAPI document); give --path /some/get`,
      };
    if (op) chosen = { ...op, from: `the first GET without parameters of ${opts.openapi}` };
  } else if (!opts.path) {
    const served = await servedOpenApi(opts.baseUrl);
    const op = served ? firstSafeGet(served.doc) : undefined;
    if (op && served)
      chosen = { ...op, from: `the first GET without parameters of the OpenAPI document at ${served.at}` };
  }
  chosen ??= opts.path
    ? { path: opts.path, from: 'the path given' }
    : { path: '/', from: 'the base URL itself (no --path)' };
  return { ...chosen, ...(await expectation(join(opts.baseUrl, chosen.path), opts.withAuth)) };
}

/** The status and body type the card expects, from one call to the endpoint. */
async function expectation(
  url: string,
  withAuth: boolean,
): Promise<Pick<FirstEndpoint, 'status' | 'bodyType' | 'note'>> {
  const res = await get(url);
  if (!res) return { status: 200, note: `${url} did not answer now; check the base URL and the path before running` };
  if (res.status >= 200 && res.status < 300) {
    let bodyType: FirstEndpoint['bodyType'];
    if (/json/i.test(res.type)) {
      try {
        const body: unknown = JSON.parse(res.text);
        bodyType = Array.isArray(body) ? 'array' : isObject(body) ? 'object' : undefined;
      } catch {
        bodyType = undefined;
      }
    }
    return { status: res.status, ...(bodyType ? { bodyType } : {}) };
  }
  if ((res.status === 401 || res.status === 403) && withAuth)
    return { status: 200, note: `it answered ${res.status} without credentials; the card expects 200 with them` };
  return { status: 200, note: `it answered ${res.status} now; check the path, or edit the card's expected status` };
}
