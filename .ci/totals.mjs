// Print vitest's totals as one plain line: `N passed, N failed, N skipped`.
// A run that executed no test, or left no JSON report, is a failure.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'reports/vitest.json';
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  console.log(`0 passed, 0 failed (no vitest JSON report at ${file})`);
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
// A test file that failed to load has no failed test of its own; count it once.
const brokenFiles = (report.testResults ?? []).filter(
  (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
).length;
const failed = (report.numFailedTests ?? 0) + brokenFiles;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
