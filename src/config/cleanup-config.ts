import type { Config } from '../core/config.js';
import { CLEANUP_DEFAULTS } from '../core/config.js';
import { CONFIG_KEYS } from './config-keys.js';
import type { YamlReader } from './yaml-reader.js';

/** `cleanup: { recoveryStore: true, maxAgeDays: 30 }`. */
export function readCleanup(r: YamlReader, config: Config): void {
  if (!r.map(['cleanup'])) return;
  r.keys(['cleanup'], CONFIG_KEYS.cleanup);
  const recoveryStore = r.bool(['cleanup', 'recoveryStore']) ?? CLEANUP_DEFAULTS.recoveryStore;
  const age = r.string(['cleanup', 'maxAgeDays']);
  let maxAgeDays = CLEANUP_DEFAULTS.maxAgeDays;
  if (age !== undefined) {
    if (/^\d+(\.\d+)?$/.test(age) && Number(age) > 0) maxAgeDays = Number(age);
    else
      r.error(
        ['cleanup', 'maxAgeDays'],
        'config-invalid-value',
        '"cleanup.maxAgeDays" must be a positive number of days',
        'Write e.g. `maxAgeDays: 30`: `cardcheck cleanup` skips journals last written longer ago than that.',
      );
  }
  config.cleanup = { recoveryStore, maxAgeDays };
}
