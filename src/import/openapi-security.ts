import type { AuthProfile } from '../core/config.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import { envName } from './openapi-values.js';

/** How a drafted request proves who it is: a config auth profile, or headers/query/basic from env variables. */
export interface AuthDraft {
  /** A profile of the config that does what the scheme asks. */
  profile?: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  basic?: { username: string; password: string };
  /** Env variables the request reads, each with the security scheme it stands for. */
  env: { name: string; scheme: string }[];
}

const obj = (v: JsonValue | undefined): JsonObject | undefined => (isJsonObject(v) ? v : undefined);

/** `PETSTORE` + `petstore_auth` → `PETSTORE_AUTH`; `PETSTORE` + `api_key` → `PETSTORE_API_KEY`. */
export function prefixed(prefix: string, name: string): string {
  const n = envName(name);
  return n === prefix || n.startsWith(`${prefix}_`) ? n : `${prefix}_${n}`;
}

/** The path of a token URL (`https://auth.example/oauth/token` → `/oauth/token`). */
const urlPath = (url: string) => {
  try {
    return new URL(url, 'http://x').pathname;
  } catch {
    return url;
  }
};

/** The one profile of the config that does what the scheme asks, when exactly one does. */
function matchingProfile(scheme: JsonObject, profiles: Record<string, AuthProfile>): string | undefined {
  const fits = (p: AuthProfile): boolean => {
    if (scheme.type === 'apiKey' && scheme.in === 'header' && typeof scheme.name === 'string')
      return (
        p.type === 'headers' &&
        Object.keys(p.headers).some((h) => h.toLowerCase() === String(scheme.name).toLowerCase())
      );
    if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer') return p.type === 'bearer';
    if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic') return p.type === 'basic';
    if (scheme.type === 'oauth2') {
      const tokenUrl = obj(obj(scheme.flows)?.clientCredentials)?.tokenUrl;
      return (
        p.type === 'oauth2-client-credentials' && typeof tokenUrl === 'string' && urlPath(tokenUrl) === p.tokenPath
      );
    }
    return false;
  };
  const names = Object.entries(profiles)
    .filter(([, p]) => fits(p))
    .map(([n]) => n);
  return names.length === 1 ? names[0] : undefined;
}

/** Adds what one security scheme puts on a request. */
function applyScheme(draft: AuthDraft, name: string, scheme: JsonObject, prefix: string): void {
  const env = prefixed(prefix, name);
  const use = (v: string) => {
    draft.env.push({ name: v, scheme: name });
    return `{{env.${v}}}`;
  };
  if (scheme.type === 'apiKey' && typeof scheme.name === 'string') {
    if (scheme.in === 'query') draft.query[scheme.name] = use(env);
    else if (scheme.in === 'cookie') draft.headers.Cookie = `${scheme.name}=${use(env)}`;
    else draft.headers[scheme.name] = use(env);
  } else if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic')
    draft.basic = { username: use(`${env}_USERNAME`), password: use(`${env}_PASSWORD`) };
  // http bearer, oauth2 and openIdConnect: a token the author obtains.
  else draft.headers.Authorization = `Bearer ${use(env)}`;
}

/**
 * What the operation's security requirement (its own `security`, else the
 * document's) puts on a request: the first alternative, every scheme of it. A
 * scheme one of the config's profiles already does becomes that profile;
 * otherwise env variables named after the API and the scheme. Undefined when
 * the operation needs no credentials.
 */
export function securityFor(
  doc: JsonObject,
  op: JsonObject,
  prefix: string,
  profiles: Record<string, AuthProfile> = {},
): AuthDraft | undefined {
  const requirements = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : [];
  const first = obj(requirements[0]);
  if (!first || Object.keys(first).length === 0) return undefined;
  const schemes = obj(obj(doc.components)?.securitySchemes) ?? obj(doc.securityDefinitions) ?? {};
  const draft: AuthDraft = { headers: {}, query: {}, env: [] };
  const names = Object.keys(first);
  const only = names.length === 1 ? obj(schemes[names[0] as string]) : undefined;
  const profile = only ? matchingProfile(only, profiles) : undefined;
  if (profile) return { ...draft, profile };
  for (const name of names) {
    const scheme = obj(schemes[name]);
    // Swagger 2: `type: basic`.
    if (scheme) applyScheme(draft, name, scheme.type === 'basic' ? { type: 'http', scheme: 'basic' } : scheme, prefix);
  }
  return draft;
}

/**
 * The config profile that sends exactly the header parameters a vendor page
 * lists (`X-Auth-Token` and `X-User-Id` → a `headers` profile with both; a
 * lone `Authorization` → a `bearer` or `basic` profile): one of `preferred`
 * (the profiles of the API the cards call) when exactly one fits, else the
 * only one of all that fits. Undefined when none or several do.
 */
export function profileForHeaders(
  headers: readonly string[],
  profiles: Record<string, AuthProfile>,
  preferred: readonly string[] = [],
): string | undefined {
  if (headers.length === 0) return undefined;
  const wanted = headers.map((h) => h.toLowerCase()).sort();
  const fits = ([, p]: [string, AuthProfile]) => {
    if (p.type === 'headers') {
      const has = Object.keys(p.headers)
        .map((h) => h.toLowerCase())
        .sort();
      return has.length === wanted.length && has.every((h, i) => h === wanted[i]);
    }
    return wanted.length === 1 && wanted[0] === 'authorization' && (p.type === 'bearer' || p.type === 'basic');
  };
  const all = Object.entries(profiles)
    .filter(fits)
    .map(([n]) => n);
  const mine = all.filter((n) => preferred.includes(n));
  if (mine.length === 1) return mine[0];
  return all.length === 1 ? all[0] : undefined;
}
