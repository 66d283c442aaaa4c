import type { CardResult, RunEvent, RunResult } from '../core/result.js';

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
 */
export interface Reporter {
  readonly name: string;
  onRunStart?(event: RunStartEvent): void;
  onCardStart?(event: CardStartEvent): void;
  onCardEnd?(result: CardResult): void;
  // biome-ignore lint/suspicious/noConfusingVoidType: a reporter that writes no file returns nothing, sync or async
  onRunEnd?(result: RunResult): void | ReportFile[] | Promise<void | ReportFile[]>;
  /** Called once every reporter's onRunEnd has settled, with the files written (relative to cwd). */
  onReportsWritten?(files: ReportFile[]): void;
}

export type ReporterFactory = (ctx: ReporterContext) => Reporter;
