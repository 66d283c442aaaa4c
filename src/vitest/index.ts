/** `cardcheck/vitest`: endpoint cards as vitest tests. */
export { cardTests } from './card-tests.js';
export type { CardTestsOptions } from './card-tests.js';
