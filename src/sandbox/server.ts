import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import formbody from '@fastify/formbody';
import { registerVcita } from './apis/vcita/index.js';
import type { VcitaOptions } from './apis/vcita/context.js';
import { VcitaState } from './apis/vcita/state.js';
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';
import { SandboxStats } from './stats.js';
import type { StatsSnapshot } from './stats.js';
import { TokenSigner } from './tokens.js';

export interface SandboxOptions {
  /** @default 0 (a free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  clock?: Clock;
  vcita?: Partial<VcitaOptions>;
}

export interface Sandbox {
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** Base URL of each API. */
  apis: { vcita: string };
  /** Credentials a run against this sandbox needs. */
  env: Record<string, string>;
  stats(): StatsSnapshot;
  /** Every secret and token it issued (in-process only, for leak tests). */
  issuedSecrets(): readonly string[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Start the embedded sandbox: a stateful local implementation of the seeds' APIs. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? systemClock;
  const stats = new SandboxStats();
  const app = Fastify({ logger: false });
  await app.register(formbody);
  app.addHook('onResponse', async (req) => {
    stats.countRequest(`${req.method} ${req.routeOptions.url ?? req.url}`);
  });

  const vcita = {
    directoryToken: options.vcita?.directoryToken ?? `dt_${randomBytes(18).toString('base64url')}`,
    codeTtlMs: options.vcita?.codeTtlMs ?? 60_000,
    user: options.vcita?.user ?? { username: 'demo@sandbox.test', password: 'sandbox-password' },
  };
  stats.issue(vcita.directoryToken);
  await app.register(async (scope) => {
    registerVcita(scope, { ...vcita, state: new VcitaState(), stats, clock, signer: new TokenSigner(clock, 'cardcheck-sandbox/vcita') }, '/vcita');
  }, { prefix: '/vcita' });

  // Stats, for people and tests; only from loopback.
  app.get('/__sandbox/stats', async (req, reply) => (LOOPBACK.has(req.ip) ? stats.snapshot() : reply.code(403).send({ error: 'stats are only served to loopback clients' })));

  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port ?? 0;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    origin,
    apis: { vcita: `${origin}/vcita` },
    env: { DIRECTORY_TOKEN: vcita.directoryToken },
    stats: () => stats.snapshot(),
    issuedSecrets: () => stats.issued,
    close: () => app.close(),
  };
}
