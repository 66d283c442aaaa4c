import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

const SCRIPT = path.join(import.meta.dirname, 'oidc-server.mjs');
/** How long the server may take to print its origin. */
const START_TIMEOUT_MS = 10_000;

/** A registration the server reported (test/support/oidc-server.mjs prints one per POST /reg). */
export interface Registration {
  client_id: string;
  registration_access_token: string;
  client_secret?: string;
}

/** A running oidc-provider child process. */
export interface OidcServer {
  /** `http://127.0.0.1:<port>`, also the issuer. */
  origin: string;
  /** The token POST /reg requires (`Authorization: Bearer …`). */
  initialAccessToken: string;
  /** Every client registered so far, in order. */
  registrations: Registration[];
  /** The client_ids deleted so far (RFC 7592 DELETE). */
  deleted: string[];
  /** Every authorization code and access token issued so far (opaque: the value is its id). */
  issued: string[];
  /** What the child wrote on stderr so far. */
  stderr(): string;
  /** The child's process id. */
  pid: number;
  /** SIGTERM, then SIGKILL after 3 s; resolves when it has exited. */
  stop(): Promise<void>;
}

/**
 * Start test/support/oidc-server.mjs as a child process (its own process, so
 * a test may kill cardcheck and not the server). Rejects, with the child's
 * stderr, when it has not printed its origin within 10 s or exits first.
 * `env` adds to the child's environment.
 */
export function startOidcServer(opts: { env?: Record<string, string> } = {}): Promise<OidcServer> {
  const initialAccessToken = randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, [SCRIPT], {
    env: { ...process.env, OIDC_INITIAL_ACCESS_TOKEN: initialAccessToken, DEBUG: '', ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const registrations: Registration[] = [];
  const deleted: string[] = [];
  const issued: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise((resolve, reject) => {
    let buffered = '';
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`the OIDC test server ${why}; its stderr:\n${stderr || '(empty)'}`));
    };
    const timer = setTimeout(() => fail(`printed no origin within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.once('error', (err) => fail(`could not start (${err.message})`));
    child.once('exit', (code, signal) => fail(`exited before printing its origin (code ${code}, signal ${signal})`));
    child.stdout?.on('data', (d: Buffer) => {
      buffered += d.toString();
      let nl = buffered.indexOf('\n');
      while (nl >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        nl = buffered.indexOf('\n');
        if (line.startsWith('OIDC_EVENT ')) {
          const e = JSON.parse(line.slice('OIDC_EVENT '.length));
          if (e.event === 'registered') registrations.push(e);
          if (e.event === 'issued') issued.push(e.value);
          if (e.event === 'deleted') deleted.push(e.client_id);
        } else if (line.startsWith('OIDC_ORIGIN=') && !settled) {
          settled = true;
          clearTimeout(timer);
          resolve({
            origin: line.slice('OIDC_ORIGIN='.length),
            initialAccessToken,
            registrations,
            deleted,
            issued,
            stderr: () => stderr,
            pid: child.pid ?? 0,
            stop: () => stopChild(child, exited),
          });
        }
      }
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(killer);
}

/** An OIDC server for a test file: started in beforeAll, stopped in afterAll. */
export function useOidcServer(hooks: {
  beforeAll: (fn: () => Promise<void>, timeout?: number) => void;
  afterAll: (fn: () => Promise<void>, timeout?: number) => void;
}): () => OidcServer {
  let server: OidcServer | undefined;
  hooks.beforeAll(async () => {
    server = await startOidcServer();
  }, START_TIMEOUT_MS + 5_000);
  hooks.afterAll(async () => {
    await server?.stop();
  }, 10_000);
  return () => {
    if (!server) throw new Error('the OIDC server is not started (see the beforeAll error)');
    return server;
  };
}

/**
 * RFC 7592 §2.1 read of a registered client, as its owner: the status says
 * whether it still exists (200), or not (401: the registration access token
 * died with the client; 404 on servers that say so).
 */
export async function readClient(origin: string, r: Registration): Promise<number> {
  const res = await fetch(`${origin}/reg/${encodeURIComponent(r.client_id)}`, {
    headers: { authorization: `Bearer ${r.registration_access_token}` },
    signal: AbortSignal.timeout(5_000),
  });
  await res.arrayBuffer();
  return res.status;
}
