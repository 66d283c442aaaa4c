import type { LookupFunction } from 'node:net';
import type { Dispatcher } from 'undici';
import { CardcheckError } from '../core/errors.js';
import type { RequestShape } from '../core/request.js';
import type { ObservedResponse } from '../core/response.js';
import { jsonTooDeep, MAX_RESPONSE_DEPTH } from '../util/json-depth.js';
import { DEFAULT_MAX_BODY_BYTES, RequestCall, readCapped, stoppedError } from './bounds.js';
import type { DispatcherPool, TlsSettings } from './dispatchers.js';
import { createDispatcherPool } from './dispatchers.js';
import type { ProxySettings } from './proxy-env.js';
import { toTransportError } from './transport-error.js';

export type { TlsSettings } from './dispatchers.js';
export type { ProxySettings } from './proxy-env.js';

/** A request as the executor hands it over: already rendered, origin-relative path. */
export interface HttpRequest extends RequestShape {
  /** Base URL of the API; the path is joined to its own path prefix. */
  baseUrl: string;
  /** Follow same-origin redirects (at most 5). Cross-origin redirects are never followed. */
  followRedirects?: boolean;
  /** Body byte cap of this request (the card's `maxBodyBytes`); the client's when absent. */
  maxBodyBytes?: number;
}

export type HttpResponse = ObservedResponse;

export interface HttpClient {
  send(request: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
  /**
   * Stop every request in flight (their connections are dropped) with `why`;
   * requests sent afterwards (cleanups) get `laterDeadlineMs` at most.
   */
  abortInFlight?(why: string, laterDeadlineMs?: number): void;
}

export interface HttpClientOptions {
  /** Per-request deadline: connecting, headers and the whole body, redirects included. @default 30000 */
  timeoutMs?: number;
  /** Response body byte cap per request, unless the request sets its own. @default 8 MiB */
  maxBodyBytes?: number;
  /** TLS settings (private CA, client certificate) per origin, e.g. `{ 'https://api.staging.example:443': { ca } }`. */
  tls?: Readonly<Record<string, TlsSettings>>;
  /** Proxies to use (see `proxySettingsFromEnv`); no proxy when absent. */
  proxy?: ProxySettings;
  /** Host name lookup; tests inject one instead of real DNS. */
  lookup?: LookupFunction;
}

/** Join an origin-relative path to the base URL, keeping the base's own path prefix. */
export function joinUrl(baseUrl: string, path: string, query?: Record<string, string>): URL {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const url = new URL(base.origin);
  const cut = path.indexOf('?');
  const p = cut < 0 ? path : path.slice(0, cut);
  const q = cut < 0 ? '' : path.slice(cut + 1);
  url.pathname = `${prefix}${p.startsWith('/') ? p : `/${p}`}`;
  if (q) url.search = q;
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.append(k, v);
  return url;
}

/** Headers and body as sent: a form wins over a JSON body; the request's own content-type wins over the default. */
function encode(req: HttpRequest): { headers: Record<string, string>; body?: string } {
  const headers: Record<string, string> = { accept: 'application/json' };
  // Header names are case-insensitive: later ones replace earlier ones.
  for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
  if (req.form !== undefined) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    return { headers, body: new URLSearchParams(req.form).toString() };
  }
  if (req.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    return { headers, body: JSON.stringify(req.body) };
  }
  return { headers };
}

const tooDeep = () =>
  new CardcheckError(
    'transport',
    `the response is JSON nested deeper than ${MAX_RESPONSE_DEPTH} levels, more than cardcheck reads: it is not checked`,
    { transport: 'invalid-response' },
  );

/** The body as JSON when the content type says JSON and it parses; else undefined. Too deep a body is an error. */
function parseJson(text: string, contentType: string): unknown {
  if (!/[/+]json\b/i.test(contentType) || text.trim() === '') return undefined;
  if (jsonTooDeep(text)) throw tooDeep();
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One request to one URL, no redirect followed, inside the call's deadline and byte cap. */
async function sendOnce(pool: DispatcherPool, url: URL, req: HttpRequest, call: RequestCall, cap: number) {
  const { headers, body } = encode(req);
  const started = performance.now();
  const route = pool.routeFor(url);
  let res: Dispatcher.ResponseData;
  let text: string;
  try {
    res = await route.dispatcher.request({
      origin: url.origin,
      path: url.pathname + url.search,
      method: req.method as Dispatcher.HttpMethod,
      headers,
      body,
      signal: call.signal,
    });
    call.headersIn = true;
    text = await readCapped(res.body, cap, call);
  } catch (err) {
    throw call.stopped() ?? toTransportError(err, url, route);
  }
  const responseHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers))
    if (v !== undefined) responseHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
  const contentType = responseHeaders['content-type'] ?? '';
  return {
    status: res.statusCode,
    headers: responseHeaders,
    contentType,
    json: parseJson(text, contentType),
    text,
    durationMs: performance.now() - started,
  };
}

/** Where a redirect goes; a `Location` that is no URL is the server's error, named as such. */
function redirectTarget(res: HttpResponse, url: URL): URL {
  const location = res.headers.location ?? '';
  try {
    return new URL(location, url);
  } catch {
    const shown = location.length > 200 ? `${location.slice(0, 200)}…` : location;
    throw new CardcheckError(
      'transport',
      `${url.origin} answered ${res.status} with a Location header that is not a valid URL (${JSON.stringify(shown)}); the redirect was not followed`,
      { transport: 'invalid-response' },
    );
  }
}

/** Send, following same-origin redirects (at most 5) when the request asks to; one deadline for all hops. */
async function sendFollowing(pool: DispatcherPool, req: HttpRequest, call: RequestCall, cap: number) {
  let url = joinUrl(req.baseUrl, req.path, req.query);
  let res = await sendOnce(pool, url, req, call, cap);
  for (
    let hops = 0;
    req.followRedirects && hops < 5 && res.status >= 300 && res.status < 400 && res.headers.location;
    hops++
  ) {
    const next = redirectTarget(res, url);
    // Credentials never travel to another origin: such redirects are returned as they are.
    if (next.origin !== url.origin) break;
    url = next;
    const method =
      res.status === 303 || ((res.status === 301 || res.status === 302) && req.method === 'POST') ? 'GET' : req.method;
    call.headersIn = false;
    res = await sendOnce(
      pool,
      url,
      { ...req, method, ...(method === 'GET' ? { body: undefined, form: undefined } : {}) },
      call,
      cap,
    );
  }
  return res;
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pool = createDispatcherPool({ timeoutMs, tls: options.tls, proxy: options.proxy, lookup: options.lookup });
  const inFlight = new Set<RequestCall>();
  let deadlineMs = timeoutMs;
  return {
    async send(req) {
      const call = new RequestCall(new URL(req.baseUrl).origin, deadlineMs);
      inFlight.add(call);
      try {
        return await sendFollowing(pool, req, call, req.maxBodyBytes ?? options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      } finally {
        call.done();
        inFlight.delete(call);
      }
    },
    abortInFlight(why, laterDeadlineMs) {
      if (laterDeadlineMs !== undefined) deadlineMs = Math.min(deadlineMs, laterDeadlineMs);
      for (const call of inFlight) call.stop(stoppedError(call.origin, why));
    },
    close: () => pool.close(),
  };
}
