import { randomUUID } from 'node:crypto';
import { newRunSeed } from '../execute/card-seed.js';
import type { RunCardsOptions, RunCardsResult } from './run-cards-options.js';
import type { RunContext } from './run-context.js';
import { need } from './run-context.js';
import { browserTask, executeTask, writeBackTask } from './run-tasks.js';
import { httpTask, journalTask, loadTask, planTask, sandboxTask, secretsTask, targetTask } from './setup-tasks.js';
import type { Task } from './tasks.js';
import { runTasks } from './tasks.js';

export type { Selection } from '../plan/select-cards.js';
export type { RunCardsOptions, RunCardsResult } from './run-cards-options.js';

/**
 * A run, step by step. Each task's teardown is registered before its setup
 * runs, so whatever fails (a config error, a journal folder that cannot be
 * made, an interrupted execute) the sandbox stops, the HTTP client and the
 * browser close and the journal is settled.
 */
export const RUN_TASKS: readonly Task<RunContext>[] = [
  loadTask,
  targetTask,
  sandboxTask,
  planTask,
  secretsTask,
  httpTask,
  journalTask,
  browserTask,
  executeTask,
  writeBackTask,
];

/** Programmatic entry point: read cards, plan, run them against the target, return the result. */
export async function runCards(options: RunCardsOptions = {}): Promise<RunCardsResult> {
  const ctx: RunContext = {
    options,
    cwd: options.cwd ?? process.cwd(),
    runId: randomUUID(),
    seed: options.seed ?? newRunSeed(),
    env: {},
    planSpills: [],
    heldBack: [],
  };
  await runTasks(ctx, RUN_TASKS);
  return need(ctx.result, 'the result');
}
