import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { registerAdminRoutes } from './admin-routes.js';
import type { Sleep } from './api-mount.js';
import { realSleep } from './api-mount.js';
import { registerBreakHook } from './breaks/break-hook.js';
import { resolveBreaks, standardsBreaksOf } from './breaks/registry.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { ApiOverrides } from './credentials.js';
import { credentialSecrets, credentialsEnv, resolveApiOptions } from './credentials.js';
import { registerFaultHooks } from './faults/fault-hooks.js';
import type { FaultOptions } from './faults/fault-options.js';
import { checkFaultOptions } from './faults/fault-options.js';
import { FaultPlanner } from './faults/fault-planner.js';
import { MOUNTS, registerApis } from './mounts.js';
import { registerOpenApiRoutes } from './openapi/documents.js';
import type { StatsSnapshot } from './stats.js';
import { SandboxStats } from './stats.js';

export interface SandboxOptions extends ApiOverrides {
  /** @default 0 (a free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  clock?: Clock;
  /** Run-wide fault injection (a request can also ask for its own with `x-sandbox-fault`). */
  faults?: FaultOptions;
  /** Names of contract breaks to enable; see `listBreaks()`. @default [] */
  breaks?: readonly string[];
  /** How latency and slow bodies wait; tests inject a recorder so they never really wait. */
  sleep?: Sleep;
}

export interface Sandbox {
  /** Origin to reach it from this machine, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** The address and port it actually bound, e.g. `0.0.0.0:41234` or `[::]:41234`. */
  bound: string;
  /** False when it listens beyond loopback (`--host 0.0.0.0`, a LAN address): other machines may reach it. */
  loopbackOnly: boolean;
  /** Base URL of each API. */
  apis: { vcita: string; rocketchat: string; youhodler: string; oauth: string };
  /** Credentials a run against this sandbox needs (throwaway, random per start). */
  env: Record<string, string>;
  /** Names of the enabled contract breaks. */
  breaks: readonly string[];
  stats(): StatsSnapshot;
  /** Every secret and token it issued (in-process only, for leak tests). */
  issuedSecrets(): readonly string[];
  close(): Promise<void>;
}

/** Start the embedded sandbox: a stateful local implementation of the seeds' APIs. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const faults = options.faults ?? {};
  const problems = checkFaultOptions(faults);
  if (problems.length > 0) throw new Error(`invalid sandbox fault options: ${problems.join('; ')}`);
  const breaks = resolveBreaks(options.breaks ?? []);
  const clock = options.clock ?? systemClock;
  const stats = new SandboxStats();
  const apiOptions = resolveApiOptions(options);
  const env = credentialsEnv(apiOptions);
  for (const secret of credentialSecrets(apiOptions)) stats.issue(secret);

  const app = Fastify({ logger: false });
  await app.register(formbody);
  app.addHook('onResponse', async (req) => {
    stats.countRequest(`${req.method} ${req.routeOptions.url ?? req.url}`);
  });
  // Breaks first, so a slow body trickles out the broken payload.
  registerBreakHook(app, breaks, MOUNTS);
  registerFaultHooks(app, {
    planner: new FaultPlanner(faults),
    mounts: MOUNTS,
    stats,
    sleep: options.sleep ?? realSleep,
    retryAfterMs: faults.retryAfterMs ?? 1000,
  });
  registerAdminRoutes(
    app,
    stats,
    breaks.map((b) => b.name),
  );
  await registerApis(app, { options: apiOptions, stats, clock, standardsBreaks: standardsBreaksOf(breaks) });
  registerOpenApiRoutes(app, MOUNTS);

  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const addr = typeof address === 'object' && address ? address.address : host;
  return {
    origin,
    bound: `${addr.includes(':') ? `[${addr}]` : addr}:${port}`,
    loopbackOnly: isLoopback(addr),
    apis: {
      vcita: `${origin}/vcita`,
      rocketchat: `${origin}/rocketchat`,
      youhodler: `${origin}/youhodler`,
      oauth: `${origin}/oauth`,
    },
    env,
    breaks: breaks.map((b) => b.name),
    stats: () => stats.snapshot(),
    issuedSecrets: () => stats.issued,
    close: () => app.close(),
  };
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped form. */
export function isLoopback(address: string): boolean {
  return /^(?:::ffff:)?127\./.test(address) || address === '::1';
}
