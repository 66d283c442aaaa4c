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

type TlsKey = 'ca' | 'cert' | 'key';
type TlsProblem = (ref: ConfigFileRef, key: TlsKey, message: string, hint: string) => void;

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
  const problem: TlsProblem = (ref, key, message, hint) => {
    diagnostics.push({
      ruleId: 'config-tls-file',
      severity: 'error',
      file,
      line: ref.line,
      column: ref.column,
      message: `tls.${key} of target "${target.name}": ${message}`,
      hint,
    });
  };
  const where = path.relative(cwd, dir) || '.';
  const read = (key: TlsKey) => {
    const ref = tls[key];
    return ref ? readPem(ref, key, path.resolve(dir, ref.path), where, problem) : undefined;
  };
  const [ca, cert, key] = [await read('ca'), await read('cert'), await read('key')];
  if (ca && tls.ca) checkCa(ca, tls.ca, problem);
  if (key && tls.key) checkKey(key, tls.key, problem);
  if (cert && key && tls.cert && tls.key && diagnostics.length === 0) checkPair(cert, key, tls.cert, tls.key, problem);
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

/** The PEM file `ref` names (at `full`), when it can be read and holds the PEM `key` wants. */
async function readPem(
  ref: ConfigFileRef,
  key: TlsKey,
  full: string,
  where: string,
  problem: TlsProblem,
): Promise<string | undefined> {
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
    problem(ref, key, `${ref.path} ${why}`, `Paths are relative to the config file's folder (${where}).`);
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
}

function checkCa(ca: string, ref: ConfigFileRef, problem: TlsProblem): void {
  try {
    new X509Certificate(ca);
    createSecureContext({ ca });
  } catch (err) {
    problem(ref, 'ca', `${ref.path} holds no usable certificate (${reasonOf(err)})`, 'Give the CA bundle in PEM form.');
  }
}

function checkKey(key: string, ref: ConfigFileRef, problem: TlsProblem): void {
  try {
    createPrivateKey(key);
  } catch (err) {
    const encrypted =
      /passphrase|encrypted|bad decrypt/i.test(reasonOf(err)) ||
      /ENCRYPTED/.test(PEM.exec(key)?.[1] ?? '') ||
      /^Proc-Type: 4,ENCRYPTED/m.test(key);
    problem(
      ref,
      'key',
      encrypted
        ? `${ref.path} is protected by a passphrase, which cardcheck cannot enter`
        : `${ref.path} holds no usable private key (${reasonOf(err)})`,
      encrypted
        ? 'Decrypt it for the run, e.g. `openssl pkey -in key.pem -out client-key.pem`, and keep that file out of version control.'
        : 'Give the key in PEM form.',
    );
  }
}

/** Whether the client certificate and key go together. */
function checkPair(
  cert: string,
  key: string,
  certRef: ConfigFileRef,
  keyRef: ConfigFileRef,
  problem: TlsProblem,
): void {
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    const mismatch = /mismatch/i.test(reasonOf(err));
    problem(
      keyRef,
      'key',
      mismatch
        ? `${keyRef.path} is not the key of the certificate in ${certRef.path}`
        : `${certRef.path} and ${keyRef.path} cannot be used together (${reasonOf(err)})`,
      'Give the client certificate and the private key it was issued for.',
    );
  }
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
