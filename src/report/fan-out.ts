import path from 'node:path';
import type { RunEvent, RunResult } from '../core/result.js';
import type { Reporter, ReportFile } from './reporter.js';

/** Events in, one `finish` at the end; what the CLI holds. */
export interface ReporterSet {
  onEvent(event: RunEvent): void;
  /** Runs every reporter's onRunEnd (writes the files), then announces them. Never rejects. */
  finish(result: RunResult): Promise<{ errors: string[]; files: ReportFile[] }>;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * One fan-out over many reporters (the shape of Playwright's multiplexer): a
 * reporter that throws is recorded once, skipped from then on, and the others
 * keep going; the caller turns the recorded errors into a failed run.
 */
export function fanOut(reporters: Reporter[], cwd: string): ReporterSet {
  const errors: string[] = [];
  const broken = new Set<Reporter>();
  const guard = (r: Reporter, hook: string, call: () => void): void => {
    if (broken.has(r)) return;
    try {
      call();
    } catch (err) {
      broken.add(r);
      errors.push(`reporter "${r.name}" failed in ${hook}: ${messageOf(err)}`);
    }
  };
  // Relative to the working directory when the file is inside it, absolute otherwise.
  const relative = (file: string) => {
    const rel = path.isAbsolute(file) ? path.relative(cwd, file) : file;
    return rel.startsWith('..') ? file : rel.split(path.sep).join('/');
  };

  return {
    onEvent(event) {
      for (const r of reporters) {
        if (event.type === 'run-start') guard(r, 'onRunStart', () => r.onRunStart?.(event));
        else if (event.type === 'card-start') guard(r, 'onCardStart', () => r.onCardStart?.(event));
        else if (event.type === 'card-end') guard(r, 'onCardEnd', () => r.onCardEnd?.(event.result));
        // run-end is handled by finish(), which can wait for file writes.
      }
    },
    async finish(result) {
      const files: ReportFile[] = [];
      for (const r of reporters) {
        if (broken.has(r) || !r.onRunEnd) continue;
        try {
          const written = await r.onRunEnd(result);
          if (written) files.push(...written.map((f) => ({ label: f.label, file: relative(f.file) })));
        } catch (err) {
          broken.add(r);
          errors.push(`reporter "${r.name}" failed in onRunEnd: ${messageOf(err)}`);
        }
      }
      for (const r of reporters) guard(r, 'onReportsWritten', () => r.onReportsWritten?.(files));
      return { errors: [...errors], files };
    },
  };
}
