import { randomBytes } from 'node:crypto';
import type { EndpointKind } from '../core/endpoint-kind.js';
import type { RequestShape } from '../core/request.js';
import type { ObservedResponse } from '../core/response.js';
import type { Outcome } from './exchange.js';
import { jsonObject, requestField, requestHeader, verdict } from './exchange.js';

/** One more request after the card's, and how its answer is judged. */
export interface FollowUp {
  rule: string;
  /** The card's request as sent, changed: what the follow-up sends. */
  vary: <R extends RequestShape>(sent: R) => R;
  judge: (res: ObservedResponse) => Outcome;
  /** Sending it may spoil what other cards use (a replayed code revokes its tokens): it then waits for them. */
  spoilsOthers?: boolean;
}

/** Form or JSON body fields that carry client credentials. */
export const CLIENT_FIELDS = ['client_id', 'client_secret', 'client_assertion', 'client_assertion_type'];

const withoutKeys = <T>(o: Readonly<Record<string, T>> | undefined, keys: (k: string) => boolean) =>
  o && Object.fromEntries(Object.entries(o).filter(([k]) => !keys(k)));

/** The request with `token` replaced, in its form or its JSON body. */
function withToken<R extends RequestShape>(sent: R, token: string): R {
  if (sent.form && 'token' in sent.form) return { ...sent, form: { ...sent.form, token } };
  const body = sent.body;
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) return { ...sent, body: { ...body, token } };
  return sent;
}

/** The request without any credential: no Authorization header, no client credentials in its form or body. */
function anonymous<R extends RequestShape>(sent: R): R {
  const body = sent.body;
  return {
    ...sent,
    headers: withoutKeys(sent.headers, (k) => k.toLowerCase() === 'authorization'),
    form: withoutKeys(sent.form, (k) => CLIENT_FIELDS.includes(k)),
    body:
      body !== null && typeof body === 'object' && !Array.isArray(body)
        ? withoutKeys(body as Record<string, never>, (k) => CLIENT_FIELDS.includes(k))
        : body,
  };
}

const errorOf = (res: ObservedResponse) => {
  const e = jsonObject(res)?.error;
  return typeof e === 'string' ? ` ${e.slice(0, 40)}` : '';
};

/**
 * The follow-ups a card's answer calls for. A code exchange's replay may revoke the tokens it issued (RFC 6749
 * §4.1.2), which cards using the card's response would hold: it says so (`spoilsOthers`) and the run postpones it.
 */
export function followUpsFor(kind: EndpointKind, sent: RequestShape, res: ObservedResponse): FollowUp[] {
  const ok = res.status >= 200 && res.status < 300;
  if (kind === 'token' && ok && requestField(sent, 'grant_type') === 'authorization_code')
    return [
      {
        rule: 'followup-code-single-use',
        spoilsOthers: true,
        vary: (r) => r,
        judge: (again) =>
          verdict(
            'followup-code-single-use',
            again.status === 400 && jsonObject(again)?.error === 'invalid_grant',
            `the second exchange answered ${again.status}${errorOf(again)}`,
          ),
      },
    ];
  if (kind === 'revocation' && ok && requestField(sent, 'token') !== undefined)
    return [
      {
        rule: 'followup-revoke-unknown-token',
        vary: (r) => withToken(r, `cardcheck-unknown-${randomBytes(12).toString('hex')}`),
        judge: (again) =>
          verdict(
            'followup-revoke-unknown-token',
            again.status === 200,
            `an unknown token answered ${again.status}${errorOf(again)}`,
          ),
      },
    ];
  const credentials =
    requestHeader(sent, 'authorization') !== undefined ||
    CLIENT_FIELDS.some((f) => requestField(sent, f) !== undefined);
  if (kind === 'introspection' && res.status === 200 && credentials)
    return [
      {
        rule: 'followup-introspection-auth',
        vary: anonymous,
        judge: (again) =>
          verdict(
            'followup-introspection-auth',
            again.status >= 400,
            `a caller without credentials got ${again.status}${errorOf(again)}`,
          ),
      },
    ];
  return [];
}

/**
 * A registration that returned its management URL and token (RFC 7592 §3): once the card's cleanup deleted the
 * client, a read of that URL with that token must answer 401 (§2.3). Only a URL under the request's base URL is read.
 */
export function deletedRegistrationFollowUp<R extends RequestShape & { baseUrl: string }>(
  sent: R,
  res: ObservedResponse,
): (Omit<FollowUp, 'vary'> & { vary: (r: R) => R }) | undefined {
  const body = jsonObject(res);
  const uri = body?.registration_client_uri;
  const token = body?.registration_access_token;
  if (sent.method.toUpperCase() !== 'POST' || res.status >= 300 || typeof uri !== 'string' || typeof token !== 'string')
    return undefined;
  const base = sent.baseUrl.replace(/\/+$/, '');
  if (!uri.startsWith(`${base}/`)) return undefined;
  const path = uri.slice(base.length);
  return {
    rule: 'followup-registration-deleted',
    vary: (r) => ({
      ...r,
      method: 'GET',
      path,
      query: {},
      headers: { Authorization: `Bearer ${token}` },
      form: undefined,
      body: undefined,
    }),
    judge: (again) =>
      verdict(
        'followup-registration-deleted',
        again.status === 401,
        `the deleted client's configuration answered ${again.status}`,
      ),
  };
}
