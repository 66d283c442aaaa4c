import { EXIT } from './exit-code.js';
import type { Io } from './run-command.js';
import { watchFiles } from './watch-files.js';
import { readWatchKeys } from './watch-keys.js';

/** What a pass of the watch does: everything (`all`), or what the saved files touch. */
export type WatchPass = { kind: 'all' } | { kind: 'saved'; files: string[] };

export interface WatchLoopOptions {
  io: Io;
  /** Folders and files to watch (the cards), and files besides them (the config). */
  paths: readonly string[];
  extra: readonly string[];
  /** Folders the passes write to (reports): what changes there is not a save. */
  ignore?: readonly string[];
  /** One pass; `signal` aborts it when the user quits. */
  pass(what: WatchPass, signal: AbortSignal): Promise<void>;
  stdin?: NodeJS.ReadStream;
}

/** Saves gathered while a pass runs: all of them is all; files are joined. */
function mergePasses(pending: WatchPass | undefined, next: WatchPass): WatchPass {
  if (pending?.kind === 'all' || next.kind === 'all') return { kind: 'all' };
  return { kind: 'saved', files: [...new Set([...(pending?.files ?? []), ...next.files])].sort() };
}

/**
 * Run a first pass over everything, then one per save (files changed within
 * the debounce are one save) or Enter (everything again), one pass at a time:
 * saves during a pass are gathered for the next. `q` (or SIGINT/SIGTERM)
 * stops the pass in flight, which cleans up what it made, and resolves with
 * the exit code: 0 for `q`, 130 for a signal.
 */
export function watchLoop(opts: WatchLoopOptions): Promise<number> {
  const { io } = opts;
  let pending: WatchPass | undefined = { kind: 'all' };
  let running = false;
  let stopping: number | undefined;
  let current = new AbortController();
  let passes = 0;
  let firstError: unknown;
  const ends: { finish?: (code: number) => void; fail?: (err: unknown) => void } = {};
  const done = new Promise<number>((finish, fail) => Object.assign(ends, { finish, fail }));

  const drain = async () => {
    if (running) return;
    running = true;
    while (pending && stopping === undefined) {
      const what = pending;
      pending = undefined;
      current = new AbortController();
      try {
        await opts.pass(what, current.signal);
      } catch (err) {
        // A first pass that cannot start (an unknown target, a bad config) ends the watch with the CLI's message;
        // later, such a mistake is the file just saved: shown, and the watch goes on.
        if (passes === 0) {
          firstError = err;
          stopping = EXIT.errored;
        } else io.stderr(`cardcheck: ${err instanceof Error ? err.message : String(err)}`);
      }
      passes++;
    }
    running = false;
    if (stopping !== undefined) stop();
  };
  const schedule = (what: WatchPass) => {
    pending = mergePasses(pending, what);
    void drain();
  };

  const files = watchFiles(
    io.cwd,
    opts.paths,
    opts.extra,
    (saved) => schedule({ kind: 'saved', files: saved }),
    opts.ignore,
  );
  const quit = (code: number) => {
    if (stopping !== undefined) return;
    stopping = code;
    current.abort();
    if (!running) stop();
  };
  const undoKeys = readWatchKeys(opts.stdin ?? process.stdin, {
    quit: () => quit(EXIT.ok),
    rerunAll: () => schedule({ kind: 'all' }),
  });
  const onSignal = () => quit(EXIT.interrupted);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  function stop() {
    files.close();
    undoKeys();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (firstError !== undefined) ends.fail?.(firstError);
    else ends.finish?.(stopping ?? EXIT.ok);
  }
  void drain();
  return done;
}

/** The last line of each pass: what ran, and the keys. */
export function watchFooter(what: WatchPass, ran: string, again = 're-runs'): string {
  const why = what.kind === 'all' ? 'all cards' : `saved: ${what.files.join(', ')}`;
  return `watch: ${ran} (${why}) · waiting for changes; q quits, Enter ${again} all`;
}

/** At a terminal, each pass starts on a clear screen, so its summary fits on one. */
export function clearScreen(io: Io): void {
  if (io.tty) io.stdout('\u001b[2J\u001b[3J\u001b[H');
}
