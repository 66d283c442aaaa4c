import type { AuthProfile } from '../core/config.js';
import { CardcheckError } from '../core/errors.js';
import type { HttpClient } from '../http/client.js';
import type { RenderScope } from '../plan/render.js';
import { renderString } from '../plan/render.js';

const authError = (message: string) => new CardcheckError('auth-failed', message);

/** `Authorization: Basic …` with id and secret form-encoded first, as RFC 6749 §2.3.1 asks. */
export function basicHeader(username: string, password: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${enc(username)}:${enc(password)}`).toString('base64')}`;
}

export interface AuthResolver {
  /** Headers for a profile name (`none` or undefined: no headers). */
  headersFor(profile: string | undefined, scope: RenderScope): Promise<Record<string, string>>;
}

/**
 * Turns auth profiles into headers. OAuth2 client-credentials profiles fetch
 * their token once and reuse it until shortly before it expires.
 */
export function createAuthResolver(
  profiles: Record<string, AuthProfile>,
  http: HttpClient,
  baseUrlFor: (api: string | undefined) => string,
  now: () => number = Date.now,
): AuthResolver {
  const cache = new Map<string, { token: string; expiresAt: number }>();
  const inflight = new Map<string, Promise<string>>();

  const fetchToken = async (
    name: string,
    p: Extract<AuthProfile, { type: 'oauth2-client-credentials' }>,
    scope: RenderScope,
  ): Promise<string> => {
    const clientId = renderString(p.clientId, scope);
    const clientSecret = renderString(p.clientSecret, scope);
    const form: Record<string, string> = { grant_type: 'client_credentials', ...(p.scope ? { scope: p.scope } : {}) };
    const headers: Record<string, string> = {};
    if (p.clientAuth === 'basic') headers.authorization = basicHeader(clientId, clientSecret);
    else Object.assign(form, { client_id: clientId, client_secret: clientSecret });
    const res = await http.send({ baseUrl: baseUrlFor(p.api), method: 'POST', path: p.tokenPath, form, headers });
    const body = res.json as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (res.status !== 200 || typeof body?.access_token !== 'string') {
      throw authError(
        `auth profile "${name}": the token request to ${p.tokenPath} answered ${res.status} without an access_token`,
      );
    }
    const ttl = typeof body.expires_in === 'number' ? body.expires_in * 1000 : 300_000;
    cache.set(name, { token: body.access_token, expiresAt: now() + ttl - Math.min(30_000, ttl / 10) });
    return body.access_token;
  };

  return {
    async headersFor(name, scope) {
      if (!name || name === 'none') return {};
      const p = profiles[name];
      if (!p) throw authError(`auth profile "${name}" is not defined`);
      switch (p.type) {
        case 'bearer':
          return { authorization: `Bearer ${renderString(p.token, scope)}` };
        case 'headers':
          return Object.fromEntries(
            Object.entries(p.headers).map(([k, v]) => [k.toLowerCase(), renderString(v, scope)]),
          );
        case 'basic':
          return { authorization: basicHeader(renderString(p.username, scope), renderString(p.password, scope)) };
        case 'oauth2-client-credentials': {
          const cached = cache.get(name);
          if (cached && cached.expiresAt > now()) return { authorization: `Bearer ${cached.token}` };
          let pending = inflight.get(name);
          if (!pending) {
            pending = fetchToken(name, p, scope).finally(() => inflight.delete(name));
            inflight.set(name, pending);
          }
          return { authorization: `Bearer ${await pending}` };
        }
      }
    },
  };
}
