/**
 * Where secrets are found outside a JSON body: forms, URLs (query and
 * fragment), headers. Each function returns the values to track; which keys
 * are secret is the caller's (the built-in names and the config's `secrets:`).
 */
export type IsSecretKey = (key: string) => boolean;

/** `code` and `state` are secret in redirect and authorize URLs and in token requests, nowhere else. */
export const GRANT_SECRET = /^(code|state)$/i;

/** A URL that carries an authorization code or state: an authorize endpoint, a callback, a redirect. */
export function isRedirectUrl(url: string): boolean {
  return /authori[sz]e|callback|redirect|[?&#](redirect_uri|response_type)=/i.test(url);
}

/** The values of `a=1&b=2` under secret keys; in a token request (`grant_type`), `code` and `state` too. */
export function secretsInForm(text: string, isSecret: IsSecretKey, grant = false): string[] {
  const params = new URLSearchParams(text.startsWith('?') || text.startsWith('#') ? text.slice(1) : text);
  const inGrant = grant || params.has('grant_type');
  const out: string[] = [];
  for (const [k, v] of params) if (isSecret(k) || (inGrant && GRANT_SECRET.test(k))) out.push(v);
  return out;
}

/** A body that reads as a form: `key=value` pairs joined by `&`, nothing else. */
export const looksLikeForm = (text: string) => /^[\w.~%[\]-]+=[^&\s]*(&[\w.~%[\]-]+=[^&\s]*)*$/.test(text.trim());

/**
 * The secret values of a URL: query and fragment parameters under secret keys
 * (`code` and `state` too when it is a redirect or authorize URL), and the
 * password of `user:pass@host`.
 */
export function secretsInUrl(url: string, isSecret: IsSecretKey, redirect = isRedirectUrl(url)): string[] {
  const out: string[] = [];
  const auth = /^[a-z][\w+.-]*:\/\/[^/?#@]*:([^/?#@]+)@/i.exec(url);
  if (auth?.[1]) out.push(decodeSafely(auth[1]));
  const q = url.indexOf('?');
  const h = url.indexOf('#');
  if (q >= 0) out.push(...secretsInForm(url.slice(q + 1, h > q ? h : undefined), isSecret, redirect));
  if (h >= 0) out.push(...secretsInForm(url.slice(h + 1), isSecret, redirect));
  return out;
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const COOKIE_ATTRIBUTE = /^(path|expires|domain|max-age|samesite|priority)$/i;

/** `a=1; b=2` (Cookie) or `a=1; Path=/; HttpOnly, b=2; …` (Set-Cookie, joined): every cookie's value. */
function cookieValues(header: string): string[] {
  const values: string[] = [];
  for (const part of header.split(/[;,]\s*/)) {
    const eq = part.indexOf('=');
    if (eq > 0 && !COOKIE_ATTRIBUTE.test(part.slice(0, eq))) values.push(part.slice(eq + 1));
  }
  return values;
}

/** Headers that name a URL which may carry a code or a token. */
const URL_HEADERS = /^(location|content-location|refresh|link)$/i;

/**
 * The secret values of request or response headers: the value of every
 * secret-named header (without its `Bearer`/`Basic` scheme), each cookie of
 * `Cookie`/`Set-Cookie`, the password of a Basic pair, and secrets in the
 * URLs `Location` and its kin point to.
 */
export function secretsInHeaders(headers: Readonly<Record<string, string>>, isSecret: IsSecretKey): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(headers)) {
    if (/cookie/i.test(k)) out.push(...cookieValues(v));
    if (URL_HEADERS.test(k))
      for (const url of v.match(/[^\s<>;,]+/g) ?? []) out.push(...secretsInUrl(url, isSecret, true));
    if (!isSecret(k)) continue;
    const m = /^(Bearer|Basic|Token|Digest|Negotiate|DPoP|MAC|ApiKey|SSWS)\s+(\S.*)$/i.exec(v);
    out.push(m?.[2] ?? v);
    if (m?.[1]?.toLowerCase() === 'basic') out.push(...basicParts(m[2] as string));
  }
  return out;
}

/** The password of a Basic pair's base64 `id:password`. */
function basicParts(b64: string): string[] {
  const decoded = Buffer.from(b64, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i >= 0 ? [decoded.slice(i + 1)] : [];
}
