import type { Clock } from '../../clock.js';
import type { SandboxStats } from '../../stats.js';
import type { OauthState } from './state.js';

export interface OauthOptions {
  /** A client registered from the start (HTTP Basic on token, revocation, introspection). @default random per start */
  client: { clientId: string; clientSecret: string; redirectUri: string };
  /** The person who signs in on `/authorize`. @default person@oauth.sandbox.test / sandbox-password */
  user: { username: string; password: string };
  /** How long an authorization code lives. @default 60000 */
  codeTtlMs: number;
  /** How long an access token lives. @default 3600000 */
  accessTokenTtlMs: number;
}

export interface OauthContext extends OauthOptions {
  state: OauthState;
  stats: SandboxStats;
  clock: Clock;
  /** `/oauth`: the issuer is the request's origin with this prefix. */
  prefix: string;
  /** Rule ids whose standards break is on (`oauth-<rule>` breaks, breaks/oauth-standards.ts). */
  broken: ReadonlySet<string>;
}

export const SCOPES = ['read', 'write'];
