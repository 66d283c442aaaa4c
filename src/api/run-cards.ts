import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { discoverCards } from '../card/discover.js';
import { parseCard } from '../card/parse-card.js';
import type { RunEvent, RunResult } from '../core/result.js';
import { executePlan } from '../execute/execute-plan.js';
import { createTimestampSource } from '../execute/timestamp.js';
import { createHttpClient } from '../http/client.js';
import type { LoadedCard } from '../plan/plan-run.js';
import { planRun } from '../plan/plan-run.js';
import { startSandbox } from '../sandbox/server.js';
import type { Sandbox } from '../sandbox/server.js';
import { loadEnv } from './load-env.js';

export interface RunCardsOptions {
  /** Card files or folders. @default ['specs'] */
  paths?: string[];
  /** @default process.cwd() */
  cwd?: string;
  /** Base URL of the API under test. When absent, the embedded sandbox is started and used. */
  target?: string;
  /** A .env file; ./.env is read when present. */
  envFile?: string;
  /** Environment to use instead of process.env. */
  env?: NodeJS.ProcessEnv;
  /** Per-request timeout. @default 30000 */
  timeoutMs?: number;
  onEvent?: (event: RunEvent) => void;
}

export interface RunCardsResult extends RunResult {
  /** Paths given that do not exist. */
  missing: string[];
  /** True when the embedded sandbox served the run. */
  sandbox: boolean;
}

async function loadCard(cwd: string, file: string): Promise<LoadedCard> {
  try {
    const bytes = await readFile(path.resolve(cwd, file));
    return { file, ...parseCard(bytes, file) };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { file, lines: [], diagnostics: [{ ruleId: 'unreadable-card', severity: 'error', file, line: 1, column: 1, message: `cannot read the file: ${reason}`, hint: 'Check the path and its permissions.' }] };
  }
}

/** Programmatic entry point: read cards, plan, run them against the target, return the result. */
export async function runCards(options: RunCardsOptions = {}): Promise<RunCardsResult> {
  const cwd = options.cwd ?? process.cwd();
  const env = await loadEnv(cwd, options.envFile, options.env ?? process.env);
  const { files, missing } = await discoverCards(options.paths ?? ['specs'], cwd);
  const loaded = await Promise.all(files.map((f) => loadCard(cwd, f)));

  let sandbox: Sandbox | undefined;
  let target = options.target;
  if (!target) {
    sandbox = await startSandbox();
    target = sandbox.apis.vcita;
    Object.assign(env, sandbox.env);
  }
  const plan = planRun(loaded, { env });
  // Auth for now: a directory token, when there is one, goes on every request.
  const headers: Record<string, string> = env.DIRECTORY_TOKEN ? { authorization: `Bearer ${env.DIRECTORY_TOKEN}` } : {};
  const http = createHttpClient(target, { headers, timeoutMs: options.timeoutMs });
  try {
    const result = await executePlan(plan, { http, env, nextTimestamp: createTimestampSource(), onEvent: options.onEvent ?? (() => {}) });
    return { ...result, missing, sandbox: sandbox !== undefined };
  } finally {
    await http.close();
    await sandbox?.close();
  }
}
