import { scanPlaceholders } from '../card/placeholders.js';
import type { AuthProfile } from '../core/config.js';
import { profileSettings } from '../core/config.js';

/** Every env value a secret setting of an auth profile uses is a secret, whatever the variable is called. */
export function profileSecretValues(
  profiles: Record<string, AuthProfile>,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  return Object.values(profiles)
    .flatMap((p) => profileSettings(p).filter((s) => s.secret))
    .flatMap((s) =>
      scanPlaceholders(s.value).map((m) => (m.expr.startsWith('env.') ? env[m.expr.slice(4)] : undefined)),
    )
    .filter((v): v is string => v !== undefined);
}
