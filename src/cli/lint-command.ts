import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectPaths } from '../config/project-paths.js';
import type { Config } from '../core/config.js';
import type { Diagnostic, ShownDiagnostic } from '../core/diagnostic.js';
import { RULE_DOCS } from '../lint/rule-docs.js';
import type { StandardsInfo } from '../lint/standards-info.js';
import { formatStandardsInfo, standardsInfo } from '../lint/standards-info.js';
import type { LoadedCard } from '../plan/plan-run.js';
import { lintAnnotations } from '../report/github/lint-annotations.js';
import { formatAnnotation } from '../report/github/workflow-command.js';
import { lintSarif } from '../report/sarif/lint-sarif.js';
import { lintProject, planDiagnostics } from '../runner/lint-project.js';
import { leanFrom, loadLeanPlan } from '../runner/load-lean.js';
import type { ProjectFiles } from '../runner/load-project.js';
import { findProjectFiles, loadProject, readCardText } from '../runner/load-project.js';
import type { ExitCode } from './exit-code.js';
import { EXIT } from './exit-code.js';
import { printDiagnostics } from './print-diagnostics.js';
import type { Io } from './run-command.js';

export interface LintCommandOptions {
  format: 'text' | 'json' | 'github' | 'sarif';
  strict?: boolean;
  config?: string;
  /** Lint again on each save (src/cli/watch-command.ts). */
  watch?: boolean;
}

function summaryLine(cards: number, diagnostics: readonly { severity: string }[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const s = (n: number) => (n === 1 ? '' : 's');
  return `${cards} card${s(cards)} checked: ${errors} error${s(errors)}, ${warnings} warning${s(warnings)}`;
}

/** What lint found: the diagnostics, each card's standards line, and the texts to show lines from. */
interface Linted {
  config: Config;
  missing: string[];
  cards: number;
  diagnostics: Diagnostic[];
  info: StandardsInfo[];
  texts: Map<string, string>;
}

const shownApi = (c: LoadedCard) => ({ file: c.file, card: c.card, api: c.card?.frontMatter.api ?? c.folder?.api });

/**
 * The project linted whole, or, from LEAN_FROM cards (CARDCHECK_LEAN_FROM), one card at a time as a large run plans it (each card's
 * lines then come from the excerpt its diagnostics carry, not from its whole text kept in memory).
 */
async function lintFiles(found: ProjectFiles, cwd: string, env: NodeJS.ProcessEnv): Promise<Linted> {
  const { config } = found;
  if (found.discovered.files.length < leanFrom(env)) {
    const project = await loadProject({ cwd, paths: [], found });
    return {
      config,
      missing: project.missing,
      cards: project.cards.length,
      diagnostics: lintProject(project),
      info: standardsInfo(project.cards.map(shownApi), config.apis),
      texts: new Map(project.cards.map((c) => [c.file, c.text])),
    };
  }
  const info: StandardsInfo[] = [];
  const onCard = (c: LoadedCard) => info.push(...standardsInfo([shownApi(c)], config.apis));
  const { plan, missing, spill } = await loadLeanPlan({ cwd, found, plan: { profiles: config.profiles }, onCard });
  // Each keeps the excerpt of its line that planning made; the cards of those made without one are read again
  // (only the project's card files: a card that links outside it, or the config, is not read as a card).
  const diagnostics = planDiagnostics(found.diagnostics, [], plan, { keepSource: true });
  spill.dispose();
  const cards = new Set(found.discovered.files);
  const texts = new Map<string, string>();
  for (const d of diagnostics)
    if (cards.has(d.file) && (d as ShownDiagnostic).source === undefined && !texts.has(d.file))
      texts.set(d.file, await readCardText(cwd, d.file));
  return { config, missing, cards: plan.cards.length, diagnostics, info, texts };
}

/** Exit 0 clean, 1 warnings only with --strict, 2 errors. */
export async function lintCommand(paths: string[], opts: LintCommandOptions, io: Io): Promise<ExitCode> {
  const where = projectPaths(io.cwd, opts.config);
  const found = await findProjectFiles({
    cwd: io.cwd,
    paths: paths.length ? paths : [where.specs],
    configFile: where.configFile,
  });
  const project = await lintFiles(found, io.cwd, io.env ?? process.env);
  for (const m of project.missing) io.stderr(`cardcheck: ${m}: no such file or folder`);
  const { diagnostics, texts, info } = project;
  // Config diagnostics show their source line too.
  if (project.config.file) {
    const shown = path.relative(io.cwd, project.config.file).split(path.sep).join('/');
    const text = await readFile(project.config.file, 'utf8').catch(() => undefined);
    if (text !== undefined) texts.set(shown, text.replace(/\r\n?/g, '\n'));
  }
  if (opts.format === 'sarif') {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    io.stdout(JSON.stringify(lintSarif(diagnostics, { version: pkg.version, rules: RULE_DOCS }), null, 2));
  } else if (opts.format === 'github') {
    for (const a of lintAnnotations(diagnostics)) io.stdout(formatAnnotation(a));
    io.stdout(summaryLine(project.cards, diagnostics));
  } else if (opts.format === 'json') {
    io.stdout(
      JSON.stringify(
        diagnostics
          .map((d) => ({
            ruleId: d.ruleId,
            file: d.file,
            line: d.line,
            column: d.column,
            severity: d.severity as string,
            message: d.message,
            hint: d.hint ?? '',
          }))
          // The standards line of each card, severity info: never counted, never in the exit code.
          .concat(
            info.map((i) => ({
              ruleId: 'standards-pack',
              file: i.file,
              line: i.line,
              column: 1,
              severity: 'info',
              message: i.message,
              hint: '',
            })),
          ),
        null,
        2,
      ),
    );
  } else {
    printDiagnostics(diagnostics, (file) => texts.get(file), io.stdout);
    // Which standards pack each card gets, and why: information, never counted, never in the exit code.
    for (const i of info) io.stdout(formatStandardsInfo(i));
    io.stdout(summaryLine(project.cards, diagnostics));
  }
  if (project.missing.length || diagnostics.some((d) => d.severity === 'error')) return EXIT.errored;
  if (opts.strict && diagnostics.length) return EXIT.failed;
  return EXIT.ok;
}
