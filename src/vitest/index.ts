/** `cardcheck/vitest`: endpoint cards as vitest tests. */

export type { CardTestsOptions } from './card-tests.js';
export { cardTests } from './card-tests.js';
