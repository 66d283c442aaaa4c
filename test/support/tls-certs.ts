import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from './temp-dir.js';

/** PEM texts and the files they were written to, for one test run. Private keys are generated here and never committed. */
export interface TestPki {
  dir: string;
  ca: { cert: string; certFile: string };
  server: { cert: string; key: string };
  client: { cert: string; key: string; certFile: string; keyFile: string };
  /** A key that does not belong to the client certificate. */
  strayKeyFile: string;
  /** Every private key generated, to prove none of them is printed. */
  privateKeys: string[];
}

const openssl = (cwd: string, args: string[]) =>
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A self-signed CA in dir: ca.pem and ca-key.pem. */
function createCa(dir: string): void {
  openssl(dir, [
    'req',
    '-x509',
    ...EC,
    '-keyout',
    'ca-key.pem',
    '-out',
    'ca.pem',
    '-days',
    '30',
    '-subj',
    '/CN=cardcheck test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
}

/** A key (<name>-key.pem) and a certificate the CA in dir signed (<name>.pem), with the given extensions. */
async function issue(dir: string, name: string, subject: string, ext: string, serial: string): Promise<void> {
  await writeFile(path.join(dir, `${name}.ext`), ext);
  openssl(dir, ['req', ...EC, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`, '-subj', subject]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca-key.pem',
    '-set_serial',
    serial,
    '-days',
    '30',
    '-out',
    `${name}.pem`,
    '-extfile',
    `${name}.ext`,
  ]);
}

/** The PEM files createTestPki wrote into dir, read back. */
async function readPki(dir: string): Promise<TestPki> {
  const read = (f: string) => readFile(path.join(dir, f), 'utf8');
  const [caCert, serverCert, serverKey, clientCert, clientKey, caKey, strayKey] = await Promise.all(
    ['ca.pem', 'server.pem', 'server-key.pem', 'client.pem', 'client-key.pem', 'ca-key.pem', 'stray-key.pem'].map(read),
  );
  return {
    dir,
    ca: { cert: caCert ?? '', certFile: path.join(dir, 'ca.pem') },
    server: { cert: serverCert ?? '', key: serverKey ?? '' },
    client: {
      cert: clientCert ?? '',
      key: clientKey ?? '',
      certFile: path.join(dir, 'client.pem'),
      keyFile: path.join(dir, 'client-key.pem'),
    },
    strayKeyFile: path.join(dir, 'stray-key.pem'),
    privateKeys: [serverKey ?? '', clientKey ?? '', caKey ?? '', strayKey ?? ''],
  };
}

/** A private CA, a server certificate for 127.0.0.1/localhost and a client certificate, made with the machine's openssl in a temp folder removed after the test file. */
export async function createTestPki(): Promise<TestPki> {
  const dir = await tempDir('cardcheck-pki-');
  createCa(dir);
  await issue(
    dir,
    'server',
    '/CN=127.0.0.1',
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
    '4001',
  );
  await issue(
    dir,
    'client',
    '/CN=cardcheck test client',
    'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n',
    '4002',
  );
  openssl(dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', 'stray-key.pem']);
  return readPki(dir);
}

/** Pieces of each key's base64 body: if any shows up in an output, key material leaked. */
export function keyFragments(pems: string[]): string[] {
  return pems.flatMap((pem) =>
    pem
      .split('\n')
      .filter((l) => l && !l.startsWith('-----'))
      .flatMap((l) => [l.slice(0, 24), l.slice(-24)]),
  );
}
