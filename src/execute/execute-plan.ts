import type { RunPlan } from '../core/plan.js';
import { summarize } from '../core/result.js';
import type { CardResult, RunResult } from '../core/result.js';
import type { ExecuteContext } from './context.js';
import { createCleanupRunner, executeCard } from './execute-card.js';

/** Run every card of the plan in order; the only stage that touches the target. */
export async function executePlan(plan: RunPlan, ctx: ExecuteContext, target: string): Promise<RunResult> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  ctx.onEvent({ type: 'run-start', total: plan.cards.length, target });
  const cards: CardResult[] = [];
  try {
    for (const cardPlan of plan.cards) {
      ctx.onEvent({ type: 'card-start', file: cardPlan.file, endpoint: cardPlan.endpoint });
      const result = await executeCard(cardPlan, ctx);
      cards.push(result);
      ctx.onEvent({ type: 'card-end', result });
    }
  } finally {
    // Shared resources and the resources of cards other cards needed go last.
    const runRequests: CardResult['requests'] = [];
    const late = await ctx.runLedger.drain(createCleanupRunner(ctx, runRequests));
    for (const l of late) cards.find((c) => c.file === l.file)?.leftBehind.push(ctx.redactor.redactDeep(l));
  }
  const run: RunResult = {
    target,
    startedAt,
    summary: summarize(cards, Math.round(performance.now() - started)),
    cards,
    leftBehind: cards.flatMap((c) => c.leftBehind),
  };
  ctx.onEvent({ type: 'run-end', result: run });
  return run;
}
