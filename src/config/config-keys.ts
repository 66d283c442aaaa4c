/**
 * Every key cardcheck.config.yaml may hold, level by level: the loader warns
 * about any other (config-unknown-key), and schemas/config.schema.json allows
 * exactly these (test/schemas.test.ts checks that the two agree).
 */
export const CONFIG_KEYS = {
  top: ['defaultTarget', 'targets', 'auth', 'folders', 'secrets', 'cleanup', 'apis'],
  target: ['apis', 'embedded', 'production', 'tls', 'maxBodyBytes'],
  tls: ['ca', 'cert', 'key', 'rejectUnauthorized'],
  folder: ['api', 'auth'],
  api: ['standards', 'endpointKind'],
  secrets: ['env', 'keys'],
  cleanup: ['recoveryStore', 'maxAgeDays'],
  profile: {
    bearer: ['type', 'token'],
    headers: ['type', 'headers'],
    basic: ['type', 'username', 'password'],
    'oauth2-client-credentials': ['type', 'api', 'tokenPath', 'clientId', 'clientSecret', 'scope', 'clientAuth'],
  },
} as const;

export type ProfileType = keyof typeof CONFIG_KEYS.profile;

/** The auth profile types, in the order messages list them. */
export const PROFILE_TYPES = Object.keys(CONFIG_KEYS.profile) as ProfileType[];
