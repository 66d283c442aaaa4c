import { beforeAll, describe, it } from 'vitest';
import type { CardResult } from '../core/result.js';
import { describeProblem } from '../report/failure-text.js';
import { loadProject } from '../runner/load-project.js';
import type { RunCardsOptions, RunCardsResult } from '../runner/run-cards.js';
import { runCards } from '../runner/run-cards.js';

export interface CardTestsOptions extends RunCardsOptions {
  /** Name of the describe block the cards' tests go in. @default 'cardcheck' */
  name?: string;
  /**
   * How long the whole run may take, in ms: vitest's hook timeout for it.
   * (`timeoutMs` is the per-request timeout, as in runCards.) @default 300000
   */
  hookTimeoutMs?: number;
}

/** `specs/vcita/get-app.md: Get OAuth App` */
const testName = (file: string, title: string | undefined) => (title ? `${file}: ${title}` : file);

/**
 * Register one vitest test per card, inside a describe block: the cards run
 * once, together, as `cardcheck run` runs them (order, chaining, shared
 * fixtures, cleanup at the end), before the block's tests; then each test
 * passes, fails with the card's problem (the same diff the console prints),
 * or is skipped with the card's reason.
 *
 * Call it at the top level of a test file, awaited (the cards are read to
 * name the tests):
 *
 *     import { cardTests } from 'cardcheck/vitest';
 *     await cardTests({ paths: ['specs'], target: 'staging' });
 */
export async function cardTests(options: CardTestsOptions = {}): Promise<void> {
  const cwd = options.cwd ?? process.cwd();
  const project = await loadProject({
    cwd,
    paths: options.paths ?? ['specs'],
    configFile: options.configFile,
    config: options.config,
  });
  describe(options.name ?? 'cardcheck', () => {
    let run: RunCardsResult | undefined;
    let failure: unknown;
    beforeAll(async () => {
      try {
        const { name: _name, hookTimeoutMs: _hook, ...runOptions } = options;
        run = await runCards({ ...runOptions, cwd, project });
      } catch (err) {
        // A run that cannot start (an unknown target, a broken config) fails every card's test with its message.
        failure = err;
      }
    }, options.hookTimeoutMs ?? 300_000);
    for (const missing of project.missing) {
      it(missing, () => {
        throw new Error(`${missing}: no such file or folder`);
      });
    }
    for (const card of project.cards) {
      it(testName(card.file, card.card?.title?.text), (ctx) => {
        if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
        const result = run?.cards.find((c: CardResult) => c.file === card.file);
        if (!result) return ctx.skip('not selected for this run');
        if (result.outcome === 'skipped') return ctx.skip(result.reason);
        if (result.outcome === 'failed' || result.outcome === 'errored')
          throw new Error(describeProblem(result).join('\n'));
        return undefined;
      });
    }
  });
}
