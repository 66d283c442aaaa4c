import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunEvent, RunResult } from '../core/result.js';
import { CardSpool } from './card-spool.js';
import { heldCards, streamedCards } from './report-cards.js';
import type { Reporter, ReportFile } from './reporter.js';

/** Events in, one `finish` at the end; what the CLI holds. */
export interface ReporterSet {
  onEvent(event: RunEvent): void;
  /** Runs every reporter's onRunEnd (writes the files), then announces them. Never rejects. */
  finish(result: RunResult): Promise<{ errors: string[]; files: ReportFile[] }>;
  /** Delete the kept card results of a run that ends without `finish` (it failed); `finish` does it itself. */
  dispose(): void;
}

export interface FanOutOptions {
  /** Where the card results of a streamed run are kept until the reports are written. @default the OS temp folder */
  spoolDir?: string;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Why a streamed run's cards cannot be read back, if they cannot. */
function spoolProblem(spool: CardSpool | undefined, spooling: boolean, ended: number): string | undefined {
  if (spool?.error) return `${spool.error} (the reports folder must be writable, with room for the run's results)`;
  // A run that streamed without saying so at its start kept its cards nowhere: no report rather than an empty one.
  if (!spooling && ended > 0) return 'the run did not say at its start that it streams its cards';
  return undefined;
}

/**
 * One fan-out over many reporters (the shape of Playwright's multiplexer): a
 * reporter that throws is recorded once, skipped from then on, and the others
 * keep going; the caller turns the recorded errors into a failed run.
 *
 * When a reporter reads every card (`readsCards`), each `card-end` result is
 * appended to one spool file that they share; a streamed run's reports are
 * written from it, and it is deleted once they are (or by `dispose`).
 */
export function fanOut(reporters: Reporter[], cwd: string, options: FanOutOptions = {}): ReporterSet {
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
  const readers = reporters.filter((r) => r.readsCards);
  let spool: CardSpool | undefined;
  let ended = 0;
  // Only a run that streams its cards (it says so at run-start) is spooled: a held run's reports read run.cards.
  let spooling = false;
  const dispose = () => {
    spool?.dispose();
    spool = undefined;
  };

  return {
    onEvent(event) {
      let index = 0;
      if (event.type === 'run-start') spooling = event.streamed === true;
      if (event.type === 'card-end') {
        index = ended++;
        if (spooling && readers.some((r) => !broken.has(r))) {
          spool ??= new CardSpool(path.resolve(cwd, options.spoolDir ?? tmpdir()));
          spool.append(event.result);
        }
      }
      for (const r of reporters) {
        if (event.type === 'run-start') guard(r, 'onRunStart', () => r.onRunStart?.(event));
        else if (event.type === 'card-start') guard(r, 'onCardStart', () => r.onCardStart?.(event));
        else if (event.type === 'card-end') guard(r, 'onCardEnd', () => r.onCardEnd?.(event.result, index));
        // run-end is handled by finish(), which can wait for file writes.
      }
    },
    async finish(result) {
      const files: ReportFile[] = [];
      const streamed = result.cardsStreamed === true;
      spool?.flush();
      const cards = streamed ? streamedCards(spool, result.lateLeftBehind) : heldCards(result.cards);
      try {
        for (const r of reporters) {
          if (broken.has(r) || !r.onRunEnd) continue;
          const missing = streamed && r.readsCards ? spoolProblem(spool, spooling, ended) : undefined;
          if (missing) {
            broken.add(r);
            errors.push(`reporter "${r.name}" could not write its report: ${missing}`);
            continue;
          }
          try {
            const written = await r.onRunEnd(result, cards);
            if (written) files.push(...written.map((f) => ({ label: f.label, file: relative(f.file) })));
          } catch (err) {
            broken.add(r);
            errors.push(`reporter "${r.name}" failed in onRunEnd: ${messageOf(err)}`);
          }
        }
      } finally {
        dispose();
      }
      for (const r of reporters) guard(r, 'onReportsWritten', () => r.onReportsWritten?.(files));
      return { errors: [...errors], files };
    },
    dispose,
  };
}
