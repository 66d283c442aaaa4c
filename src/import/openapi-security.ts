import type { AuthProfile } from '../core/config.js';
import type { JsonObject, JsonValue } from '../core/json.js';
import { isJsonObject } from '../core/json.js';
import { SECRET_ENV } from '../core/redact.js';
import { envName } from './openapi-values.js';

/** How a drafted request proves who it is: a config auth profile, or headers/query/basic from env variables. */
export interface AuthDraft {
  /** A profile of the config that does what the scheme asks. */
  profile?: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  basic?: { username: string; password: string };
  /** Env variables the request reads, each with the security scheme it stands for and a config profile doing the same. */
  env: { name: string; scheme: string; profile: string }[];
}

const obj = (v: JsonValue | undefined): JsonObject | undefined => (isJsonObject(v) ? v : undefined);

/** `PETSTORE` + `petstore_auth` → `PETSTORE_AUTH`; `PETSTORE` + `api_key` → `PETSTORE_API_KEY`. */
export function prefixed(prefix: string, name: string): string {
  const n = envName(name);
  return n === prefix || n.startsWith(`${prefix}_`) ? n : `${prefix}_${n}`;
}

/** The token URL of an OAuth client-credentials flow: OpenAPI 3's `flows.clientCredentials`, Swagger 2's `flow: application`. */
function clientCredentialsTokenUrl(scheme: JsonObject): string | undefined {
  const url =
    obj(obj(scheme.flows)?.clientCredentials)?.tokenUrl ??
    (scheme.flow === 'application' ? scheme.tokenUrl : undefined);
  return typeof url === 'string' ? url : undefined;
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
function matchingProfile(
  scheme: JsonObject,
  profiles: Record<string, AuthProfile>,
  preferred: readonly string[],
): string | undefined {
  const fits = (p: AuthProfile): boolean => {
    if (scheme.type === 'apiKey' && scheme.in === 'header' && typeof scheme.name === 'string')
      return (
        p.type === 'headers' &&
        Object.keys(p.headers).some((h) => h.toLowerCase() === String(scheme.name).toLowerCase())
      );
    if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer') return p.type === 'bearer';
    if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic') return p.type === 'basic';
    if (scheme.type === 'oauth2') {
      const tokenUrl = clientCredentialsTokenUrl(scheme);
      return (
        p.type === 'oauth2-client-credentials' && typeof tokenUrl === 'string' && urlPath(tokenUrl) === p.tokenPath
      );
    }
    return false;
  };
  return onlyOne(
    Object.entries(profiles)
      .filter(([, p]) => fits(p))
      .map(([n]) => n),
    preferred,
  );
}

/** The one of `preferred` among the names, else the only name; undefined when that is ambiguous or empty. */
function onlyOne(names: readonly string[], preferred: readonly string[]): string | undefined {
  const mine = names.filter((n) => preferred.includes(n));
  if (mine.length === 1) return mine[0];
  return names.length === 1 ? names[0] : undefined;
}

/** Adds what one security scheme puts on a request. */
function applyScheme(draft: AuthDraft, name: string, scheme: JsonObject, prefix: string): void {
  const env = prefixed(prefix, name);
  const id = env.toLowerCase().replace(/_/g, '-');
  const use = (v: string, profile: string) => {
    draft.env.push({ name: v, scheme: name, profile: `${id}: ${profile}` });
    return `{{env.${v}}}`;
  };
  const ref = (v: string) => `"{{env.${v}}}"`;
  if (scheme.type === 'apiKey' && typeof scheme.name === 'string') {
    // The variable's name says it holds a key, so every output blanks its value: a key sent in a header or query
    // parameter whose name looks harmless (Blockfrost's `project_id`) was shown in dry runs and reports.
    const key = SECRET_ENV.test(env) ? env : `${env}_API_KEY`;
    const header = `{ type: headers, headers: { ${scheme.name}: ${ref(key)} } }`;
    if (scheme.in === 'query') draft.query[scheme.name] = use(key, '# a query parameter: no profile type sends one');
    else if (scheme.in === 'cookie')
      draft.headers.Cookie = `${scheme.name}=${use(key, `{ type: headers, headers: { Cookie: "${scheme.name}={{env.${key}}}" } }`)}`;
    else draft.headers[scheme.name] = use(key, header);
  } else if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic') {
    const profile = `{ type: basic, username: ${ref(`${env}_USERNAME`)}, password: ${ref(`${env}_PASSWORD`)} }`;
    draft.basic = { username: use(`${env}_USERNAME`, profile), password: use(`${env}_PASSWORD`, profile) };
  } else draft.headers.Authorization = `Bearer ${use(env, bearerProfile(scheme, env))}`;
}

/** http bearer, oauth2 and openIdConnect: a token the author obtains, or, for OAuth client credentials, one the profile obtains. */
function bearerProfile(scheme: JsonObject, env: string): string {
  const tokenUrl = clientCredentialsTokenUrl(scheme);
  if (scheme.type === 'oauth2' && typeof tokenUrl === 'string')
    return `{ type: oauth2-client-credentials, tokenPath: ${urlPath(tokenUrl)}, clientId: "{{env.${env}_CLIENT_ID}}", clientSecret: "{{env.${env}_CLIENT_SECRET}}" }`;
  return `{ type: bearer, token: "{{env.${env}}}" }`;
}

/**
 * What the operation's security requirement (its own `security`, else the
 * document's) puts on a request: the first alternative, every scheme of it. A
 * scheme one of the config's profiles already does becomes that profile (one
 * of `preferred`, the profiles of the API the cards call, when exactly one
 * fits; else the only one that fits); otherwise env variables named after the
 * API and the scheme, each with the profile it could be. Undefined when
 * the operation needs no credentials.
 */
export function securityFor(
  doc: JsonObject,
  op: JsonObject,
  prefix: string,
  profiles: Record<string, AuthProfile> = {},
  preferred: readonly string[] = [],
): AuthDraft | undefined {
  const requirements = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : [];
  const first = obj(requirements[0]);
  if (!first || Object.keys(first).length === 0) return undefined;
  const schemes = obj(obj(doc.components)?.securitySchemes) ?? obj(doc.securityDefinitions) ?? {};
  const draft: AuthDraft = { headers: {}, query: {}, env: [] };
  const names = Object.keys(first);
  const only = names.length === 1 ? obj(schemes[names[0] as string]) : undefined;
  // Several header keys together (Rocket.Chat's X-Auth-Token + X-User-Id): the profile sending exactly those.
  const headerKeys = names.map((n) => obj(schemes[n])).filter((sc) => sc?.type === 'apiKey' && sc.in === 'header');
  const together =
    names.length > 1 && headerKeys.length === names.length
      ? profileForHeaders(
          headerKeys.map((sc) => String(sc?.name)),
          profiles,
          preferred,
        )
      : undefined;
  const profile = (only ? matchingProfile(only, profiles, preferred) : undefined) ?? together;
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
  return onlyOne(
    Object.entries(profiles)
      .filter(fits)
      .map(([n]) => n),
    preferred,
  );
}
