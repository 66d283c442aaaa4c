import type { Clock } from '../../clock.js';
import type { SandboxStats } from '../../stats.js';
import type { RocketchatState } from './state.js';

export const MANAGE_OAUTH_APPS = 'manage-oauth-apps';

/** A Rocket.Chat user the sandbox knows; the login token is kept only as a digest. */
export interface RocketchatUser {
  _id: string;
  username: string;
  tokenDigest: Buffer;
  permissions: string[];
}

export interface RocketchatCredentials {
  authToken: string;
  userId: string;
}

export interface RocketchatOptions {
  /** The user with `manage-oauth-apps`. @default random per start */
  admin: RocketchatCredentials;
  /** A logged-in user without it. @default random per start */
  limited: RocketchatCredentials;
}

export interface RocketchatContext {
  state: RocketchatState;
  stats: SandboxStats;
  clock: Clock;
}
