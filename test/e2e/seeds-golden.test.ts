import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardcheck, ROOT } from '../support/cli.js';

/**
 * The seed files read exactly as they always have, whatever forms cardcheck
 * learns to read: seed 000 errors at its placeholder, seed 001 warns about
 * its stray fence, and the vendor pages 002–004 stay not-a-card (003 has a
 * "## Request" section with an http block, which a card may also have).
 * Update with UPDATE_GOLDEN=1 and read the diff.
 */
const GOLDEN = path.join(ROOT, 'fixtures/cards/seeds-lint.expected.txt');

describe('the seeds, pinned', () => {
  it('cardcheck lint fixtures/seeds prints what it always printed', async () => {
    const res = await cardcheck(['lint', 'fixtures/seeds']);
    const transcript = `${res.stdout}exit ${res.code}\n`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, transcript);
    expect(transcript).toBe(readFileSync(GOLDEN, 'utf8'));
  });
});
