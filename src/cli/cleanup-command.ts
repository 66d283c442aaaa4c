import { projectPaths } from '../config/project-paths.js';
import { CardcheckError } from '../core/errors.js';
import type { CleanupReport } from '../runner/cleanup-journal.js';
import { cleanupFromJournals } from '../runner/cleanup-journal.js';
import { forgetJournal, readJournals } from '../runner/journal-files.js';
import { loadEnv } from '../runner/load-env.js';
import type { ExitCode } from './exit-code.js';
import { EXIT } from './exit-code.js';
import type { Io } from './run-command.js';

export interface CleanupCommandOptions {
  run?: string;
  envFile?: string;
  config?: string;
  target?: string;
  maxAge?: string;
  list?: boolean;
  forget?: string;
}

const flagError = (message: string) => new CardcheckError('flag-invalid', message);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `3d`, `5h`, `<1h`: how long ago a journal was last written. */
export function ageText(ms: number): string {
  const hours = ms / 3_600_000;
  return hours < 1 ? '<1h' : hours < 48 ? `${Math.floor(hours)}h` : `${Math.floor(hours / 24)}d`;
}

function checkFlags(opts: CleanupCommandOptions): number | undefined {
  if (opts.target !== undefined && !/^https?:\/\/[^/]/i.test(opts.target))
    throw flagError(`--target ${opts.target}: give the http(s) URL of the target the run used (its origin is trusted)`);
  if (opts.maxAge === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(opts.maxAge) || Number(opts.maxAge) <= 0)
    throw flagError(`--max-age ${opts.maxAge}: give a positive number of days`);
  return Number(opts.maxAge);
}

/** `cardcheck cleanup --list`: each journal with its target, age and entries left. */
async function listJournals(io: Io, ledgerDir: string): Promise<ExitCode> {
  const journals = await readJournals(ledgerDir);
  if (journals.length === 0) {
    io.stdout('cardcheck cleanup: no journals (nothing is left to clean up)');
    return EXIT.ok;
  }
  io.stdout('run                                    age   left  target');
  for (const j of journals)
    io.stdout(
      `${j.runId.padEnd(38)} ${ageText(Date.now() - j.mtimeMs).padEnd(5)} ${String(j.pending.length).padEnd(5)} ${j.target}`,
    );
  io.stdout(`${plural(journals.length, 'journal')}; \`cardcheck cleanup --forget RUN\` stops tracking one`);
  return EXIT.ok;
}

/** `cardcheck cleanup --forget RUN`: drop a journal (and its recovery store) without sending anything. */
async function forget(runId: string, opts: CleanupCommandOptions, io: Io, ledgerDir: string): Promise<ExitCode> {
  const [j] = await readJournals(ledgerDir, runId);
  if (!j) {
    io.stdout(`cardcheck cleanup: no journal for run ${runId} (see \`cardcheck cleanup --list\`)`);
    return EXIT.errored;
  }
  await forgetJournal(j, await loadEnv(io.cwd, opts.envFile, process.env));
  io.stdout(
    `forgot run ${runId} (${j.target}): ${plural(j.pending.length, 'entry')} left there ${j.pending.length === 1 ? 'is' : 'are'} no longer tracked; nothing was sent`,
  );
  return EXIT.ok;
}

/** `cardcheck cleanup [--run ID] [--target URL]`: see EXIT_ROWS.cleanup for the exit codes. */
export async function cleanupCommand(opts: CleanupCommandOptions, io: Io): Promise<ExitCode> {
  const maxAgeDays = checkFlags(opts);
  // Journals live in .cardcheck/ beside the config file, found from any subfolder.
  const where = projectPaths(io.cwd, opts.config);
  const { ledgerDir, configFile } = where;
  const envFile = opts.envFile ?? where.envFile;
  if (opts.list) return listJournals(io, ledgerDir);
  if (opts.forget) return forget(opts.forget, { ...opts, envFile }, io, ledgerDir);
  const report = await cleanupFromJournals({
    cwd: io.cwd,
    ledgerDir,
    runId: opts.run,
    target: opts.target,
    maxAgeDays,
    envFile,
    configFile,
  });
  if (report.runs.length === 0) {
    io.stdout(
      opts.run
        ? `cardcheck cleanup: no journal for run ${opts.run} (nothing was left by it, or it ran elsewhere)`
        : 'cardcheck cleanup: nothing to clean up',
    );
    return opts.run ? EXIT.failed : EXIT.ok;
  }
  printReport(report, io);
  if (report.unreachable.length) return EXIT.unreachable;
  if (report.remaining.length) return EXIT.failed;
  if (report.notFollowed.length) return EXIT.errored;
  return EXIT.ok;
}

function printReport(report: CleanupReport, io: Io): void {
  for (const c of report.cleaned) io.stdout(`cleaned  ${c.createdBy}  ${c.id}  (${c.file})`);
  for (const r of report.remaining) io.stdout(`LEFT     ${r.createdBy}  ${r.id}  (${r.file})\n    ${r.reason}`);
  for (const n of report.notFollowed)
    io.stdout(
      `NOT FOLLOWED  ${n.journal}: it sends to ${n.origins.join(', ')}, which no configured target uses; nothing was sent (if your run used \`--target URL\`, run \`cardcheck cleanup --target URL\`; else \`--forget\` it)`,
    );
  for (const u of report.unreachable)
    io.stdout(
      `UNREACHABLE  run ${u.runId} (${u.target}): ${u.message}; ${plural(u.left, 'entry')} kept for another try (\`cardcheck cleanup --forget ${u.runId}\` stops tracking them)`,
    );
  for (const s of report.skipped)
    io.stdout(
      `skipped  run ${s.runId} (${s.target}): last written ${Math.floor(s.ageDays)} days ago, older than the age limit; ${plural(s.left, 'entry')} left (\`--run ${s.runId}\` tries it, \`--forget ${s.runId}\` drops it)`,
    );
  for (const e of report.ended)
    io.stdout(
      `ended    run ${e.runId}: it ran against the embedded sandbox, which ended with it; journal removed (${plural(e.left, 'entry')})`,
    );
  const runs = report.runs.length;
  io.stdout(`${report.cleaned.length} cleaned, ${report.remaining.length} left, from ${plural(runs, 'run')}`);
}
