import { randomUUID } from 'node:crypto';
import type { CardPlan, RunPlan } from '../core/plan.js';
import type { RequestRecord, RunResult, RunShard } from '../core/result.js';
import { credentialFlows } from '../plan/credential-flows.js';
import { CardSink } from './card-sink.js';
import { createCleanupRunner } from './cleanup-runner.js';
import type { ExecuteContext } from './context.js';
import { executeCard } from './execute-card.js';
import { markCleaned } from './journal-entry.js';
import { PostponedChecks } from './postponed-checks.js';

export interface ExecutePlanOptions {
  /** Name or URL of the target, for reports. */
  target: string;
  /** Cards run at once; a card starts only when the cards it needs are done. @default 1 */
  concurrency?: number;
  /** Stop starting cards after this many failed or errored ones. */
  bail?: number;
  shard?: RunShard;
  /** @default a random UUID */
  runId?: string;
  /**
   * Give each card's result only to `card-end` and keep none: the result's `cards` is empty and `cardsStreamed`
   * set (the CLI's reporters write their files from the events). @default false
   */
  streamCards?: boolean;
}

const bailed = (failures: number) => `--bail stopped the run after ${failures} failure${failures === 1 ? '' : 's'}`;

/** Shared resources and the resources of cards other cards needed go last; what stays is its card's. */
async function cleanUpLast(ctx: ExecuteContext, sink: CardSink): Promise<void> {
  const { services, state } = ctx;
  const runRequests: RequestRecord[] = [];
  const late = await state.runLedger.drain(createCleanupRunner(ctx, runRequests), markCleaned(services));
  for (const l of late) sink.late(services.redactor.redactDeep(l));
}

/**
 * Run the plan: the only stage that touches the target. Results come back in
 * plan order whatever the concurrency.
 */
export async function executePlan(plan: RunPlan, ctx: ExecuteContext, opts: ExecutePlanOptions): Promise<RunResult> {
  const { services, settings, state } = ctx;
  state.credentialFlows ??= credentialFlows(plan.cards, services.redactor.isSecretKey);
  const startedAt = new Date().toISOString();
  const started = performance.now();
  services.onEvent({
    type: 'run-start',
    total: plan.cards.length,
    target: opts.target,
    seed: settings.seed,
    shard: opts.shard,
    streamed: opts.streamCards === true,
  });
  const stream = opts.streamCards === true;
  const sink = new CardSink(plan.cards.length, stream, services.onEvent);
  state.postponed ??= new PostponedChecks();
  const done = new Map<string, Promise<void>>();
  let failures = 0;

  const runOne = async (index: number, p: CardPlan): Promise<void> => {
    // A card waits for the cards it needs; they were planned before it.
    await Promise.all(p.needs.map((id) => done.get(id)));
    services.onEvent({ type: 'card-start', file: p.file, endpoint: p.endpoint, title: p.title });
    const result = await executeCard(p, ctx);
    sink.end(index, result, ctx);
    if (result.outcome === 'failed' || result.outcome === 'errored') {
      failures++;
      if (opts.bail !== undefined && failures >= opts.bail) state.abort ??= { kind: 'bail', message: bailed(failures) };
    }
  };

  const width = Math.max(1, opts.concurrency ?? 1);
  let next = 0;
  const worker = async () => {
    while (next < plan.cards.length) {
      const index = next++;
      const p = plan.cards[index];
      if (!p) continue;
      const settled = runOne(index, p);
      // Only a card another card needs is waited for: a run keeps nothing of the others.
      if (p.needed) done.set(p.id, settled);
      await settled;
    }
  };
  // Register every card's promise slot before workers wait on needs.
  try {
    await Promise.all(Array.from({ length: Math.min(width, plan.cards.length) }, worker));
  } finally {
    await cleanUpLast(ctx, sink);
    await sink.settleHeld(ctx);
  }
  const { tally } = sink;
  const run: RunResult = {
    runId: opts.runId ?? randomUUID(),
    target: opts.target,
    startedAt,
    seed: settings.seed,
    trace: settings.trace ?? 'retain-on-failure',
    ...(opts.shard ? { shard: opts.shard } : {}),
    summary: tally.summary(Math.round(performance.now() - started)),
    cards: sink.cards(),
    leftBehind: [...tally.leftBehind, ...tally.late],
    coverage: tally.coverage.coverage(),
    ...(stream ? { cardsStreamed: true as const, lateLeftBehind: tally.late } : {}),
    ...(state.abort ? { aborted: state.abort } : {}),
  };
  services.onEvent({ type: 'run-end', result: run });
  return run;
}
