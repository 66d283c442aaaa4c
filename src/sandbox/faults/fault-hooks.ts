import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiMount, Sleep } from '../api-mount.js';
import type { SandboxStats } from '../stats.js';
import type { RequestFaults } from './fault-header.js';
import { FAULT_HEADER, FAULT_HEADER_SYNTAX, parseFaultHeader } from './fault-header.js';
import type { FaultPlanner } from './fault-planner.js';

export interface FaultHookContext {
  planner: FaultPlanner;
  mounts: readonly ApiMount[];
  stats: SandboxStats;
  sleep: Sleep;
  /** Retry-After for injected 429/503 unless the header says otherwise. */
  retryAfterMs: number;
}

const SLOW_BODY_CHUNKS = 4;

/** Body for an injected status when the owning API documents none. */
export function genericFaultBody(status: number): Record<string, unknown> {
  return {
    error: `sandbox fault ${status}`,
    message: 'This response was injected by the cardcheck sandbox before the request was processed.',
  };
}

/** The body trickles out in a few chunks spread over `totalMs`. */
function slowBody(payload: Buffer, totalMs: number, sleep: Sleep): Readable {
  const size = Math.max(1, Math.ceil(payload.length / SLOW_BODY_CHUNKS));
  const chunks: Buffer[] = [];
  for (let i = 0; i < payload.length; i += size) chunks.push(payload.subarray(i, i + size));
  const pause = Math.round(totalMs / Math.max(1, chunks.length));
  async function* trickle() {
    for (const chunk of chunks) {
      await sleep(pause);
      yield chunk;
    }
  }
  return Readable.from(trickle(), { objectMode: false });
}

function resetConnection(req: FastifyRequest, reply: FastifyReply): void {
  reply.hijack();
  const socket = req.raw.socket;
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

/**
 * Faults happen in onRequest, before the body is read or any handler runs, so a faulted
 * request never changes state. `/__sandbox/*` is never faulted.
 */
export function registerFaultHooks(app: FastifyInstance, ctx: FaultHookContext): void {
  const planned = new WeakMap<FastifyRequest, RequestFaults>();

  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/__sandbox/')) return;
    const header = req.headers[FAULT_HEADER];
    const parsed = typeof header === 'string' ? parseFaultHeader(header) : undefined;
    if (parsed && 'error' in parsed)
      return reply
        .code(400)
        .send({ error: `invalid ${FAULT_HEADER} header`, message: parsed.error, syntax: FAULT_HEADER_SYNTAX });
    const faults = ctx.planner.next(parsed?.faults);
    planned.set(req, faults);
    if (faults.latencyMs) {
      ctx.stats.countFault('latency');
      await ctx.sleep(faults.latencyMs);
    }
    if (faults.reset) {
      ctx.stats.countFault('reset');
      return resetConnection(req, reply);
    }
    if (faults.status) {
      ctx.stats.countFault(`status-${faults.status}`);
      const retryAfterMs = faults.retryAfterMs ?? ctx.retryAfterMs;
      const mount = ctx.mounts.find((m) => req.url === m.prefix || req.url.startsWith(`${m.prefix}/`));
      const body = mount?.faultBody(faults.status, retryAfterMs) ?? genericFaultBody(faults.status);
      if (faults.status === 429 || faults.status === 503)
        reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
      return reply.code(faults.status).header('x-sandbox-fault-injected', `status=${faults.status}`).send(body);
    }
    return undefined;
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const slowMs = planned.get(req)?.slowBodyMs;
    if (!slowMs || !(typeof payload === 'string' || Buffer.isBuffer(payload))) return payload;
    ctx.stats.countFault('slow-body');
    const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8');
    reply.header('content-length', String(bytes.length));
    return slowBody(bytes, slowMs, ctx.sleep);
  });
}
