import type { Outcome } from '../../core/result.js';

export type Paint = (code: number, text: string) => string;

export const MARK: Record<Outcome, string> = { passed: '✓', failed: '✗', flaky: '~', skipped: '○', errored: '!' };
export const OUTCOME_COLOR: Record<Outcome, number> = { passed: 32, failed: 31, flaky: 33, skipped: 33, errored: 35 };
export const DIM = 2;

/** ANSI SGR colour when allowed, the text untouched otherwise. */
export function createPaint(color: boolean): Paint {
  return (code, text) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
}
