import { createInterface } from 'node:readline';

export interface WatchKeys {
  /** `q` (or Ctrl-C, Ctrl-D at a terminal). */
  quit(): void;
  /** Enter. */
  rerunAll(): void;
}

/**
 * The watch's keys. At a terminal, single key presses (raw mode): `q` quits,
 * Enter re-runs every card. From a pipe, lines: `q` quits, an empty line re-runs
 * every card. The end of piped input stops reading keys, not the watch.
 * Returns the undo (the terminal leaves raw mode).
 */
export function readWatchKeys(stdin: NodeJS.ReadStream, keys: WatchKeys): () => void {
  if (stdin.isTTY) {
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === 'q' || ch === 'Q' || ch === '\u0003' || ch === '\u0004') return keys.quit();
        if (ch === '\r' || ch === '\n') keys.rerunAll();
      }
    };
    stdin.on('data', onData);
    stdin.resume();
    return () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      release(stdin);
    };
  }
  const lines = createInterface({ input: stdin, terminal: false });
  lines.on('line', (line) => {
    const key = line.trim().toLowerCase();
    if (key === 'q') keys.quit();
    else if (key === '') keys.rerunAll();
  });
  return () => {
    lines.close();
    release(stdin);
  };
}

/** Stop reading, and let the process end although stdin is still open (a pipe a test or a script holds). */
function release(stdin: NodeJS.ReadStream): void {
  stdin.pause();
  (stdin as NodeJS.ReadStream & { unref?: () => void }).unref?.();
}
