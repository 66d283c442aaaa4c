import type { ConfigFileRef, TargetTls } from '../core/config.js';
import { CONFIG_KEYS } from './config-keys.js';
import type { YamlReader } from './yaml-reader.js';

const FILE_KEYS = ['ca', 'cert', 'key'] as const;

/**
 * `targets.<name>.tls`: `{ ca, cert, key, rejectUnauthorized }`. Only the
 * shape is checked here; the files are read when the target is used, so a
 * project need not hold every target's certificates to run against one.
 */
export function readTargetTls(r: YamlReader, target: string, production: boolean): TargetTls | undefined {
  const at = ['targets', target, 'tls'];
  const raw = r.map(at);
  if (!raw) return undefined;
  r.keys(at, CONFIG_KEYS.tls);
  const files: Partial<Record<(typeof FILE_KEYS)[number], ConfigFileRef>> = {};
  for (const k of FILE_KEYS) {
    const value = r.string([...at, k]);
    if (value === undefined) continue;
    if (value.trim() === '') {
      r.error(
        [...at, k],
        'config-invalid-tls',
        `tls.${k} of target "${target}" is empty`,
        'Give the path of a PEM file, relative to the config file, or drop the key.',
      );
      continue;
    }
    files[k] = { path: value, ...r.position([...at, k]) };
  }
  if (Boolean(files.cert) !== Boolean(files.key)) {
    const missing = files.cert ? 'key' : 'cert';
    r.error(
      at,
      'config-invalid-tls',
      `tls of target "${target}" has ${missing === 'key' ? 'cert' : 'key'} but no ${missing}: a client certificate needs both`,
      `Add \`${missing}: path/to/client${missing === 'key' ? '-key' : ''}.pem\`.`,
    );
  }
  const rejectUnauthorized = r.bool([...at, 'rejectUnauthorized']) ?? true;
  if (!rejectUnauthorized) {
    const message = `target "${target}" does not check the server's certificate (tls.rejectUnauthorized: false), so anyone on the network path can read its credentials`;
    if (production)
      r.error(
        [...at, 'rejectUnauthorized'],
        'config-insecure-tls',
        `${message}; a production target must check it`,
        "Give the server's CA bundle as tls.ca instead.",
      );
    else
      r.error(
        [...at, 'rejectUnauthorized'],
        'config-insecure-tls',
        message,
        "Give the server's CA bundle as tls.ca instead.",
        'warning',
      );
  }
  return { ...files, rejectUnauthorized };
}
