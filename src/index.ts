/** cardcheck's programmatic API: run, lint, parse, report, and the sandbox. */

export { parseCard } from './card/parse-card.js';
export { defaultConfig, parseConfig } from './config/load-config.js';
export type { Card, ParseCardResult } from './core/card.js';
export type { AuthProfile, Config, TargetConfig } from './core/config.js';
export type { Diagnostic } from './core/diagnostic.js';
export type { ErrorCode, ErrorDetails } from './core/errors.js';
export { CardcheckError, isCardcheckError } from './core/errors.js';
export type { CardResult, CoverageRow, Outcome, RunEvent, RunResult, RunSummary } from './core/result.js';
export { toHtmlReport } from './report/html/html-report.js';
export { toResultsJson } from './report/json-report.js';
export { toJunitXml } from './report/junit/junit-report.js';
export { mergeResults } from './report/merge/merge-results.js';
export { createReporters } from './report/registry.js';
export { cleanupFromJournals } from './runner/cleanup-journal.js';
export { lintProject } from './runner/lint-project.js';
export { loadProject } from './runner/load-project.js';
export type { RunCardsOptions, RunCardsResult, Selection } from './runner/run-cards.js';
export { runCards } from './runner/run-cards.js';
export { startSandbox } from './runner/start-sandbox.js';
export { listBreaks } from './sandbox/breaks/registry.js';
export type { Sandbox, SandboxOptions } from './sandbox/server.js';
