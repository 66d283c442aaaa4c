import type { CardResult, LeftBehind, RunEvent, RunResult } from '../core/result.js';
import { formatDiagnostic } from './format-diagnostic.js';

export interface ConsoleOptions {
  write: (line: string) => void;
  color: boolean;
}

const MARK = { passed: '✓', failed: '✗', flaky: '~', skipped: '○', errored: '!' } as const;
const COLOR = { passed: 32, failed: 31, flaky: 33, skipped: 33, errored: 35 } as const;

/** Plain lines; colour only on a terminal. No request or response bodies or headers are ever printed. */
export function createConsoleReporter(opts: ConsoleOptions): (e: RunEvent) => void {
  const paint = (code: number, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const dim = (s: string) => paint(2, s);
  const cardLines = (r: CardResult): string[] => {
    const head = `${paint(COLOR[r.outcome], `${MARK[r.outcome]} ${r.outcome.padEnd(7)}`)} ${r.endpoint || '(no endpoint)'}  ${dim(r.file)}  ${dim(`${r.durationMs} ms`)}`;
    const lines = [head];
    if (r.outcome === 'skipped') lines.push(`    reason: ${r.reason}`);
    if (r.outcome === 'failed') {
      for (const c of r.checks.filter((x) => !x.passed)) {
        lines.push(`    ${c.message}${c.kind === 'schema' ? `  (expected ${c.expected}, found ${c.actual})` : ''}`);
      }
      lines.push(`    at ${r.file}:${r.line}`);
    }
    if (r.outcome === 'errored') {
      const shown = r.diagnostics.filter((d) => d.severity === 'error');
      if (shown.length) for (const d of shown) lines.push(...formatDiagnostic(d, '    '));
      else lines.push(`    ${r.reason}`);
    }
    return lines;
  };
  const leftLines = (left: LeftBehind[]): string[] =>
    left.length === 0
      ? []
      : ['', paint(33, `Left behind on the target (${left.length}):`), ...left.map((l) => `  ${l.createdBy}  ${l.field}=${l.id}  ${dim(l.file)}\n    ${l.reason}`)];
  const summary = (run: RunResult): string => {
    const s = run.summary;
    const parts = [`${s.passed} passed`, `${s.failed} failed`, ...(s.flaky ? [`${s.flaky} flaky`] : []), `${s.skipped} skipped`, `${s.errored} errored`];
    return `${s.total} card${s.total === 1 ? '' : 's'}: ${parts.join(', ')} in ${s.durationMs} ms`;
  };
  return (e) => {
    if (e.type === 'run-start') opts.write(`cardcheck: ${e.total} card${e.total === 1 ? '' : 's'} against ${e.target}`);
    else if (e.type === 'card-end') for (const l of cardLines(e.result)) opts.write(l);
    else if (e.type === 'run-end') {
      for (const l of leftLines(e.result.leftBehind)) opts.write(l);
      opts.write('');
      opts.write(summary(e.result));
    }
  };
}
