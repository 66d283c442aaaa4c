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
/** Records a problem at the setting that names the file. */
type Problem = (ref: ConfigFileRef, key: TlsKey, message: string, hint: string) => void;

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'does not exist',
  EACCES: 'cannot be read (permission denied)',
  EISDIR: 'is a folder',
};

/** The PEM text of one `tls:` file, or undefined after recording why it cannot be used. */
async function readPem(ref: ConfigFileRef, key: TlsKey, dir: string, cwd: string, problem: Problem) {
  let text: string;
  try {
    text = await readFile(path.resolve(dir, ref.path), 'utf8');
  } catch (err) {
    const why = READ_ERRORS[(err as { code?: string }).code ?? ''] ?? 'cannot be read';
    const folder = path.relative(cwd, dir) || '.';
    problem(ref, key, `${ref.path} ${why}`, `Paths are relative to the config file's folder (${folder}).`);
    return undefined;
  }
  const kind = PEM.exec(text)?.[1];
  const wanted = key === 'key' ? /PRIVATE KEY$/ : /^(X509 |TRUSTED )?CERTIFICATE$/;
  if (kind && wanted.test(kind)) return text;
  const holds = kind ? ` (it holds a ${kind.toLowerCase()})` : '';
  problem(
    ref,
    key,
    `${ref.path} is not a PEM ${key === 'key' ? 'private key' : 'certificate'}${holds}`,
    key === 'key'
      ? 'Give the client key in PEM form (-----BEGIN PRIVATE KEY-----).'
      : 'Give certificates in PEM form (-----BEGIN CERTIFICATE-----); convert DER with `openssl x509 -inform der`.',
  );
  return undefined;
}

function checkCa(ca: string, ref: ConfigFileRef, problem: Problem): void {
  try {
    new X509Certificate(ca);
    createSecureContext({ ca });
  } catch (err) {
    problem(ref, 'ca', `${ref.path} holds no usable certificate (${reasonOf(err)})`, 'Give the CA bundle in PEM form.');
  }
}

function checkKey(key: string, ref: ConfigFileRef, problem: Problem): void {
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

function checkPair(
  pair: { cert: string; key: string },
  refs: { cert: ConfigFileRef; key: ConfigFileRef },
  problem: Problem,
) {
  try {
    createSecureContext(pair);
  } catch (err) {
    const mismatch = /mismatch/i.test(reasonOf(err));
    problem(
      refs.key,
      'key',
      mismatch
        ? `${refs.key.path} is not the key of the certificate in ${refs.cert.path}`
        : `${refs.cert.path} and ${refs.key.path} cannot be used together (${reasonOf(err)})`,
      'Give the client certificate and the private key it was issued for.',
    );
  }
}

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
  const problem: Problem = (ref, key, message, hint) => {
    const at = { file, line: ref.line, column: ref.column };
    const text = `tls.${key} of target "${target.name}": ${message}`;
    diagnostics.push({ ruleId: 'config-tls-file', severity: 'error', ...at, message: text, hint });
  };
  const read = (key: TlsKey) => {
    const ref = tls[key];
    return ref ? readPem(ref, key, dir, cwd, problem) : undefined;
  };
  const [ca, cert, key] = [await read('ca'), await read('cert'), await read('key')];
  if (ca && tls.ca) checkCa(ca, tls.ca, problem);
  if (key && tls.key) checkKey(key, tls.key, problem);
  if (cert && key && tls.cert && tls.key && diagnostics.length === 0)
    checkPair({ cert, key }, { cert: tls.cert, key: tls.key }, problem);
  if (diagnostics.length) return { diagnostics };
  const material = { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
  return { material: { ...material, rejectUnauthorized: tls.rejectUnauthorized }, diagnostics };
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
