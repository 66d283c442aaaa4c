import type { CardResult, RunEvent, RunResult } from '../core/result.js';
import type { ReportCards } from './report-cards.js';

export type RunStartEvent = Extract<RunEvent, { type: 'run-start' }>;
export type CardStartEvent = Extract<RunEvent, { type: 'card-start' }>;

/** What every reporter is given when it is created. Reporters never read process state themselves. */
export interface ReporterContext {
  /** Folder the report files go to (absolute, or relative to `cwd`). */
  outDir: string;
  /** Print each request and response (already redacted by the engine). */
  verbose: boolean;
  /** Leave out the warning lines under each card (the console's --quiet). */
  quiet?: boolean;
  /** ANSI colours allowed. */
  color: boolean;
  /** stdout is a terminal; with no CI and no NO_COLOR the console draws a live progress bar. */
  tty: boolean;
  /** Terminal width, for the progress bar; 0 or absent (a pseudo-terminal with no size) means 80. @default 80 */
  columns?: number;
  /** One line to stdout (the newline is added by the writer). */
  write(line: string): void;
  /** One line to stderr. */
  writeErr(line: string): void;
  /** Read for CI detection and GitHub Actions paths only; values are never printed. */
  env: NodeJS.ProcessEnv;
  /** Card files in results are relative to this folder. */
  cwd: string;
}

/** A file a reporter wrote, e.g. `{ label: 'results', file: 'reports/results.json' }`. */
export interface ReportFile {
  label: string;
  file: string;
}

/**
 * A reporter: every hook is optional. `onRunEnd` may be async and write
 * files; it returns the files it wrote so the console can say where they went.
 *
 * A run may stream its cards (`run.cardsStreamed`: `run.cards` is empty):
 * then each card's result comes only through `onCardEnd`, and a reporter
 * keeps what it prints, not the results. One that writes every card sets
 * `readsCards`, and gets them back at `onRunEnd` as `cards` (kept on disk by
 * the fan-out meanwhile); `index` is a card's position there.
 */
export interface Reporter {
  readonly name: string;
  /** onRunEnd writes every card: the fan-out keeps the streamed results for it (`cards`). */
  readonly readsCards?: true;
  onRunStart?(event: RunStartEvent): void;
  onCardStart?(event: CardStartEvent): void;
  /** `index`: the card's position in the run's stream of results (0-based), as `cards.at` takes it. */
  onCardEnd?(result: CardResult, index: number): void;
  /** `cards`: the run's cards, held (`run.cards`) or read back from what was streamed. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a reporter that writes no file returns nothing, sync or async
  onRunEnd?(result: RunResult, cards: ReportCards): void | ReportFile[] | Promise<void | ReportFile[]>;
  /** Called once every reporter's onRunEnd has settled, with the files written (relative to cwd). */
  onReportsWritten?(files: ReportFile[]): void;
}

export type ReporterFactory = (ctx: ReporterContext) => Reporter;
