import path from 'node:path';
import { chromiumDriver } from '../browser/chromium-driver.js';
import type { RunShard } from '../core/result.js';
import { summarize } from '../core/result.js';
import { createAuthResolver } from '../execute/auth.js';
import { CleanupLedger } from '../execute/cleanup-ledger.js';
import type { ExecuteContext } from '../execute/context.js';
import { executePlan } from '../execute/execute-plan.js';
import { HostLimiter } from '../execute/host-limiter.js';
import type { RetryPolicy } from '../execute/retry-policy.js';
import { DEFAULT_RETRY_POLICY, scaledBudgets } from '../execute/retry-policy.js';
import { SharedFixtures } from '../execute/shared-fixtures.js';
import { SucceededRequests } from '../execute/succeeded-requests.js';
import { createTimestampSource } from '../execute/timestamp.js';
import type { StandardsSettings } from '../standards/card-standards.js';
import { describeDryRun } from './dry-run.js';
import type { Project } from './load-project.js';
import { loadRecordedShapes, RECORDED_DIR, recordShapes } from './recorded-schemas.js';
import { baseUrlLookup } from './resolve-target.js';
import type { RunCardsResult } from './run-cards-options.js';
import type { RunContext } from './run-context.js';
import { need } from './run-context.js';
import type { Task } from './tasks.js';
import { updateCards } from './update-cards.js';

/** The browser that drives flows only a person could do, when the run asks for one. */
export const browserTask: Task<RunContext> = {
  name: 'browser',
  setup(ctx) {
    if (ctx.options.browser === true) ctx.ownBrowser = chromiumDriver();
  },
  async teardown(ctx) {
    // A driver given by the caller is theirs to close.
    await ctx.ownBrowser?.close();
  },
};

function describeTarget(name: string, apis: Record<string, string>, embedded: boolean): string {
  const urls = Object.values(apis);
  if (/^https?:/.test(name)) return name;
  return `${name}${embedded ? ' (embedded sandbox)' : ''}${urls.length === 1 ? ` ${urls[0]}` : ''}`;
}

/** The parts of the result every run has, executed or not. */
function resultBase(ctx: RunContext) {
  const target = need(ctx.target, 'the target');
  const project = need(ctx.project, 'the project');
  return {
    runId: ctx.runId,
    target: describeTarget(target.name, target.apis, ctx.sandbox !== undefined),
    seed: ctx.seed,
    missing: project.missing,
    heldBack: ctx.heldBack,
    sandbox: ctx.sandbox !== undefined,
    targetName: target.name,
    configDiagnostics: project.configDiagnostics,
    updatedCards: [],
    recordedSchemas: [],
  };
}

/** What results.json records about this shard: its share, how it was split, and the whole selection. */
function shardRecord(ctx: RunContext): RunShard | undefined {
  const shard = ctx.options.select?.shard;
  if (!shard) return undefined;
  const heldBack = ctx.heldBack.map((h) => h.file).sort();
  return {
    index: shard.index,
    total: shard.total,
    balance: shard.timings ? 'time' : 'count',
    selected: ctx.wholeSelection ?? [],
    ...(heldBack.length ? { heldBack } : {}),
  };
}

/** `--dry-run`: what each card would send, rendered and redacted; nothing is sent. */
function dryRun(ctx: RunContext): RunCardsResult {
  const project = need(ctx.project, 'the project');
  const dry = describeDryRun(need(ctx.plan, 'the plan').cards, {
    profiles: project.config.profiles,
    baseUrlFor: baseUrlLookup(need(ctx.target, 'the target')),
    env: ctx.env,
    seed: ctx.seed,
    redactor: need(ctx.redactor, 'the redactor'),
    now: Date.now(),
    standards: standardsSettings(ctx),
  });
  const empty = {
    startedAt: new Date().toISOString(),
    summary: summarize([], 0),
    cards: [],
    leftBehind: [],
    coverage: [],
  };
  return { ...resultBase(ctx), ...empty, dryRun: dry };
}

/** The config's `apis:` standards, `--standards`, and whether follow-up requests may be sent. */
const standardsSettings = (ctx: RunContext): StandardsSettings => ({
  apis: need(ctx.project, 'the project').config.apis,
  override: ctx.options.standards,
  // Follow-up requests only where the target allows mutations, as the production guard decides for cards.
  followUps: !need(ctx.target, 'the target').production || (ctx.options.allowMutations ?? false),
});

/** What execute/ needs from the run: its services, settings and state. */
async function executeContextFor(ctx: RunContext): Promise<ExecuteContext> {
  const { options } = ctx;
  const http = need(ctx.http, 'the HTTP client');
  const baseUrlFor = baseUrlLookup(need(ctx.target, 'the target'));
  const cards = ctx.plan?.cards.length ?? 0;
  const policy: RetryPolicy = scaledBudgets(
    { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy },
    cards,
    options.retryPolicy,
  );
  const deadlineAt = options.runTimeoutMs === undefined ? undefined : Date.now() + options.runTimeoutMs;
  const browser = ctx.ownBrowser ?? (typeof options.browser === 'object' ? options.browser : undefined);
  return {
    services: {
      http,
      auth: createAuthResolver(need(ctx.project, 'the project').config.profiles, http, baseUrlFor),
      baseUrlFor,
      redactor: need(ctx.redactor, 'the redactor'),
      onEvent: options.onEvent ?? (() => {}),
      journal: ctx.journal,
      browser,
      clock: { now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    },
    settings: {
      env: ctx.env,
      seed: ctx.seed,
      retries: options.retries ?? 0,
      trace: options.trace ?? 'retain-on-failure',
      retryPolicy: policy,
      browserTimeoutMs: options.timeoutMs,
      browserStepTimeoutMs: options.browserStepTimeoutMs,
      reportsDir: options.reportsDir === undefined ? undefined : path.resolve(ctx.cwd, options.reportsDir),
      recordedShapes: await loadRecordedShapes(schemasDir(ctx)),
      cardText: cardTexts(need(ctx.project, 'the project')),
      standards: standardsSettings(ctx),
    },
    state: {
      nextTimestamp: createTimestampSource(),
      outputs: new Map(),
      shared: new SharedFixtures(),
      runLedger: new CleanupLedger(),
      succeeded: new SucceededRequests(),
      retryBudget: { limiter: new HostLimiter(), left: policy.budget, cleanupLeft: policy.cleanupBudget, deadlineAt },
      captureBodies: options.updateSchemas ? new Map<string, unknown>() : undefined,
    },
  };
}

/** Each card file's text, by its path as reported. */
function cardTexts(project: Project): (file: string) => string | undefined {
  const byFile = new Map(project.cards.map((c) => [c.file, c.text]));
  return (file) => byFile.get(file);
}

const schemasDir = (ctx: RunContext) => path.resolve(ctx.cwd, ctx.options.schemasDir ?? RECORDED_DIR);

/** How long each cleanup request may take once --run-timeout has passed. */
export const CLEANUP_DEADLINE_MS = 10_000;

/** Stop starting cards on the caller's signal or when the whole-run timeout passes; returns the undo. */
function watchForAbort(ctx: RunContext, exec: ExecuteContext): () => void {
  const { signal, runTimeoutMs } = ctx.options;
  const onAbort = () => {
    exec.state.abort ??= { kind: 'interrupted', message: 'the run was interrupted' };
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  const timer =
    runTimeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          const message = `the run took longer than ${runTimeoutMs} ms (--run-timeout)`;
          exec.state.abort ??= { kind: 'timeout', message };
          // Requests in flight are stopped; the cleanups that follow get a short deadline of their own.
          exec.services.http.abortInFlight?.(message, CLEANUP_DEADLINE_MS);
        }, runTimeoutMs);
  timer?.unref();
  return () => {
    signal?.removeEventListener('abort', onAbort);
    if (timer) clearTimeout(timer);
  };
}

/** Run the plan (or describe it, with dryRun), then write back what the options ask for. */
export const executeTask: Task<RunContext> = {
  name: 'execute',
  async setup(ctx) {
    if (ctx.options.dryRun) {
      ctx.result = dryRun(ctx);
      return;
    }
    const exec = await executeContextFor(ctx);
    const stopWatching = watchForAbort(ctx, exec);
    try {
      const { options } = ctx;
      const base = resultBase(ctx);
      const result = await executePlan(need(ctx.plan, 'the plan'), exec, {
        runId: ctx.runId,
        target: base.target,
        concurrency: options.concurrency,
        bail: options.bail,
        shard: shardRecord(ctx),
        // Writing back needs every result.
        streamCards: options.streamCards === true && !options.updateCards && !options.updateSchemas,
      });
      // The browser is found and started at the first flow: known only now.
      const used = exec.services.browser?.used?.();
      ctx.result = { ...base, ...result, seed: ctx.seed, ...(used ? { browser: used } : {}) };
      ctx.capturedBodies = exec.state.captureBodies;
    } finally {
      stopWatching();
    }
  },
};

/** --update-cards and --update-schemas: the only files a run changes besides its reports. */
export const writeBackTask: Task<RunContext> = {
  name: 'write-back',
  async setup(ctx) {
    const result = need(ctx.result, 'the result');
    if (ctx.options.updateCards && !ctx.options.dryRun) result.updatedCards = await updateCards(result.cards, ctx.cwd);
    if (!ctx.capturedBodies) return;
    const recorded = await recordShapes(result.cards, ctx.capturedBodies, schemasDir(ctx));
    result.recordedSchemas = recorded.map((f) => path.relative(ctx.cwd, f).split(path.sep).join('/'));
  },
};
