import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:https';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCards } from '../../src/runner/run-cards.js';
import { cardcheck } from '../support/cli.js';
import type { EchoServer } from '../support/echo-server.js';
import { startEchoServer } from '../support/echo-server.js';
import { card, writeCards } from '../support/temp-cards.js';
import type { TestProxy } from '../support/test-proxy.js';
import { startTestProxy } from '../support/test-proxy.js';
import type { TestPki } from '../support/tls-certs.js';
import { createTestPki, keyFragments } from '../support/tls-certs.js';

interface HttpsTarget {
  url: string;
  /** Client certificate subject of each request that reached the handler ('' without one). */
  hits: string[];
  server: Server;
}

async function startHttps(pki: TestPki, mtls: boolean): Promise<HttpsTarget> {
  const hits: string[] = [];
  const server = createServer(
    {
      key: pki.server.key,
      cert: pki.server.cert,
      ...(mtls ? { ca: pki.ca.cert, requestCert: true, rejectUnauthorized: true } : {}),
    },
    (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      hits.push(typeof peer.subject?.CN === 'string' ? peer.subject.CN : '');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    },
  );
  // A refused handshake is what this test provokes; keep it off the console.
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
}

let pki: TestPki;
let privateCa: HttpsTarget;
let mtls: HttpsTarget;
let echo: EchoServer;
let proxy: TestProxy;
let dir: string;
let secrets: string[];

beforeAll(async () => {
  pki = await createTestPki();
  [privateCa, mtls, echo, proxy] = await Promise.all([
    startHttps(pki, false),
    startHttps(pki, true),
    startEchoServer(),
    startTestProxy(),
  ]);
  dir = await writeCards({
    'cards/get-things.md': card({ endpoint: 'GET /things', request: { method: 'GET', path: '/things' } }),
  });
  await mkdir(path.join(dir, 'certs'));
  for (const [from, to] of [
    [pki.ca.certFile, 'ca.pem'],
    [pki.client.certFile, 'client.pem'],
    [pki.client.keyFile, 'client-key.pem'],
    [pki.strayKeyFile, 'stray-key.pem'],
  ] as const)
    await copyFile(from, path.join(dir, 'certs', to));
  await writeFile(
    path.join(dir, 'cardcheck.config.yaml'),
    [
      'targets:',
      '  untrusted:',
      `    apis: { svc: "${privateCa.url}/api" }`,
      '  private-ca:',
      `    apis: { svc: "${privateCa.url}/api" }`,
      '    tls: { ca: certs/ca.pem }',
      '  mtls-no-cert:',
      `    apis: { svc: "${mtls.url}/api" }`,
      '    tls: { ca: certs/ca.pem }',
      '  mtls:',
      `    apis: { svc: "${mtls.url}/api" }`,
      '    tls:',
      '      ca: certs/ca.pem',
      '      cert: certs/client.pem',
      '      key: certs/client-key.pem',
      '  wrong-key:',
      `    apis: { svc: "${mtls.url}/api" }`,
      '    tls:',
      '      cert: certs/client.pem',
      '      key: certs/stray-key.pem',
      '  missing-ca:',
      `    apis: { svc: "${privateCa.url}/api" }`,
      '    tls:',
      '      ca: certs/nope.pem',
      '  plain:',
      `    apis: { svc: "${echo.url}/api" }`,
      '',
    ].join('\n'),
  );
  secrets = keyFragments(pki.privateKeys);
});
afterAll(async () => {
  await Promise.all([privateCa, mtls].map((t) => new Promise((resolve) => t.server.close(resolve))));
  await Promise.all([echo.close(), proxy.close()]);
  // Throwaway keys, but keys: do not leave them in the temp folder.
  await Promise.all([pki.dir, dir].map((d) => rm(d, { recursive: true, force: true })));
});
beforeEach(() => {
  privateCa.hits.length = 0;
  mtls.hits.length = 0;
  echo.seen.length = 0;
  proxy.seen.length = 0;
});

const run = (target: string, env: Record<string, string> = {}) =>
  runCards({ cwd: dir, paths: ['cards'], target, env, retryPolicy: { maxRetries: 0 } });
const expectNoKeyMaterial = (...outputs: string[]) => {
  for (const out of outputs) {
    expect(out).not.toMatch(/PRIVATE KEY/);
    for (const s of secrets) expect(out.includes(s), `key material in output: ${s}`).toBe(false);
  }
};

describe('a private CA (tls.ca)', () => {
  it('without tls.ca the card errors naming the certificate problem and the fix; the server handles nothing', async () => {
    const result = await run('untrusted');
    const c = result.cards[0];
    expect(c?.outcome).toBe('errored');
    expect(c?.reason).toMatch(
      new RegExp(
        `^${privateCa.url} failed the TLS certificate check: .+ \\((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\\); if the target uses a private CA, give its CA bundle as tls.ca of this target in cardcheck.config.yaml$`,
      ),
    );
    expect(privateCa.hits).toEqual([]);
  });

  it('with tls.ca (relative to the config file) the card passes', async () => {
    const result = await run('private-ca');
    expect(result.cards.map((c) => c.outcome)).toEqual(['passed']);
    expect(privateCa.hits).toHaveLength(1);
  });
});

describe('client certificates (mTLS: tls.cert + tls.key)', () => {
  it('a server that requires one refuses a client without it; the card says what to configure', async () => {
    const result = await run('mtls-no-cert');
    const c = result.cards[0];
    expect(c?.outcome).toBe('errored');
    expect(c?.reason).toMatch(/client certificate/);
    expect(c?.reason).toMatch(/tls\.cert and tls\.key/);
    expect(mtls.hits).toEqual([]);
  });

  it('accepts the client with tls.cert and tls.key', async () => {
    const result = await run('mtls');
    expect(result.cards.map((c) => c.outcome)).toEqual(['passed']);
    expect(mtls.hits).toEqual(['cardcheck test client']);
  });

  it('the CLI prints and stores no key material, passing or failing', async () => {
    const passing = await cardcheck(['run', 'cards', '--target', 'mtls', '--out', 'out-pass'], { cwd: dir });
    expect(passing.code).toBe(0);
    const failing = await cardcheck(['run', 'cards', '--target', 'mtls-no-cert', '--out', 'out-fail'], { cwd: dir });
    expect(failing.code).toBe(2);
    expect(failing.stdout).toMatch(/client certificate/);
    const reports = await Promise.all(
      ['out-pass', 'out-fail'].map((o) => readFile(path.join(dir, o, 'results.json'), 'utf8')),
    );
    expectNoKeyMaterial(passing.stdout, passing.stderr, failing.stdout, failing.stderr, ...reports);
  });
});

describe('TLS files are checked when the target is used', () => {
  it('a key that does not belong to the certificate is a located config error; nothing runs, nothing is shown of the key', async () => {
    const res = await cardcheck(['run', 'cards', '--target', 'wrong-key', '--out', 'out-wrong'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(
      'cardcheck.config.yaml:20:7 error config-tls-file tls.key of target "wrong-key": certs/stray-key.pem is not the key of the certificate in certs/client.pem',
    );
    expect(res.stderr).toContain('nothing was run');
    expect(mtls.hits).toEqual([]);
    expectNoKeyMaterial(res.stdout, res.stderr);
  });

  it('a missing file is a located config error naming it', async () => {
    const res = await cardcheck(['run', 'cards', '--target', 'missing-ca', '--out', 'out-missing'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(
      'cardcheck.config.yaml:24:7 error config-tls-file tls.ca of target "missing-ca": certs/nope.pem does not exist',
    );
    expect(res.stderr).toMatch(/hint: Paths are relative to the config file's folder/);
  });

  it("another target's missing files do not stop a run against this one", async () => {
    const res = await cardcheck(['run', 'cards', '--target', 'plain', '--out', 'out-plain'], { cwd: dir });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
  });
});

describe('proxies from the environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY)', () => {
  it('sends http: requests to HTTP_PROXY as absolute-URI requests', async () => {
    const result = await run('plain', { HTTP_PROXY: proxy.url });
    expect(result.cards.map((c) => c.outcome)).toEqual(['passed']);
    expect(proxy.seen).toEqual([`GET ${echo.url}/api/things`]);
    expect(echo.seen).toHaveLength(1);
  });

  it('tunnels https: requests through HTTPS_PROXY with CONNECT; TLS (private CA, client certificate) stays end to end', async () => {
    const result = await run('mtls', { https_proxy: proxy.url });
    expect(result.cards.map((c) => c.outcome)).toEqual(['passed']);
    expect(proxy.seen).toEqual([`CONNECT ${new URL(mtls.url).host}`]);
    expect(mtls.hits).toEqual(['cardcheck test client']);
  });

  it('goes direct when NO_PROXY matches the host (any port, or the same port)', async () => {
    for (const noProxy of ['127.0.0.1', `example.com, 127.0.0.1:${new URL(echo.url).port}`, '*']) {
      const result = await run('plain', { HTTP_PROXY: proxy.url, NO_PROXY: noProxy });
      expect(
        result.cards.map((c) => c.outcome),
        noProxy,
      ).toEqual(['passed']);
    }
    expect(proxy.seen).toEqual([]);
    expect(echo.seen).toHaveLength(3);
  });

  it('still uses the proxy when NO_PROXY names another port or host', async () => {
    await run('plain', { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1:1,localhost' });
    expect(proxy.seen).toEqual([`GET ${echo.url}/api/things`]);
  });

  it('does not use HTTP_PROXY for https: targets', async () => {
    const result = await run('private-ca', { HTTP_PROXY: proxy.url });
    expect(result.cards.map((c) => c.outcome)).toEqual(['passed']);
    expect(proxy.seen).toEqual([]);
  });

  it('names an unreachable proxy by its origin, never its credentials', async () => {
    const result = await run('plain', { HTTP_PROXY: 'http://ci-user:pr0xy-pa55word@127.0.0.1:1' });
    const c = result.cards[0];
    expect(c?.outcome).toBe('errored');
    expect(c?.reason).toBe(
      `the proxy http://127.0.0.1:1 refused the connection (for ${echo.url}); check HTTPS_PROXY / HTTP_PROXY, or exclude the host with NO_PROXY`,
    );
    expect(JSON.stringify(result)).not.toContain('pr0xy-pa55word');
    expect(echo.seen).toEqual([]);
  });
});
