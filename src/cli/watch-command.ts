import { CONFIG_NAMES } from '../config/find-config.js';
import { noTargetError, projectPaths } from '../config/project-paths.js';
import type { Config } from '../core/config.js';
import { CardcheckError } from '../core/errors.js';
import { planRun } from '../plan/plan-run.js';
import { formatDiagnostic } from '../report/format-diagnostic.js';
import { lintProject } from '../runner/lint-project.js';
import type { Project } from '../runner/load-project.js';
import { loadProject } from '../runner/load-project.js';
import { runCards } from '../runner/run-cards.js';
import { startSandbox } from '../runner/start-sandbox.js';
import type { LintCommandOptions } from './lint-command.js';
import { printDiagnostics } from './print-diagnostics.js';
import { finishReports, reportersFromFlags } from './reporter-options.js';
import type { Io, RunCommandOptions } from './run-command.js';
import { runOptions } from './run-command.js';
import { affectedCards } from './watch-affected.js';
import type { WatchPass } from './watch-loop.js';
import { clearScreen, watchFooter, watchLoop } from './watch-loop.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The cards a pass covers: all, or the saved cards and those chaining on them; undefined means all. */
function passFiles(project: Project, what: WatchPass): Set<string> | undefined {
  if (what.kind === 'all') return undefined;
  const cards = new Set(project.cards.map((c) => c.file));
  // A saved file that is not a card now (the config, a shared schema, a deleted card) may change any card.
  if (what.files.some((f) => !cards.has(f))) return undefined;
  const plans = planRun(project.cards, { profiles: project.config.profiles }).cards;
  return new Set(affectedCards(plans, new Set(what.files)));
}

/** An embedded target's sandbox, started once for the whole watch, as a plain target with its base URLs. */
function withSandbox(config: Config, target: string | undefined, sandbox: Sandbox): Config {
  const name = target ?? config.defaultTarget;
  const t = config.targets[name];
  // A config saved with another target: that target, as it says.
  if (!t?.embedded) return config;
  return {
    ...config,
    targets: { ...config.targets, [name]: { ...t, embedded: false, apis: { ...sandbox.apis, ...t.apis } } },
  };
}

/** Whether the run's target is the embedded sandbox (a URL target never is). */
function embeddedTarget(config: Config, target: string | undefined): boolean {
  if (target && /^https?:\/\//i.test(target)) return false;
  return config.targets[target ?? config.defaultTarget]?.embedded === true;
}

/**
 * `cardcheck run --watch`: run the cards, then, on each save, the saved cards
 * and every card chaining on them (with the cards they need); Enter runs all
 * again, `q` quits. The embedded sandbox is started once and stays up, so the
 * resources and tokens of one pass do not cost a restart.
 */
export async function watchRun(paths: string[], opts: RunCommandOptions, io: Io): Promise<number> {
  // Each would write files the watch then sees as saves, so a pass would start the next one forever.
  const writes = opts.updateCards ? '--update-cards' : opts.updateSchemas ? '--update-schemas' : undefined;
  if (writes)
    throw new CardcheckError(
      'flag-invalid',
      `--watch with ${writes}: the files it rewrites would start a pass each time; run once with ${writes} instead`,
    );
  if (opts.dryRun) throw new CardcheckError('flag-invalid', '--watch with --dry-run: run --dry-run once instead');
  // As `run`: the config found upward, reports/ beside it, no target without a config or --target.
  const where = projectPaths(io.cwd, opts.config);
  const noTarget = opts.target === undefined ? noTargetError(where.found) : undefined;
  if (noTarget) throw noTarget;
  const flags = { ...opts, out: opts.out ?? where.reports };
  const options = await runOptions(paths, flags, io, where);
  const configFile = where.configFile;
  const first = await loadProject({ cwd: io.cwd, paths: options.paths, configFile });
  let sandbox: Sandbox | undefined;
  if (embeddedTarget(first.config, opts.target)) sandbox = await startSandbox();
  const env: NodeJS.ProcessEnv = { ...process.env, ...sandbox?.env };
  // The sandbox listens on loopback in this process: never through a proxy.
  if (sandbox) for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) delete env[k];
  try {
    return await watchLoop({
      io,
      paths: options.paths,
      extra: configFile ? [configFile] : CONFIG_NAMES,
      ignore: [flags.out, where.ledgerDir],
      pass: async (what, signal) => {
        const project = await loadProject({ cwd: io.cwd, paths: options.paths, configFile });
        if (sandbox) project.config = withSandbox(project.config, opts.target, sandbox);
        const files = passFiles(project, what);
        clearScreen(io);
        const reporters = reportersFromFlags(flags, io, ['console']);
        const select = files ? { ...options.select, files } : options.select;
        // The sandbox ends with the watch, so a journal of what a pass made would name an origin gone by then.
        const ledgerDir = sandbox ? false : options.ledgerDir;
        const result = await runCards({
          ...options,
          project,
          env,
          select,
          signal,
          ledgerDir,
          onEvent: reporters.onEvent,
        }).catch((err: unknown) => {
          reporters.dispose(); // a pass that fails leaves no kept card results until the watch ends
          throw err;
        });
        for (const d of result.configDiagnostics) for (const l of formatDiagnostic(d)) io.stderr(l);
        for (const m of result.missing) io.stderr(`cardcheck: ${m}: no such file or folder (not watched)`);
        await finishReports(reporters, result, io);
        const s = result.summary;
        const counts = `${s.passed} passed, ${s.failed} failed, ${s.errored} errored, ${s.skipped} skipped`;
        io.stdout(watchFooter(what, `ran ${plural(s.total, 'card')}: ${counts}`));
      },
    });
  } finally {
    await sandbox?.close();
  }
}

/**
 * `cardcheck lint --watch`: lint every card, then on each save lint again and
 * show the problems of the saved cards and of the cards chaining on them,
 * with the totals of all; Enter shows every card's problems.
 */
export function watchLint(paths: string[], opts: LintCommandOptions, io: Io): Promise<number> {
  const where = projectPaths(io.cwd, opts.config);
  const cardPaths = paths.length ? paths : [where.specs];
  const configFile = where.configFile;
  return watchLoop({
    io,
    paths: cardPaths,
    extra: configFile ? [configFile] : CONFIG_NAMES,
    pass: async (what) => {
      const project = await loadProject({ cwd: io.cwd, paths: cardPaths, configFile });
      const files = passFiles(project, what);
      const diagnostics = lintProject(project);
      clearScreen(io);
      for (const m of project.missing) io.stderr(`cardcheck: ${m}: no such file or folder`);
      const shown = files ? diagnostics.filter((d) => files.has(d.file)) : diagnostics;
      const texts = new Map(project.cards.map((c) => [c.file, c.text]));
      printDiagnostics(shown, (file) => texts.get(file), io.stdout);
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      const totals = `${plural(project.cards.length, 'card')} checked: ${plural(errors, 'error')}, ${plural(diagnostics.length - errors, 'warning')}`;
      const which = files ? `; shown: ${plural(files.size, 'card')}` : '';
      io.stdout(watchFooter(what, `${totals}${which}`, 're-lints'));
    },
  });
}
