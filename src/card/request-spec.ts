import type { EndpointRef, Placeholder, RequestSpec } from '../core/card.js';
import type { Diagnostic, SourcePos } from '../core/diagnostic.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import { didYouMean } from '../util/did-you-mean.js';
import { HTTP_METHODS, parseEndpointRef } from './endpoint-ref.js';
import type { ParsedJson } from './json-block.js';

export const REQUEST_KEYS = [
  'method',
  'path',
  'query',
  'headers',
  'body',
  'form',
  'basic',
  'auth',
  'followRedirects',
] as const;

/**
 * The query or headers of a request that has none: one frozen object shared
 * by every such request (most of them), since a parsed card is only read.
 */
const NONE: Readonly<Record<string, string>> = Object.freeze({});

/** A request from `METHOD /path` text (the legacy UID forms), optionally with a JSON body. */
export function requestFromEndpoint(endpoint: EndpointRef, placeholders: Placeholder[], body?: JsonValue): RequestSpec {
  return {
    method: endpoint.method,
    path: endpoint.path,
    query: NONE,
    headers: NONE,
    body,
    followRedirects: false,
    placeholders,
    line: endpoint.line,
    column: endpoint.column,
  };
}

export function stringRecord(v: JsonValue | undefined): Readonly<Record<string, string>> {
  if (!isJsonObject(v)) return NONE;
  let out: Record<string, string> | undefined;
  for (const k in v) {
    const x = v[k];
    const value = typeof x === 'string' ? x : JSON.stringify(x);
    out ??= {};
    // A "__proto__" key (possible in JSON) is a header like any other, not the object's prototype.
    if (k === '__proto__')
      Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
    else out[k] = value;
  }
  return out ?? NONE;
}

export interface RequestParse {
  request?: RequestSpec;
  diagnostics: Diagnostic[];
}

type Problem = (message: string, hint: string, ruleId?: string, p?: SourcePos) => Diagnostic;

/**
 * A request object `{ method, path, query?, headers?, body? | form?, basic?, auth?, followRedirects? }`
 * found at `path` inside a parsed JSON block. `extraKeys` are keys the caller handles (e.g. `cleanup`).
 */
export function parseRequestObject(
  json: ParsedJson,
  at: (string | number)[],
  file: string,
  what: string,
  extraKeys: readonly string[] = [],
): RequestParse {
  const pos = json.positionOf(at);
  const v = nodeValue(json, at) as JsonValue | undefined;
  const problem: Problem = (message, hint, ruleId = 'invalid-request', p = pos) => ({
    ruleId,
    severity: 'error',
    file,
    ...p,
    message,
    hint,
  });
  if (!isJsonObject(v))
    return {
      diagnostics: [
        problem(`${what} must be a JSON object`, 'Write { "method": "POST", "path": "/path", "body": { … } }.'),
      ],
    };
  const keyPos = (key: string) => (json.find([...at, key]) ? json.keyPositionOf([...at, key]) : pos);
  const diagnostics = unknownKeys(v, what, extraKeys, problem, keyPos);
  const method = typeof v.method === 'string' ? v.method.toUpperCase() : '';
  const unsendable = checkMethodAndPath(v, method, what, problem, keyPos);
  if (unsendable) {
    diagnostics.push(unsendable);
    return { diagnostics };
  }
  const basic = checkBodyAndAuth(v, what, problem, keyPos, diagnostics);
  const placeholders = json.placeholders(
    at,
    extraKeys.map((k) => [...at, k]),
  );
  return {
    request: {
      method,
      // checkMethodAndPath made sure it is a string.
      path: v.path as string,
      query: stringRecord(v.query),
      headers: stringRecord(v.headers),
      body: v.body,
      form: isJsonObject(v.form) ? stringRecord(v.form) : undefined,
      basic,
      auth: typeof v.auth === 'string' ? v.auth : undefined,
      followRedirects: v.followRedirects === true,
      placeholders,
      ...pos,
    },
    diagnostics,
  };
}

/** A warning for each key neither a request nor the caller knows. */
function unknownKeys(
  v: JsonObject,
  what: string,
  extraKeys: readonly string[],
  problem: Problem,
  keyPos: (key: string) => SourcePos,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const key of Object.keys(v)) {
    if ((REQUEST_KEYS as readonly string[]).includes(key) || extraKeys.includes(key)) continue;
    const near = didYouMean(key, [...REQUEST_KEYS, ...extraKeys]);
    diagnostics.push({
      ...problem(
        `${what} has an unknown key "${key}"`,
        near ? `Did you mean "${near}"?` : `Known keys: ${[...REQUEST_KEYS, ...extraKeys].join(', ')}.`,
        'unknown-key',
        keyPos(key),
      ),
      severity: 'warning',
    });
  }
  return diagnostics;
}

/** The error that leaves nothing to send: no HTTP method (`method` is the upper-cased one), or no path starting with /. */
function checkMethodAndPath(
  v: JsonObject,
  method: string,
  what: string,
  problem: Problem,
  keyPos: (key: string) => SourcePos,
): Diagnostic | undefined {
  if (!(HTTP_METHODS as readonly string[]).includes(method))
    return problem(
      v.method === undefined ? `${what} has no "method"` : `"${String(v.method)}" is not an HTTP method`,
      `Use one of ${HTTP_METHODS.join(', ')}.`,
      'invalid-request',
      keyPos('method'),
    );
  if (typeof v.path !== 'string' || !v.path.startsWith('/'))
    return problem(
      `${what} has no "path" starting with /`,
      'Add "path": "/the/endpoint/path" (relative to the API\'s base URL).',
      'missing-path',
      keyPos('path'),
    );
  return undefined;
}

/** Problems with `body`/`form`, `basic` and `auth`, added to `diagnostics`; the Basic credentials when well formed. */
function checkBodyAndAuth(
  v: JsonObject,
  what: string,
  problem: Problem,
  keyPos: (key: string) => SourcePos,
  diagnostics: Diagnostic[],
): RequestSpec['basic'] {
  const invalid = (message: string, hint: string, key: string) =>
    diagnostics.push(problem(message, hint, 'invalid-request', keyPos(key)));
  if (v.body !== undefined && v.form !== undefined)
    invalid(`${what} has both "body" and "form"`, 'Send either a JSON body or a form body, not both.', 'form');
  if (v.form !== undefined && !isJsonObject(v.form))
    invalid(
      '"form" must be an object of field names to values',
      'Write "form": { "grant_type": "client_credentials" }.',
      'form',
    );
  let basic: RequestSpec['basic'];
  if (v.basic !== undefined) {
    const b = v.basic as JsonObject;
    if (isJsonObject(b) && typeof b.username === 'string' && typeof b.password === 'string')
      basic = { username: b.username, password: b.password };
    else
      invalid(
        '"basic" must be { "username": "…", "password": "…" }',
        'Use placeholders such as {{resolved.client_id}} and {{resolved.client_secret}}.',
        'basic',
      );
  }
  if (v.auth !== undefined && typeof v.auth !== 'string')
    invalid(
      '"auth" must be the name of an auth profile, or "none"',
      'Name a profile from cardcheck.config.yaml.',
      'auth',
    );
  return basic;
}

function nodeValue(json: ParsedJson, at: (string | number)[]): unknown {
  let cur: unknown = json.value;
  for (const key of at)
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[key] : undefined;
  return cur;
}

/**
 * A step written either as `"METHOD /path"` (with an optional separate body) or as a request object.
 */
export function parseStep(
  json: ParsedJson,
  at: (string | number)[],
  file: string,
  what: string,
  bodyAt?: (string | number)[],
  headersAt?: (string | number)[],
): RequestParse {
  const raw = nodeValue(json, at);
  if (raw === undefined || raw === null) return { diagnostics: [] };
  if (typeof raw === 'string') {
    const pos = json.positionOf(at);
    const endpoint = parseEndpointRef(raw, pos.line, pos.column);
    if (!endpoint) {
      return {
        diagnostics: [
          {
            ruleId: 'invalid-endpoint',
            severity: 'error',
            file,
            ...pos,
            message: `${what} is "${raw}", not METHOD /path`,
            hint: 'Write it as e.g. "POST /platform/v1/apps", or as a request object { "method", "path", … }.',
          },
        ],
      };
    }
    const body = bodyAt ? (nodeValue(json, bodyAt) as JsonValue | undefined) : undefined;
    const headers = headersAt ? (nodeValue(json, headersAt) as JsonValue | undefined) : undefined;
    const placeholders = [at, bodyAt, headersAt].flatMap((p) => (p ? json.placeholders(p) : []));
    const request = requestFromEndpoint(endpoint, placeholders, body ?? undefined);
    // `create_headers` / `cleanup_headers` beside a "METHOD /path" step.
    if (isJsonObject(headers)) request.headers = stringRecord(headers);
    return { request, diagnostics: [] };
  }
  return parseRequestObject(json, at, file, what);
}
