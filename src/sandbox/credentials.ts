import { randomBytes } from 'node:crypto';
import type { OauthOptions } from './apis/oauth/context.js';
import type { RocketchatOptions } from './apis/rocketchat/context.js';
import { meteorId, meteorSecret } from './apis/rocketchat/ids.js';
import type { VcitaOptions } from './apis/vcita/context.js';
import type { YouhodlerOptions } from './apis/youhodler/context.js';

/** Every API's settings, defaults filled in; credentials are random per start unless given. */
export interface ResolvedApiOptions {
  vcita: VcitaOptions;
  rocketchat: RocketchatOptions;
  youhodler: YouhodlerOptions;
  oauth: OauthOptions;
}

export interface ApiOverrides {
  vcita?: Partial<VcitaOptions>;
  rocketchat?: Partial<RocketchatOptions>;
  youhodler?: Partial<YouhodlerOptions>;
  oauth?: Partial<OauthOptions>;
}

const token = (prefix: string) => `${prefix}${randomBytes(18).toString('base64url')}`;

export function resolveApiOptions(o: ApiOverrides): ResolvedApiOptions {
  return {
    vcita: {
      directoryToken: o.vcita?.directoryToken ?? token('dt_'),
      codeTtlMs: o.vcita?.codeTtlMs ?? 60_000,
      refreshTokenTtlMs: o.vcita?.refreshTokenTtlMs ?? 14 * 24 * 3600_000,
      user: o.vcita?.user ?? { username: 'demo@sandbox.test', password: 'sandbox-password' },
    },
    rocketchat: {
      admin: o.rocketchat?.admin ?? { authToken: meteorSecret(), userId: meteorId() },
      limited: o.rocketchat?.limited ?? { authToken: meteorSecret(), userId: meteorId() },
    },
    youhodler: {
      adminToken: o.youhodler?.adminToken ?? token('yh_admin_'),
      tokenRateLimitPerMinute: o.youhodler?.tokenRateLimitPerMinute ?? 60,
      idempotencyTtlMs: o.youhodler?.idempotencyTtlMs ?? 24 * 3600_000,
    },
    oauth: {
      client: o.oauth?.client ?? {
        clientId: `sandbox_${randomBytes(6).toString('hex')}`,
        clientSecret: token('cs_'),
        redirectUri: 'https://client.example/cb',
      },
      user: o.oauth?.user ?? { username: 'person@oauth.sandbox.test', password: 'sandbox-password' },
      codeTtlMs: o.oauth?.codeTtlMs ?? 60_000,
      accessTokenTtlMs: o.oauth?.accessTokenTtlMs ?? 3600_000,
    },
  };
}

/** The credentials as environment variables, the names cards use in `{{env.NAME}}`. */
export function credentialsEnv(o: ResolvedApiOptions): Record<string, string> {
  return {
    DIRECTORY_TOKEN: o.vcita.directoryToken,
    VCITA_USERNAME: o.vcita.user.username,
    VCITA_PASSWORD: o.vcita.user.password,
    ROCKETCHAT_AUTH_TOKEN: o.rocketchat.admin.authToken,
    ROCKETCHAT_USER_ID: o.rocketchat.admin.userId,
    ROCKETCHAT_LIMITED_AUTH_TOKEN: o.rocketchat.limited.authToken,
    ROCKETCHAT_LIMITED_USER_ID: o.rocketchat.limited.userId,
    YOUHODLER_ADMIN_TOKEN: o.youhodler.adminToken,
    OAUTH_CLIENT_ID: o.oauth.client.clientId,
    OAUTH_CLIENT_SECRET: o.oauth.client.clientSecret,
    OAUTH_USERNAME: o.oauth.user.username,
    OAUTH_PASSWORD: o.oauth.user.password,
  };
}

/** The values of `credentialsEnv` that are secrets (user ids are identifiers, not secrets). */
export function credentialSecrets(o: ResolvedApiOptions): string[] {
  return [
    o.vcita.directoryToken,
    o.vcita.user.password,
    o.rocketchat.admin.authToken,
    o.rocketchat.limited.authToken,
    o.youhodler.adminToken,
    o.oauth.client.clientSecret,
    o.oauth.user.password,
  ];
}
