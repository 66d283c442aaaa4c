import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadTargetTls, tlsByOrigin } from '../config/tls-files.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { CardcheckError } from '../core/errors.js';
import type { CardPlan, RunPlan } from '../core/plan.js';
import { Redactor } from '../core/redact.js';
import { Journal } from '../execute/journal.js';
import { RecoveryStore, recoveryFile } from '../execute/recovery-store.js';
import { createHttpClient } from '../http/client.js';
import { proxySecrets, proxySettingsFromEnv } from '../http/proxy-env.js';
import { planRun } from '../plan/plan-run.js';
import { guardProduction } from '../plan/production-guard.js';
import { selectShard } from '../plan/select-cards.js';
import { LEDGER_DIR, removeIfSettled } from './cleanup-journal.js';
import { withLintDiagnostics } from './lint-project.js';
import { loadEnv } from './load-env.js';
import { leanFrom, loadLeanPlan } from './load-lean.js';
import { findProjectFiles, loadProject, projectDir } from './load-project.js';
import { profileSecretValues } from './profile-secrets.js';
import { resolveTarget, withEnvUrls } from './resolve-target.js';
import type { RunContext } from './run-context.js';
import { localStateError, need } from './run-context.js';
import { startSandbox } from './start-sandbox.js';
import type { Task } from './tasks.js';

/** A plan in error only for want of environment variables (its other diagnostics are not errors). */
const onlyEnvMissing = (p: CardPlan) =>
  p.diagnostics.every((d) => d.severity !== 'error' || d.ruleId === 'missing-env');

/** The cards a run selects (filters, last failures, shard); cards they need come along. */
function selected(ctx: RunContext, cards: CardPlan[]): CardPlan[] {
  if (!ctx.options.select) return cards;
  const { cards: mine, whole } = selectShard(cards, ctx.options.select);
  ctx.wholeSelection = whole.map((p) => p.file).sort();
  return mine;
}

/** Every card planned with this environment: the project's cards, or a large suite's lean plans. */
async function planAll(ctx: RunContext, env: RunContext['env']): Promise<RunPlan> {
  const project = need(ctx.project, 'the project');
  const options = { env, profiles: project.config.profiles, browser: Boolean(ctx.options.browser) };
  if (!ctx.lean) return planRun(project.cards, options);
  const { plan, missing, spill } = await loadLeanPlan({ cwd: ctx.cwd, found: ctx.lean, plan: options });
  ctx.planSpills.push(spill);
  project.missing = missing;
  return plan;
}

/** Environment, cards and config; a config with errors stops the run before anything starts. */
export const loadTask: Task<RunContext> = {
  name: 'load',
  async setup(ctx) {
    const { options, cwd } = ctx;
    ctx.env = await loadEnv(cwd, options.envFile, options.env ?? process.env);
    if (options.project) {
      ctx.project = withLintDiagnostics(options.project);
    } else {
      const found = await findProjectFiles({
        cwd,
        paths: options.paths ?? ['specs'],
        configFile: options.configFile,
        config: options.config,
      });
      // A dry run shows every card's requests in full: it plans as a small run does.
      if (
        !options.dryRun &&
        found.discovered.files.length >= (options.leanFrom ?? leanFrom(options.env ?? process.env))
      ) {
        ctx.lean = found;
        ctx.project = { config: found.config, configDiagnostics: found.diagnostics, cards: [], missing: [] };
      } else ctx.project = withLintDiagnostics(await loadProject({ cwd, paths: [], found }));
    }
    const errors = ctx.project.configDiagnostics.filter((d) => d.severity === 'error');
    if (errors.length) throw configInvalid(errors);
  },
};

function configInvalid(diagnostics: Diagnostic[]): CardcheckError {
  const n = diagnostics.length;
  return new CardcheckError('config-invalid', `the config has ${n} error${n === 1 ? '' : 's'}`, { diagnostics });
}

/** The target's base URLs and TLS files; a URL target needs the APIs the selected cards call. */
export const targetTask: Task<RunContext> = {
  name: 'target',
  async setup(ctx) {
    const project = need(ctx.project, 'the project');
    const { config } = project;
    // A URL target needs the APIs of the cards that would run. Only an embedded target changes the env (the
    // sandbox adds its credentials), so for any other the full plan made here is the run's: plan once.
    const preliminary = async () => {
      const full = await planAll(ctx, ctx.env);
      ctx.planBeforeTarget = full;
      // A card short of an env variable would still call this API: count it, as a plan without the env would.
      return selected(ctx, full.cards).map((p) =>
        p.action === 'error' && onlyEnvMissing(p) ? { ...p, action: 'run' } : p,
      ) as CardPlan[];
    };
    // Planned before resolving, as resolving cannot wait: only a URL target reads the plan.
    const planned = /^https?:\/\//i.test(ctx.options.target ?? '') ? await preliminary() : [];
    const target = withEnvUrls(
      resolveTarget(config, ctx.options.target, () => planned),
      ctx.env,
    );
    // The target's TLS files are read only when it is used: other targets' certificates need not be here.
    const tlsFiles = await loadTargetTls(target, config, ctx.cwd);
    if (tlsFiles.diagnostics.length) throw configInvalid(tlsFiles.diagnostics);
    ctx.target = target;
    ctx.tlsMaterial = tlsFiles.material;
    // The embedded sandbox listens on loopback in this process: never through a proxy.
    ctx.proxy = target.embedded ? undefined : proxySettingsFromEnv(ctx.env);
  },
};

/**
 * The embedded sandbox, for an embedded target only: its server code (fastify,
 * jose) is imported here, so a run against a real target never loads it.
 */
export const sandboxTask: Task<RunContext> = {
  name: 'sandbox',
  async setup(ctx) {
    const target = need(ctx.target, 'the target');
    if (!target.embedded) return;
    ctx.sandbox = await startSandbox(ctx.options.sandbox);
    ctx.target = { ...target, apis: { ...ctx.sandbox.apis, ...target.apis } };
    Object.assign(ctx.env, ctx.sandbox.env);
  },
  async teardown(ctx) {
    await ctx.sandbox?.close();
  },
};

/** The run plan with the environment known, the selection and the production guard applied. */
export const planTask: Task<RunContext> = {
  name: 'plan',
  async setup(ctx) {
    const target = need(ctx.target, 'the target');
    const full = (!target.embedded && ctx.planBeforeTarget) || (await planAll(ctx, ctx.env));
    ctx.planBeforeTarget = undefined;
    const guarded = guardProduction(
      { cards: selected(ctx, full.cards) },
      { targetName: target.name, production: target.production, allowMutations: ctx.options.allowMutations ?? false },
    );
    ctx.plan = guarded.plan;
    ctx.heldBack = guarded.heldBack;
  },
  teardown(ctx) {
    for (const spill of ctx.planSpills.splice(0)) spill.dispose();
  },
};

/** Every secret known before the first request: env values, what auth profiles use, proxy credentials. */
export const secretsTask: Task<RunContext> = {
  name: 'secrets',
  setup(ctx) {
    const { config } = need(ctx.project, 'the project');
    const redactor = new Redactor();
    redactor.declareSecretKeys(config.secretKeys);
    redactor.addFromEnv(ctx.env);
    for (const value of profileSecretValues(config.profiles, ctx.env)) redactor.add(value);
    for (const name of config.secretEnv) redactor.add(ctx.env[name]);
    for (const value of ctx.proxy ? proxySecrets(ctx.proxy) : []) redactor.add(value);
    ctx.redactor = redactor;
  },
};

/** One HTTP client (connection pools, TLS, proxy) for the run, closed at its end. */
export const httpTask: Task<RunContext> = {
  name: 'http',
  setup(ctx) {
    const target = need(ctx.target, 'the target');
    ctx.http = createHttpClient({
      timeoutMs: ctx.options.timeoutMs,
      maxBodyBytes: ctx.options.maxBodyBytes ?? target.maxBodyBytes,
      tls: tlsByOrigin(target.apis, ctx.tlsMaterial),
      proxy: ctx.proxy,
      lookup: ctx.options.lookup,
    });
  },
  async teardown(ctx) {
    await ctx.http?.close();
  },
};

/** The cleanup journal on disk (for `cardcheck cleanup` after a killed run); removed when nothing is left. */
export const journalTask: Task<RunContext> = {
  name: 'journal',
  setup(ctx) {
    if (ctx.options.ledgerDir === false || ctx.options.dryRun) return;
    const dir = path.resolve(ctx.cwd, ctx.options.ledgerDir ?? LEDGER_DIR);
    const target = need(ctx.target, 'the target');
    const { config } = need(ctx.project, 'the project');
    const store = config.cleanup?.recoveryStore ? recoveryStore(ctx) : undefined;
    try {
      ctx.journal = new Journal(dir, ctx.runId, { target: target.name, embedded: target.embedded, store });
    } catch (err) {
      throw journalFolderError(ctx.cwd, dir, err);
    }
  },
  async teardown(ctx) {
    ctx.journal?.close();
    if (ctx.journal) await removeIfSettled(ctx.journal.file, ctx.env);
  },
};

/** The opt-in recovery store; its folder is made now, so a state folder that cannot be used stops the run before it sends. */
function recoveryStore(ctx: RunContext): RecoveryStore | undefined {
  const file = recoveryFile(ctx.env, ctx.runId);
  if (!file) return undefined;
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  } catch (err) {
    throw localStateError(
      `cannot keep the recovery store (cleanup.recoveryStore) in ${path.dirname(file)}/ (nothing was sent)`,
      err,
    );
  }
  // The project is the config file's folder, so `cardcheck cleanup` from any subfolder finds the store its.
  const { config } = need(ctx.project, 'the project');
  return new RecoveryStore(file, { project: projectDir(config, ctx.cwd), runId: ctx.runId });
}

function journalFolderError(cwd: string, dir: string, err: unknown): CardcheckError {
  const shown = path.relative(cwd, dir) || dir;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOTDIR' || code === 'EEXIST')
    return new CardcheckError(
      'local-state',
      `cannot keep the cleanup journal in ${shown}/: part of that path is a file, not a folder; move the file away (cardcheck keeps its journals there), then run again; nothing was sent`,
    );
  return localStateError(`cannot keep the cleanup journal in ${shown}/ (nothing was sent)`, err);
}
