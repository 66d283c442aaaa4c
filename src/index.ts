/** cardcheck's programmatic API. */
export { runCards } from './api/run-cards.js';
export type { RunCardsOptions, RunCardsResult } from './api/run-cards.js';
export { parseCard } from './card/parse-card.js';
export { startSandbox } from './sandbox/server.js';
export type { Sandbox, SandboxOptions } from './sandbox/server.js';
export type { Card, ParseCardResult } from './core/card.js';
export type { Diagnostic } from './core/diagnostic.js';
export type { CardResult, Outcome, RunEvent, RunResult, RunSummary } from './core/result.js';
