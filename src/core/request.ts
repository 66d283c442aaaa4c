import type { JsonValue } from './json.js';

/**
 * What every request is made of, wherever it is in the pipeline: as a card
 * writes it (`RequestSpec`, values may hold placeholders), rendered for
 * sending (`HttpRequest`), kept in the cleanup journal (`JournalCleanup`), or
 * drafted from a vendor page (`cardcheck import`). Each of those is derived
 * from this one, so a new field of a request is added here, once.
 */
export interface RequestShape {
  method: string;
  /** Origin-relative path; joined to the base URL of the API the request calls. */
  path: string;
  query?: Readonly<Record<string, string>>;
  headers?: Readonly<Record<string, string>>;
  /** JSON body. */
  body?: JsonValue;
  /** application/x-www-form-urlencoded body; sent instead of `body` when both are given. */
  form?: Readonly<Record<string, string>>;
}

/**
 * A token request (`grant_type` in its form or body, or a path ending in /token): what it returns is a credential
 * that expires, not a resource to clean up.
 */
export function isTokenRequest(r: RequestShape): boolean {
  if (r.form && 'grant_type' in r.form) return true;
  if (/\/token$/i.test(r.path)) return true;
  const body = r.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body) && 'grant_type' in body;
}

/** Whether the request's method may create something (POST, PUT): what lint warns about and a run lists when no cleanup undoes it. */
export const mayCreate = (r: Pick<RequestShape, 'method'>) => r.method === 'POST' || r.method === 'PUT';
