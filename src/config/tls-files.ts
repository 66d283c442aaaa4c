import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createSecureContext } from 'node:tls';
import type { Config, ConfigFileRef, TargetConfig } from '../core/config.js';
import type { Diagnostic } from '../core/diagnostic.js';

/** A target's TLS files, read. `key` is secret: it goes to the TLS stack and nowhere else. */
export interface TlsMaterial {
  ca?: string;
  cert?: string;
  key?: string;
  rejectUnauthorized: boolean;
}

export interface LoadTlsResult {
  material?: TlsMaterial;
  diagnostics: Diagnostic[];
}

const PEM = /-----BEGIN ([A-Z0-9 ]+)-----/;

/** OpenSSL's reason without its numeric prefix, e.g. `no start line`; it never quotes file contents. */
const reasonOf = (err: unknown) =>
  (err instanceof Error ? err.message : String(err))
    .replace(/^error:[0-9A-F]+:/i, '')
    .replace(/^[\w ]+ routines::/, '');

/**
 * Read and check the files a target's `tls:` names, relative to the config
 * file's folder. Every problem is a diagnostic at the setting that names the
 * file; no message shows what a file holds.
 */
export async function loadTargetTls(target: TargetConfig, config: Config, cwd: string): Promise<LoadTlsResult> {
  const tls = target.tls;
  if (!tls || target.embedded) return { diagnostics: [] };
  const dir = config.file ? path.dirname(config.file) : cwd;
  const file = config.file ? path.relative(cwd, config.file).split(path.sep).join('/') : 'cardcheck.config.yaml';
  const diagnostics: Diagnostic[] = [];
  const problem = (ref: ConfigFileRef, key: string, message: string, hint: string) =>
    diagnostics.push({
      ruleId: 'config-tls-file',
      severity: 'error',
      file,
      line: ref.line,
      column: ref.column,
      message: `tls.${key} of target "${target.name}": ${message}`,
      hint,
    });

  const read = async (key: 'ca' | 'cert' | 'key'): Promise<string | undefined> => {
    const ref = tls[key];
    if (!ref) return undefined;
    const full = path.resolve(dir, ref.path);
    let text: string;
    try {
      text = await readFile(full, 'utf8');
    } catch (err) {
      const code = (err as { code?: string }).code;
      const why =
        code === 'ENOENT'
          ? 'does not exist'
          : code === 'EACCES'
            ? 'cannot be read (permission denied)'
            : code === 'EISDIR'
              ? 'is a folder'
              : 'cannot be read';
      problem(
        ref,
        key,
        `${ref.path} ${why}`,
        `Paths are relative to the config file's folder (${path.relative(cwd, dir) || '.'}).`,
      );
      return undefined;
    }
    const kind = PEM.exec(text)?.[1];
    const wanted = key === 'key' ? /PRIVATE KEY$/ : /^(X509 |TRUSTED )?CERTIFICATE$/;
    if (!kind || !wanted.test(kind)) {
      problem(
        ref,
        key,
        `${ref.path} is not a PEM ${key === 'key' ? 'private key' : 'certificate'}${kind ? ` (it holds a ${kind.toLowerCase()})` : ''}`,
        key === 'key'
          ? 'Give the client key in PEM form (-----BEGIN PRIVATE KEY-----).'
          : 'Give certificates in PEM form (-----BEGIN CERTIFICATE-----); convert DER with `openssl x509 -inform der`.',
      );
      return undefined;
    }
    return text;
  };

  const [ca, cert, key] = [await read('ca'), await read('cert'), await read('key')];
  if (ca && tls.ca) {
    try {
      new X509Certificate(ca);
      createSecureContext({ ca });
    } catch (err) {
      problem(
        tls.ca,
        'ca',
        `${tls.ca.path} holds no usable certificate (${reasonOf(err)})`,
        'Give the CA bundle in PEM form.',
      );
    }
  }
  if (key && tls.key) {
    try {
      createPrivateKey(key);
    } catch (err) {
      const encrypted =
        /passphrase|encrypted|bad decrypt/i.test(reasonOf(err)) ||
        /ENCRYPTED/.test(PEM.exec(key)?.[1] ?? '') ||
        /^Proc-Type: 4,ENCRYPTED/m.test(key);
      problem(
        tls.key,
        'key',
        encrypted
          ? `${tls.key.path} is protected by a passphrase, which cardcheck cannot enter`
          : `${tls.key.path} holds no usable private key (${reasonOf(err)})`,
        encrypted
          ? 'Decrypt it for the run, e.g. `openssl pkey -in key.pem -out client-key.pem`, and keep that file out of version control.'
          : 'Give the key in PEM form.',
      );
    }
  }
  if (cert && key && tls.cert && tls.key && diagnostics.length === 0) {
    try {
      createSecureContext({ cert, key });
    } catch (err) {
      const mismatch = /mismatch/i.test(reasonOf(err));
      problem(
        tls.key,
        'key',
        mismatch
          ? `${tls.key.path} is not the key of the certificate in ${tls.cert.path}`
          : `${tls.cert.path} and ${tls.key.path} cannot be used together (${reasonOf(err)})`,
        'Give the client certificate and the private key it was issued for.',
      );
    }
  }
  if (diagnostics.length) return { diagnostics };
  return {
    material: {
      ...(ca ? { ca } : {}),
      ...(cert ? { cert } : {}),
      ...(key ? { key } : {}),
      rejectUnauthorized: tls.rejectUnauthorized,
    },
    diagnostics,
  };
}

/** TLS settings keyed by each https: origin of the target's APIs, as the HTTP client takes them. */
export function tlsByOrigin(
  apis: Record<string, string>,
  material: TlsMaterial | undefined,
): Record<string, TlsMaterial> {
  if (!material) return {};
  const out: Record<string, TlsMaterial> = {};
  for (const url of Object.values(apis)) {
    try {
      const u = new URL(url);
      if (u.protocol === 'https:') out[u.origin] = material;
    } catch {
      // A malformed base URL is reported where it is used.
    }
  }
  return out;
}
