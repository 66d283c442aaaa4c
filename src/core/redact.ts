import { jsonTooDeep } from '../util/json-depth.js';
import { base64Runs, decodeBase64Run, decodeViews, originalSpan } from './decode-view.js';
import type { Span } from './secret-index.js';
import { MIN_LENGTH, SecretIndex } from './secret-index.js';
import {
  GRANT_SECRET,
  isRedirectUrl,
  looksLikeForm,
  secretsInForm,
  secretsInHeaders,
  secretsInUrl,
} from './secret-places.js';

/**
 * Keys whose values are secret wherever they appear (JSON bodies, forms,
 * fields, headers, URL query strings): `access_token`, `tokens`, `authToken`,
 * `X-Auth-Token`, `id_token`, `client_secret`, `password`, `private_key`,
 * `jwt`, `session`, `cookie`… Not `token_type` or `issued_token_type` (their
 * values are words like `Bearer`), and not `code` or `state`: error codes
 * such as `rate_limited` stay visible. Those two are secret only in redirect
 * and authorize URLs and token requests (see secret-places.ts).
 */
export const SECRET_KEY = new RegExp(
  [
    'tokens?$',
    'secret|password|passwd|passphrase|^pwd$|api[-_]?keys?$|apikey|credential|private[-_]?key',
    'jwt|session|cookie|^(proxy-)?authorization$|assertion$|verifier$',
  ].join('|'),
  'i',
);
/** Environment variable names whose values are secret. */
export const SECRET_ENV = /TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|CREDENTIAL|PRIVATE/i;

export const REDACTED = '[redacted]';

/** Base64 runs are decoded and searched this many levels deep (base64 of a JSON holding a secret's escapes). */
const BASE64_DEPTH = 1;

/**
 * Tracks secret values from the moment they are captured or sent, and blanks
 * them in any text that leaves the engine. Matching is by decoding, not by a
 * list of encodings: the text is searched as written, then with its JSON
 * escapes (`\/`, `\u002b`) and percent-encoding (any case, `+` as a space)
 * decoded, and each base64/base64url run is decoded and searched; a secret
 * found in a decoded form blanks the original characters it came from.
 */
export class Redactor {
  private readonly index = new SecretIndex();
  private readonly declaredKeys = new Set<string>();

  /** Keys and header names declared secret by the config (`secrets: { keys: […] }`), compared case-insensitively. */
  declareSecretKeys(names: Iterable<string>): void {
    for (const n of names) this.declaredKeys.add(n.toLowerCase());
  }

  /** Whether values under this key, field or header name are secret. */
  isSecretKey = (key: string): boolean => SECRET_KEY.test(key) || this.declaredKeys.has(key.toLowerCase());

  /** Remember a secret value. Short values are ignored: blanking them would blank ordinary text. */
  add(value: unknown): void {
    if (typeof value === 'string' && value.length >= MIN_LENGTH) this.index.add(value);
  }

  /** A Basic pair: the base64 of `id:secret` and the secret. */
  addBasic(header: string): void {
    for (const v of secretsInHeaders({ authorization: header }, () => true)) this.add(v);
  }

  /**
   * Walk a parsed body: every value under a secret-looking key is a secret;
   * in an object with `grant_type` (a token request), `code` and `state` too;
   * a string that is a URL gives the secrets of its query and fragment.
   */
  addFromJson(value: unknown, secretKey = false): void {
    if (typeof value === 'string') {
      if (secretKey) this.add(value);
      else if (/^[a-z][\w+.-]*:\/\/\S*[?#@]/i.test(value)) this.addFromUrl(value);
    } else if (Array.isArray(value)) {
      for (const v of value) this.addFromJson(v, secretKey);
    } else if (value && typeof value === 'object') {
      const grant = 'grant_type' in value;
      for (const [k, v] of Object.entries(value))
        this.addFromJson(v, secretKey || this.isSecretKey(k) || (grant && GRANT_SECRET.test(k)));
    }
  }

  /** The secrets of a form (`a=1&b=2`, or URLSearchParams-like pairs). */
  addFromForm(form: string | Readonly<Record<string, string>>): void {
    const text = typeof form === 'string' ? form : new URLSearchParams(form).toString();
    for (const v of secretsInForm(text, this.isSecretKey)) this.add(v);
  }

  /** The secrets of a URL's query, fragment and user info; `redirect` makes `code` and `state` secret. */
  addFromUrl(url: string, redirect = isRedirectUrl(url)): void {
    for (const v of secretsInUrl(url, this.isSecretKey, redirect)) this.add(v);
  }

  /** The secrets of request or response headers (credentials, cookies, `Location` URLs). */
  addFromHeaders(headers: Readonly<Record<string, string>> | undefined): void {
    for (const v of secretsInHeaders(headers ?? {}, this.isSecretKey)) this.add(v);
  }

  /** A body as received: JSON when it parses, a form when it reads as one (a form-encoded token response). */
  addFromBody(text: string | undefined, json?: unknown): void {
    if (text === undefined || text === '') return;
    let parsed = json;
    // Too deep to walk: the client refuses such a response; its text is still searched for known secrets.
    if (parsed === undefined && !jsonTooDeep(text))
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    if (parsed !== undefined) this.addFromJson(parsed);
    else if (looksLikeForm(text)) this.addFromForm(text.trim());
  }

  addFromEnv(env: Readonly<Record<string, string | undefined>>): void {
    for (const [k, v] of Object.entries(env)) if (SECRET_ENV.test(k)) this.add(v);
  }

  /** `text` with every known secret, in any encoding, replaced by [redacted]. */
  redact(text: string): string {
    if (this.index.size === 0 || text.length < MIN_LENGTH) return text;
    const spans = this.find(text, BASE64_DEPTH);
    return spans.length === 0 ? text : blank(text, spans);
  }

  /**
   * A deep copy with every string redacted. An object or array reached twice (a card result's checks are also its
   * last attempt's) is copied and scanned once, and the copy shares it as the original did.
   */
  redactDeep<T>(value: T, copies = new Map<object, unknown>()): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (!value || typeof value !== 'object') return value;
    const done = copies.get(value);
    if (done !== undefined) return done as T;
    // Object.fromEntries defines each key as its own property: a body's "__proto__" key stays a key.
    const out = Array.isArray(value)
      ? value.map((v) => this.redactDeep(v, copies))
      : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactDeep(v, copies)]));
    copies.set(value, out);
    return out as T;
  }

  /** The parts of `text` that are a secret: as written, decoded, and inside base64 runs. */
  private find(text: string, depth: number): Span[] {
    const spans = this.index.scan(text);
    const views = decodeViews(text);
    for (const view of views) for (const s of this.index.scan(view.text)) spans.push(originalSpan(view, s));
    if (depth === 0) return spans;
    const last = views[views.length - 1];
    for (const { span, run } of base64Runs(last?.text ?? text)) {
      const at = last ? originalSpan(last, span) : span;
      // A run that is a secret found already (a token is often base64url) needs no decoding.
      if (spans.some(([start, end]) => start <= at[0] && at[1] <= end)) continue;
      if (decodeBase64Run(run).some((d) => d.length >= MIN_LENGTH && this.find(d, depth - 1).length > 0))
        spans.push(at);
    }
    return spans;
  }
}

/** `text` with each span replaced by [redacted]; overlapping spans become one. */
function blank(text: string, spans: Span[]): string {
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let copied = 0;
  for (const [start, end] of spans) {
    if (end <= copied) continue;
    if (start < copied) {
      copied = end;
      continue;
    }
    out += text.slice(copied, start) + REDACTED;
    copied = end;
  }
  return out + text.slice(copied);
}
