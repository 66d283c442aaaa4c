import type { RequestShape } from '../core/request.js';
import type { ObservedResponse } from '../core/response.js';

/** What a pack looks at: the request as sent (rendered, auth headers added) and its response. */
export interface Exchange {
  request: RequestShape;
  /** The full URL the request went to (discovery compares `issuer` with it). */
  url: string;
  response: ObservedResponse;
}

/** One rule's verdict on one response; rules that do not apply to it give none. */
export interface Outcome {
  rule: string;
  ok: boolean;
  /** What was found, shown as the check's actual value: never a secret (types, names, header values of no secret). */
  found: string;
}

export const pass = (rule: string, found: string): Outcome => ({ rule, ok: true, found });
export const fail = (rule: string, found: string): Outcome => ({ rule, ok: false, found });
export const verdict = (rule: string, ok: boolean, found: string): Outcome => ({ rule, ok, found });

/** A request header, case-insensitively. */
export function requestHeader(req: RequestShape, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(req.headers ?? {})) if (k.toLowerCase() === want) return v;
  return undefined;
}

/** The JSON body when it is an object, else undefined. */
export function jsonObject(res: ObservedResponse): Record<string, unknown> | undefined {
  const j = res.json;
  return j !== null && typeof j === 'object' && !Array.isArray(j) ? (j as Record<string, unknown>) : undefined;
}

/** `application/json` or a `+json` type, parameters aside. */
export function isJsonType(contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[\w.-]+\+json$/.test(type);
}

export const shownType = (contentType: string) => contentType.split(';')[0]?.trim() || 'no Content-Type';

/** What a JSON value is, for a message: `string`, `number`, `list`, `missing`… */
export function typeName(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return `a ${typeof v}`;
}

/** A field the request sent, in its form, JSON body or query. */
export function requestField(req: RequestShape, name: string): string | undefined {
  if (req.form && name in req.form) return req.form[name];
  const b = req.body;
  if (b !== null && typeof b === 'object' && !Array.isArray(b) && name in b) {
    const v = (b as Record<string, unknown>)[name];
    return typeof v === 'string' ? v : JSON.stringify(v);
  }
  return req.query?.[name];
}

export const is2xx = (s: number) => s >= 200 && s < 300;

/** A loopback host, where http is as good as https (RFC 8252 §7.3, and test servers). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** An absolute https URL, or http on loopback. */
export function isSecureUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u.hostname));
  } catch {
    return false;
  }
}
