import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardcheck, ROOT } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * What a person reads for failing, errored and status-only cards, pinned as
 * the lint goldens are: the console and the GitHub annotations of one run.
 * Times, ports and the run's seed are normalised. Update with
 * UPDATE_GOLDEN=1 and read the diff.
 */
const GOLDEN = path.join(ROOT, 'fixtures/cards/transcripts/run.expected.txt');
const CARDS = [
  'fixtures/cards/failing/fails-status.md',
  'fixtures/cards/failing/fails-schema.md',
  'fixtures/cards/transcripts/bullet-fails.md',
  'fixtures/cards/transcripts/status-only.md',
  'fixtures/cards/invalid/unreadable-expectation.md',
  'fixtures/seeds/000_e5b2871b98d23f98.txt',
];

const normalise = (text: string) =>
  text
    .replace(/\b\d+ ms\b/g, '<T> ms')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<P>')
    .replace(/in <T> ms\n/g, 'in <T> ms\n')
    .replace(/results: .*\n/g, 'results: <out>\n');

describe('run transcripts', () => {
  it('pins the console and the annotations of failing, errored and status-only cards', async () => {
    const dir = await tempDir('cardcheck-transcript-');
    const res = await cardcheck(['run', ...CARDS, '--seed', '7', '--reporter', 'console,github', '--out', dir], {
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md') },
    });
    const transcript = `${normalise(res.stdout)}exit ${res.code}\n`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, transcript);
    expect(transcript).toBe(readFileSync(GOLDEN, 'utf8'));
  });
});
