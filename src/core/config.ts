/** Auth profiles: how a request proves who it is. String values may hold `{{env.NAME}}`. */
export type AuthProfile =
  | { type: 'bearer'; token: string }
  /** Arbitrary headers, e.g. Rocket.Chat's X-Auth-Token + X-User-Id pair. */
  | { type: 'headers'; headers: Record<string, string> }
  | { type: 'basic'; username: string; password: string }
  /** Obtains its own token with client_credentials and caches it until it expires. */
  | { type: 'oauth2-client-credentials'; api?: string; tokenPath: string; clientId: string; clientSecret: string; scope?: string; clientAuth: 'basic' | 'body' };

export interface TargetConfig {
  name: string;
  /** Base URL per API name. */
  apis: Record<string, string>;
  /** Base URLs come from the embedded sandbox started for the run. */
  embedded: boolean;
  /** Production targets refuse mutating requests unless the user allows them. */
  production: boolean;
  line: number;
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
  /** Folder (relative to the config's directory, forward slashes) → settings for the cards inside. */
  folders: Record<string, FolderConfig>;
}
