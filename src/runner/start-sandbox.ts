import type { Sandbox, SandboxOptions } from '../sandbox/server.js';

/**
 * Starts the embedded sandbox. Its server code (fastify, jose) is loaded by
 * this first call, not when cardcheck is imported: a run against a real
 * target never loads it.
 */
export async function startSandbox(options?: SandboxOptions): Promise<Sandbox> {
  const server = await import('../sandbox/server.js');
  return server.startSandbox(options);
}
