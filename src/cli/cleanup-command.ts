import { cleanupFromJournals } from '../runner/cleanup-journal.js';
import type { ExitCode } from './exit-code.js';
import { EXIT } from './exit-code.js';
import type { Io } from './run-command.js';

export interface CleanupCommandOptions {
  run?: string;
  envFile?: string;
  config?: string;
}

/** `cardcheck cleanup [--run ID]`: exit 0 when nothing is left, 1 when something could not be cleaned. */
export async function cleanupCommand(opts: CleanupCommandOptions, io: Io): Promise<ExitCode> {
  const report = await cleanupFromJournals({
    cwd: io.cwd,
    runId: opts.run,
    envFile: opts.envFile,
    configFile: opts.config,
  });
  if (report.runs.length === 0) {
    io.stdout(
      opts.run
        ? `cardcheck cleanup: no journal for run ${opts.run} (nothing was left by it, or it ran elsewhere)`
        : 'cardcheck cleanup: nothing to clean up',
    );
    return opts.run ? EXIT.failed : EXIT.ok;
  }
  for (const c of report.cleaned) io.stdout(`cleaned  ${c.createdBy}  ${c.id}  (${c.file})`);
  for (const r of report.remaining) io.stdout(`LEFT     ${r.createdBy}  ${r.id}  (${r.file})\n    ${r.reason}`);
  io.stdout(
    `${report.cleaned.length} cleaned, ${report.remaining.length} left, from ${report.runs.length} run${report.runs.length === 1 ? '' : 's'}`,
  );
  return report.remaining.length ? EXIT.failed : EXIT.ok;
}
