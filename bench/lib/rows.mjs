/**
 * The figures each benchmark reports for `npm run bench`'s one table: a
 * script calls `row()` for each figure; when run by run-all.mjs (which sets
 * BENCH_ROWS to a file), the rows are appended to that file as JSON lines and
 * run-all prints them together at the end. Run alone, a script prints only its
 * own lines.
 */
import { appendFileSync } from 'node:fs';

/**
 * One figure: `bench` names the script, `figure` what was measured, `value`
 * cardcheck's figure as shown, `floor` the raw undici loop's when there is
 * one, `ratio` cardcheck / floor, `target` as shown, `pass` true/false when
 * there is a target.
 */
export function row(r) {
  if (process.env.BENCH_ROWS) appendFileSync(process.env.BENCH_ROWS, `${JSON.stringify(r)}\n`);
}

/** `PASS`/`FAIL` for a figure and its target. */
export const verdict = (pass) => (pass ? 'PASS' : 'FAIL');

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
