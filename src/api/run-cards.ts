import { randomUUID } from 'node:crypto';
import type { LookupFunction } from 'node:net';
import path from 'node:path';
import { chromiumDriver } from '../browser/chromium-driver.js';
import { scanPlaceholders } from '../card/placeholders.js';
import { loadTargetTls, tlsByOrigin } from '../config/tls-files.js';
import type { BrowserDriver } from '../core/browser.js';
import type { AuthProfile, Config } from '../core/config.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { CardPlan } from '../core/plan.js';
import { Redactor } from '../core/redact.js';
import type { RunEvent, RunResult } from '../core/result.js';
import { summarize } from '../core/result.js';
import { createAuthResolver } from '../execute/auth.js';
import { newRunSeed } from '../execute/card-seed.js';
import { CleanupLedger } from '../execute/cleanup-ledger.js';
import type { ExecuteContext } from '../execute/context.js';
import { executePlan } from '../execute/execute-plan.js';
import { HostLimiter } from '../execute/host-limiter.js';
import { Journal } from '../execute/journal.js';
import type { RetryPolicy } from '../execute/retry-policy.js';
import { DEFAULT_RETRY_POLICY } from '../execute/retry-policy.js';
import { SharedFixtures } from '../execute/shared-fixtures.js';
import { createTimestampSource } from '../execute/timestamp.js';
import { createHttpClient } from '../http/client.js';
import { proxySecrets, proxySettingsFromEnv } from '../http/proxy-env.js';
import { planRun } from '../plan/plan-run.js';
import type { HeldBackCard } from '../plan/production-guard.js';
import { guardProduction } from '../plan/production-guard.js';
import type { Selection } from '../plan/select-cards.js';
import { selectCards } from '../plan/select-cards.js';
import type { Sandbox, SandboxOptions } from '../sandbox/server.js';
import { startSandbox } from '../sandbox/server.js';
import { LEDGER_DIR, removeIfSettled } from './cleanup-journal.js';
import { describeDryRun } from './dry-run.js';
import { withLintDiagnostics } from './lint-project.js';
import { loadEnv } from './load-env.js';
import type { Project } from './load-project.js';
import { loadProject } from './load-project.js';
import { loadRecordedShapes, RECORDED_DIR, recordShapes } from './recorded-schemas.js';
import { baseUrlLookup, resolveTarget, SetupError, withEnvUrls } from './resolve-target.js';
import { updateCards } from './update-cards.js';

export interface RunCardsOptions {
  /** Card files or folders. @default ['specs'] */
  paths?: string[];
  /** @default process.cwd() */
  cwd?: string;
  /** A target name from the config, or a base URL. Default: the config's defaultTarget (the embedded sandbox without a config). */
  target?: string;
  /** A config file; ./cardcheck.config.yaml is read when present. */
  configFile?: string;
  /** A config object instead of a file. */
  config?: Config;
  /** Cards and config already loaded with loadProject (the vitest adapter reads them to name its tests); `paths`, `config` and `configFile` are then not read again. */
  project?: Project;
  /** A .env file; ./.env is read when present. */
  envFile?: string;
  /** Environment to use instead of process.env. */
  env?: NodeJS.ProcessEnv;
  /** Faker seed; a random one is chosen (and reported) when absent. */
  seed?: number;
  /** Per-request timeout. @default 30000 */
  timeoutMs?: number;
  /** Re-run a failed card up to this many times; one that then passes is `flaky`. @default 0 */
  retries?: number;
  /** Cards run at once. @default 1 */
  concurrency?: number;
  /** Stop starting cards after this many failures. */
  bail?: number;
  /** Which cards to run (filters, last failures, shard). Cards they need always run. */
  select?: Selection;
  /** Host name lookup for every request (tests inject one instead of real DNS). */
  lookup?: LookupFunction;
  /** Whole-run timeout: after it, no new card starts; cards in flight finish and clean up. */
  runTimeoutMs?: number;
  /** Print every request that would be sent (redacted) and send nothing. */
  dryRun?: boolean;
  /** Stops the run: no new card starts; cards in flight finish and everything is cleaned up. */
  signal?: AbortSignal;
  /** Where the cleanup journal goes (for `cardcheck cleanup`). @default .cardcheck/ledger; false: none */
  ledgerDir?: string | false;
  /** Transport-level retries of 429/503 and lost connections. */
  retryPolicy?: Partial<RetryPolicy>;
  /**
   * Drive the browser flows of UID fields only a person could otherwise
   * produce (an authorization code from a consent page) in headless Chromium;
   * without it those cards are skipped with their reason. A driver of your own
   * may be given instead of `true`.
   */
  browser?: boolean | BrowserDriver;
  /** Rewrite passing cards' verifiedAt, status and timesReused after the run. */
  updateCards?: boolean;
  /** Record passing cards' response shapes under `schemasDir`; later runs report drift against them. */
  updateSchemas?: boolean;
  /** @default fixtures/schemas/recorded */
  schemasDir?: string;
  /** On a target marked `production: true`, run cards that send requests other than GET/HEAD too. @default false */
  allowMutations?: boolean;
  /** Options for the embedded sandbox, when the target is embedded (faults, contract breaks, clock). */
  sandbox?: SandboxOptions;
  onEvent?: (event: RunEvent) => void;
}

export type { Selection };

export interface RunCardsResult extends RunResult {
  /** Paths given that do not exist. */
  missing: string[];
  /** True when the embedded sandbox served the run. */
  sandbox: boolean;
  /** Name of the target (or the URL given). */
  targetName: string;
  /** With `dryRun`: the requests each card would send, one line each (redacted). */
  dryRun?: string[];
  /** Cards whose front-matter --update-cards rewrote. */
  updatedCards: string[];
  /** Shape files --update-schemas wrote. */
  recordedSchemas: string[];
  /** Cards a production target held back because they would send something other than GET/HEAD. */
  heldBack: HeldBackCard[];
  /** Config warnings (errors stop the run with a ConfigError). */
  configDiagnostics: Diagnostic[];
}

/** The config file has errors; nothing was run. */
export class ConfigError extends Error {
  readonly code = 'config-error';
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`the config has ${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'}`);
  }
}

export { SetupError };

/** Programmatic entry point: read cards, plan, run them against the target, return the result. */
export async function runCards(options: RunCardsOptions = {}): Promise<RunCardsResult> {
  const cwd = options.cwd ?? process.cwd();
  const env = await loadEnv(cwd, options.envFile, options.env ?? process.env);
  const project = withLintDiagnostics(
    options.project ??
      (await loadProject({
        cwd,
        paths: options.paths ?? ['specs'],
        configFile: options.configFile,
        config: options.config,
      })),
  );
  const configErrors = project.configDiagnostics.filter((d) => d.severity === 'error');
  if (configErrors.length) throw new ConfigError(configErrors);
  const profiles = project.config.profiles;
  // Target first (a URL target needs the plan's APIs, which need no env), then the real plan.
  const select = (cards: CardPlan[]) => (options.select ? selectCards(cards, options.select) : cards);
  const target = withEnvUrls(
    resolveTarget(project.config, options.target, () => select(planRun(project.cards, { profiles }).cards)),
    env,
  );
  // The target's TLS files are read only when it is used: other targets' certificates need not be here.
  const tlsFiles = await loadTargetTls(target, project.config, cwd);
  if (tlsFiles.diagnostics.length) throw new ConfigError(tlsFiles.diagnostics);
  let sandbox: Sandbox | undefined;
  let apis = target.apis;
  if (target.embedded) {
    sandbox = await startSandbox(options.sandbox);
    apis = { ...sandbox.apis, ...target.apis };
    Object.assign(env, sandbox.env);
  }
  const resolved = { ...target, apis };
  const full = planRun(project.cards, { env, profiles, browser: Boolean(options.browser) });
  const selected = { cards: select(full.cards) };
  const { plan, heldBack } = guardProduction(selected, {
    targetName: resolved.name,
    production: resolved.production,
    allowMutations: options.allowMutations ?? false,
  });
  // The embedded sandbox listens on loopback in this process: never through a proxy.
  const proxy = sandbox ? undefined : proxySettingsFromEnv(env);
  const http = createHttpClient({
    timeoutMs: options.timeoutMs,
    tls: tlsByOrigin(apis, tlsFiles.material),
    proxy,
    lookup: options.lookup,
  });
  const baseUrlFor = baseUrlLookup(resolved);
  const seed = options.seed ?? newRunSeed();
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
  const runId = randomUUID();
  const journal =
    options.ledgerDir === false ? undefined : new Journal(path.resolve(cwd, options.ledgerDir ?? LEDGER_DIR), runId);
  const schemasDir = path.resolve(cwd, options.schemasDir ?? RECORDED_DIR);
  const recordedShapes = await loadRecordedShapes(schemasDir);
  const captureBodies = options.updateSchemas ? new Map<string, unknown>() : undefined;
  const redactor = new Redactor();
  redactor.addFromEnv(env);
  for (const value of profileSecrets(project.config.profiles, env)) redactor.add(value);
  for (const name of project.config.secretEnv) redactor.add(env[name]);
  for (const value of proxy ? proxySecrets(proxy) : []) redactor.add(value);
  const ctx: ExecuteContext = {
    services: {
      http,
      auth: createAuthResolver(project.config.profiles, http, baseUrlFor),
      baseUrlFor,
      redactor,
      onEvent: options.onEvent ?? (() => {}),
      journal,
      browser: options.browser === true ? chromiumDriver() : options.browser || undefined,
      clock: { now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    },
    settings: {
      env,
      seed,
      retries: options.retries ?? 0,
      retryPolicy: policy,
      browserTimeoutMs: options.timeoutMs,
      recordedShapes,
    },
    state: {
      nextTimestamp: createTimestampSource(),
      outputs: new Map(),
      shared: new SharedFixtures(),
      runLedger: new CleanupLedger(),
      succeeded: new Set(),
      retryBudget: { limiter: new HostLimiter(), left: policy.budget },
      captureBodies,
    },
  };
  const onAbort = () => {
    ctx.state.abort ??= { kind: 'interrupted', message: 'the run was interrupted' };
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  const runTimer =
    options.runTimeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          ctx.state.abort ??= {
            kind: 'timeout',
            message: `the run took longer than ${options.runTimeoutMs} ms (--run-timeout)`,
          };
        }, options.runTimeoutMs);
  runTimer?.unref();
  try {
    if (options.dryRun) {
      const lines = describeDryRun(plan.cards, {
        profiles: project.config.profiles,
        baseUrlFor,
        env,
        seed,
        redactor,
        now: Date.now(),
      });
      const empty = {
        runId,
        target: describeTarget(resolved.name, apis, sandbox !== undefined),
        startedAt: new Date().toISOString(),
        seed,
        summary: summarize([], 0),
        cards: [],
        leftBehind: [],
        coverage: [],
      };
      return {
        ...empty,
        dryRun: lines,
        updatedCards: [],
        recordedSchemas: [],
        missing: project.missing,
        heldBack,
        sandbox: sandbox !== undefined,
        targetName: resolved.name,
        configDiagnostics: project.configDiagnostics,
      };
    }
    const result = await executePlan(plan, ctx, {
      runId,
      target: describeTarget(resolved.name, apis, sandbox !== undefined),
      concurrency: options.concurrency,
      bail: options.bail,
      shard: options.select?.shard,
    });
    const updated = options.updateCards ? await updateCards(result.cards, cwd) : [];
    const recorded = captureBodies ? await recordShapes(result.cards, captureBodies, schemasDir) : [];
    return {
      ...result,
      updatedCards: updated,
      recordedSchemas: recorded.map((f) => path.relative(cwd, f).split(path.sep).join('/')),
      missing: project.missing,
      heldBack,
      sandbox: sandbox !== undefined,
      seed,
      targetName: resolved.name,
      configDiagnostics: project.configDiagnostics,
    };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    if (runTimer) clearTimeout(runTimer);
    if (journal) await removeIfSettled(journal.file);
    await http.close();
    // A driver given by the caller is theirs to close.
    if (options.browser === true) await ctx.services.browser?.close();
    await sandbox?.close();
  }
}

function describeTarget(name: string, apis: Record<string, string>, embedded: boolean): string {
  const urls = Object.values(apis);
  if (/^https?:/.test(name)) return name;
  return `${name}${embedded ? ' (embedded sandbox)' : ''}${urls.length === 1 ? ` ${urls[0]}` : ''}`;
}

/** Every env value an auth profile uses is a secret, whatever the variable is called. */
function profileSecrets(
  profiles: Record<string, AuthProfile>,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const texts = Object.values(profiles).flatMap((p) =>
    p.type === 'bearer'
      ? [p.token]
      : p.type === 'basic'
        ? [p.username, p.password]
        : p.type === 'headers'
          ? Object.values(p.headers)
          : [p.clientSecret],
  );
  return texts
    .flatMap((t) => scanPlaceholders(t).map((m) => (m.expr.startsWith('env.') ? env[m.expr.slice(4)] : undefined)))
    .filter((v): v is string => v !== undefined);
}
