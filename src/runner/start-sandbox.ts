import { importOptional, SANDBOX_PACKAGES } from '../core/optional-import.js';
import type { Sandbox, SandboxOptions } from '../sandbox/server.js';

/**
 * Starts the embedded sandbox. Its server code (fastify, jose) is loaded by
 * this first call, not when cardcheck is imported: a run against a real
 * target never loads it. Those packages are optional peer dependencies: when
 * they are not installed, this fails with what to install (exit 2).
 */
export async function startSandbox(options?: SandboxOptions): Promise<Sandbox> {
  const server = await importOptional(SANDBOX_PACKAGES, () => import('../sandbox/server.js'));
  return server.startSandbox(options);
}
