/** The CLI runner end-to-end tests share with the unit tests under src/. */

export type { CliResult } from '../../src/test-support/cli.js';
export { cardcheck, ROOT } from '../../src/test-support/cli.js';
