import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import type { CliResult } from '../support/cli.js';
import { cardcheck } from '../support/cli.js';
import { card, writeCards } from '../support/temp-cards.js';

export interface CardOutcome {
  file: string;
  outcome: string;
  reason: string;
  diagnostics?: { line: number; message: string }[];
}

/** A GET card on `path`, expecting 200. */
export const getCard = (p: string, extra: { followRedirects?: boolean } = {}) =>
  card({ endpoint: `GET ${p}`, request: { method: 'GET', path: p, ...extra }, expect: { status: 200 } });

/** Run the built CLI on cards against `origin`; what the user sees, the results, and how long it took. */
export async function runAgainst(
  origin: string,
  cards: Record<string, string>,
  flags: string[],
  config?: string,
): Promise<CliResult & { cards: CardOutcome[]; ms: number }> {
  const dir = await writeCards(config === undefined ? cards : { ...cards, 'cardcheck.config.yaml': config });
  const started = performance.now();
  const target = config === undefined ? ['--target', origin] : [];
  const res = await cardcheck(['run', '.', ...target, '--out', dir, ...flags], { cwd: dir });
  const ms = performance.now() - started;
  const results = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as { cards: CardOutcome[] };
  return { ...res, cards: results.cards, ms };
}

/** A server's misbehaviour is never a crash: no stack trace, no internal error. */
export function expectNoCrash(res: CliResult): void {
  expect(res.stdout + res.stderr).not.toMatch(/internal error|\n\s+at .*\.js:\d+/);
}
