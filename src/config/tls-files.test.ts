import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPki } from '../../test/support/tls-certs.js';
import { createTestPki, keyFragments } from '../../test/support/tls-certs.js';
import type { Config, TargetConfig } from '../core/config.js';
import { defaultConfig } from './load-config.js';
import { loadTargetTls, tlsByOrigin } from './tls-files.js';

let pki: TestPki;
let config: Config;
beforeAll(async () => {
  pki = await createTestPki();
  // The files sit next to a config file in pki.dir; a folder and an encrypted key join them.
  config = { ...defaultConfig(), file: path.join(pki.dir, 'cardcheck.config.yaml') };
  await mkdir(path.join(pki.dir, 'a-folder'));
  execFileSync(
    'openssl',
    ['pkey', '-in', 'client-key.pem', '-aes256', '-passout', 'pass:not-for-cardcheck', '-out', 'client-key-enc.pem'],
    { cwd: pki.dir },
  );
  await writeFile(path.join(pki.dir, 'notes.txt'), 'just words\n');
});

afterAll(() => rm(pki.dir, { recursive: true, force: true }));

const ref = (p: string, line = 3) => ({ path: p, line, column: 7 });
const target = (tls: TargetConfig['tls']): TargetConfig => ({
  name: 'staging',
  apis: { a: 'https://a.example/api', b: 'http://b.example' },
  embedded: false,
  production: false,
  line: 1,
  tls,
});
const load = (tls: TargetConfig['tls']) => loadTargetTls(target(tls), config, pki.dir);

describe('loadTargetTls', () => {
  it('reads the PEM files and hands them to the https: origins of the target', async () => {
    const { material, diagnostics } = await load({
      ca: ref('ca.pem'),
      cert: ref('client.pem'),
      key: ref('client-key.pem'),
      rejectUnauthorized: true,
    });
    expect(diagnostics).toEqual([]);
    expect(material).toEqual({ ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key, rejectUnauthorized: true });
    expect(Object.keys(tlsByOrigin(target(undefined).apis, material))).toEqual(['https://a.example']);
  });

  it.each([
    [{ ca: ref('nope.pem') }, 'tls.ca of target "staging": nope.pem does not exist'],
    [{ ca: ref('a-folder') }, 'tls.ca of target "staging": a-folder is a folder'],
    [{ ca: ref('notes.txt') }, 'tls.ca of target "staging": notes.txt is not a PEM certificate'],
    [
      { ca: ref('client-key.pem') },
      'tls.ca of target "staging": client-key.pem is not a PEM certificate (it holds a private key)',
    ],
    [
      { cert: ref('client.pem'), key: ref('client.pem', 4) },
      'tls.key of target "staging": client.pem is not a PEM private key (it holds a certificate)',
    ],
    [
      { cert: ref('client.pem'), key: ref('client-key-enc.pem', 4) },
      'tls.key of target "staging": client-key-enc.pem is protected by a passphrase, which cardcheck cannot enter',
    ],
    [
      { cert: ref('client.pem'), key: ref('stray-key.pem', 4) },
      'tls.key of target "staging": stray-key.pem is not the key of the certificate in client.pem',
    ],
  ])('%j → a located config error', async (files, message) => {
    const { material, diagnostics } = await load({ ...files, rejectUnauthorized: true });
    expect(material).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      ruleId: 'config-tls-file',
      severity: 'error',
      file: 'cardcheck.config.yaml',
      column: 7,
      message,
    });
    for (const s of keyFragments(pki.privateKeys)) expect(JSON.stringify(diagnostics)).not.toContain(s);
  });

  it('reads nothing for the embedded sandbox or a target without tls', async () => {
    expect(
      await loadTargetTls(
        { ...target({ ca: ref('nope.pem'), rejectUnauthorized: true }), embedded: true },
        config,
        pki.dir,
      ),
    ).toEqual({ diagnostics: [] });
    expect(await load(undefined)).toEqual({ diagnostics: [] });
  });
});
