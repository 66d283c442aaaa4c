import type { ApiStandards } from './endpoint-kind.js';

/** Auth profiles: how a request proves who it is. String values may hold `{{env.NAME}}`. */
export type AuthProfile =
  | { type: 'bearer'; token: string }
  /** Arbitrary headers, e.g. Rocket.Chat's X-Auth-Token + X-User-Id pair. */
  | { type: 'headers'; headers: Record<string, string> }
  | { type: 'basic'; username: string; password: string }
  /** Obtains its own token with client_credentials and caches it until it expires. */
  | {
      type: 'oauth2-client-credentials';
      api?: string;
      tokenPath: string;
      clientId: string;
      clientSecret: string;
      scope?: string;
      clientAuth: 'basic' | 'body';
    };

export interface TargetConfig {
  name: string;
  /** Base URL per API name. */
  apis: Record<string, string>;
  /** Base URLs come from the embedded sandbox started for the run. */
  embedded: boolean;
  /** Production targets refuse mutating requests unless the user allows them. */
  production: boolean;
  /** Private CA and client certificate for the target's https: APIs. */
  tls?: TargetTls;
  /** Response body byte cap per request (a card's `maxBodyBytes` and --max-body-bytes win). @default 8 MiB */
  maxBodyBytes?: number;
  line: number;
}

/** A file a config setting names, as written (relative to the config file), with where it is written. */
export interface ConfigFileRef {
  path: string;
  line: number;
  column: number;
}

/** `tls:` of a target. The files are read when the target is used; a key's contents are secret. */
export interface TargetTls {
  /** CA bundle (PEM) trusted in addition to Node's bundled roots. */
  ca?: ConfigFileRef;
  /** Client certificate chain (PEM), for mTLS. */
  cert?: ConfigFileRef;
  /** Private key of the client certificate (PEM, unencrypted). */
  key?: ConfigFileRef;
  /** @default true */
  rejectUnauthorized: boolean;
}

export interface FolderConfig {
  api?: string;
  auth?: string;
}

export interface Config {
  /** The config file, when there is one. */
  file?: string;
  targets: Record<string, TargetConfig>;
  defaultTarget: string;
  profiles: Record<string, AuthProfile>;
  /** Names of environment variables whose values are secret (redacted wherever they would appear). */
  secretEnv: string[];
  /** Body fields, query parameters and headers whose values are secret, besides the built-in names (`secrets.keys`). */
  secretKeys: string[];
  /** Folder (relative to the config's directory, forward slashes) → settings for the cards inside. */
  folders: Record<string, FolderConfig>;
  /** `cleanup:` settings; absent means the defaults. */
  cleanup?: CleanupConfig;
  /** `apis:` per API name, the same in every target: its standards level and endpoint kind. */
  apis?: Record<string, ApiStandards>;
}

/** `cleanup:` in the config: how runs journal what they create, and what `cardcheck cleanup` retries. */
export interface CleanupConfig {
  /**
   * Keep the secrets a cleanup needs (a registration access token, an
   * Authorization header written in the card) in a file outside the project,
   * so `cardcheck cleanup` can finish after a killed run. See docs/security.md.
   * @default false
   */
  recoveryStore: boolean;
  /** Journals last written longer ago than this are skipped by `cardcheck cleanup` (with a note). @default 30 */
  maxAgeDays: number;
}

export const CLEANUP_DEFAULTS: CleanupConfig = { recoveryStore: false, maxAgeDays: 30 };

/**
 * Every setting of an auth profile that may hold `{{env.NAME}}`, once, with
 * whether its value is a credential. Planning checks that each variable is
 * set; the run redacts the values of the secret ones.
 */
export function profileSettings(profile: AuthProfile): { value: string; secret: boolean }[] {
  const secret = (value: string) => ({ value, secret: true });
  switch (profile.type) {
    case 'bearer':
      return [secret(profile.token)];
    case 'basic':
      return [secret(profile.username), secret(profile.password)];
    case 'headers':
      return Object.values(profile.headers).map(secret);
    case 'oauth2-client-credentials':
      // A client id identifies the client and is shown in reports; its secret never is.
      return [{ value: profile.clientId, secret: false }, secret(profile.clientSecret)];
  }
}
