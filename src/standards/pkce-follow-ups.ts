import type { RequestShape } from '../core/request.js';
import type { ObservedResponse } from '../core/response.js';
import type { Outcome } from './exchange.js';
import { jsonObject, requestField, verdict } from './exchange.js';

/** The PKCE follow-ups (RFC 7636 §4.6, RFC 9700 §2.1.1), in the order they are sent. */
export const PKCE_RULES = [
  'followup-pkce-wrong-verifier',
  'followup-pkce-verifier-required',
  'followup-pkce-plain-refused',
] as const;
export type PkceRule = (typeof PKCE_RULES)[number];

/** A code exchange that proved a PKCE verifier: what the PKCE follow-ups start from. */
export const isPkceExchange = (sent: RequestShape, status: number) =>
  status >= 200 &&
  status < 300 &&
  requestField(sent, 'grant_type') === 'authorization_code' &&
  requestField(sent, 'code') !== undefined &&
  requestField(sent, 'code_verifier') !== undefined;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The request with these fields set (or removed, for `undefined`) where it carries them: its form, its JSON body or
 * its query; a field it does not carry yet is added to its form, body or query, in that order.
 */
export function withFields<R extends RequestShape>(req: R, fields: Record<string, string | undefined>): R {
  const edit = <T>(o: Readonly<Record<string, T>>) => {
    const out: Record<string, T | string> = { ...o };
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) delete out[k];
      else out[k] = v;
    }
    return out;
  };
  const carries = (o: object | undefined) => o !== undefined && Object.keys(fields).some((k) => k in o);
  if (req.form && (carries(req.form) || !carries(req.query))) return { ...req, form: edit(req.form) as never };
  if (isRecord(req.body) && (carries(req.body) || !carries(req.query)))
    return { ...req, body: edit(req.body) as never };
  return { ...req, query: edit(req.query ?? {}) as never };
}

/** The authorization request's PKCE method: `S256`, `plain`, or `plain` by default when a challenge is sent alone. */
export function challengeMethod(authorize: RequestShape): string | undefined {
  if (requestField(authorize, 'code_challenge') === undefined) return undefined;
  return requestField(authorize, 'code_challenge_method') ?? 'plain';
}

const errorOf = (res: ObservedResponse) => {
  const e = jsonObject(res)?.error;
  return typeof e === 'string' ? ` ${e.slice(0, 40)}` : '';
};

/** A fresh code exchanged with another verifier: 400 `invalid_grant` (RFC 7636 §4.6). */
export const judgeWrongVerifier = (res: ObservedResponse): Outcome =>
  verdict(
    'followup-pkce-wrong-verifier',
    res.status === 400 && jsonObject(res)?.error === 'invalid_grant',
    `a fresh code with a wrong code_verifier got ${res.status}${errorOf(res)}`,
  );

/** A fresh code exchanged without a verifier: refused (400 `invalid_grant`, or `invalid_request` for the missing parameter). */
export const judgeVerifierRequired = (res: ObservedResponse): Outcome => {
  const error = jsonObject(res)?.error;
  return verdict(
    'followup-pkce-verifier-required',
    res.status === 400 && (error === 'invalid_grant' || error === 'invalid_request'),
    `a fresh code without code_verifier got ${res.status}${errorOf(res)}`,
  );
};

/** The `error` and `code` of a redirect's Location, when the answer is one. */
function redirectParams(res: ObservedResponse): URLSearchParams | undefined {
  const location = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'location')?.[1];
  if (res.status < 300 || res.status >= 400 || !location) return undefined;
  try {
    const url = new URL(location, 'http://relative.invalid');
    return new URLSearchParams([...url.searchParams, ...new URLSearchParams(url.hash.slice(1))]);
  } catch {
    return undefined;
  }
}

/**
 * An authorization request with `code_challenge_method=plain`: refused with an error answer (4xx) or an error
 * redirect, never a code. `code` is the code the step's own extraction finds in the answer, if any.
 */
export function judgePlainRefused(res: ObservedResponse, code: unknown): Outcome {
  const rule = 'followup-pkce-plain-refused';
  const params = redirectParams(res);
  const issued = code !== undefined || params?.get('code') != null;
  if (issued) return verdict(rule, false, `an authorization request with plain got ${res.status} and a code`);
  const error = params?.get('error') ?? jsonObject(res)?.error;
  const refused = res.status >= 400 || typeof error === 'string';
  const said = typeof error === 'string' ? ` ${error.slice(0, 40)}` : '';
  return verdict(
    rule,
    refused,
    refused
      ? `an authorization request with plain got ${res.status}${said}`
      : `an authorization request with plain got ${res.status}, neither an error nor a code`,
  );
}
