import { describe, expect, it } from 'vitest';
import type { CardResult } from '../../core/result.js';
import { formatCardLines, oneLine } from './card-lines.js';

const card: CardResult = {
  file: 'specs/a.md',
  line: 5,
  id: 'a',
  endpoint: 'GET /a',
  title: 'A',
  domain: '',
  tags: [],
  api: 'vcita',
  outcome: 'passed',
  reason: '',
  durationMs: 3,
  checks: [{ kind: 'status', passed: true, expected: '200', actual: '200', message: 'status 200' }],
  diagnostics: [
    {
      ruleId: 'unknown-front-matter-key',
      severity: 'warning',
      file: 'specs/a.md',
      line: 3,
      column: 1,
      message: 'front-matter key "owner" is not one cardcheck knows',
    },
  ],
  leftBehind: [],
  requests: [],
  attempts: [],
  documentedStatuses: [200],
};

describe('a card in the console', () => {
  const lines = (quiet: boolean) =>
    formatCardLines(card, { paint: (_c, s) => s, verbose: false, quiet, sourceLine: () => undefined });

  it("prints the card's lint warnings under it, one line each", () => {
    expect(lines(false)).toEqual([
      '✓ passed  GET /a  A  specs/a.md  3 ms',
      '    warning unknown-front-matter-key specs/a.md:3:1 front-matter key "owner" is not one cardcheck knows',
    ]);
  });

  it('leaves them out with --quiet', () => {
    expect(lines(true)).toEqual(['✓ passed  GET /a  A  specs/a.md  3 ms']);
  });

  it('shows the title, and cuts a long skip reason to one line (the reports keep it whole)', () => {
    const reason = `This endpoint needs a browser. ${'It signs in and consents. '.repeat(10)}\nRun with --browser.`;
    const skipped = { ...card, title: 'List the apps', outcome: 'skipped' as const, reason, diagnostics: [] };
    const [head, line] = formatCardLines(skipped, {
      paint: (_c, s) => s,
      verbose: false,
      sourceLine: () => undefined,
      columns: 80,
    });
    expect(head).toBe('○ skipped GET /a  List the apps  specs/a.md  3 ms');
    // The start and the end (what to do) of a long reason, on one line.
    expect(line).toMatch(/^ {4}reason: This endpoint needs a browser\. .* … .*consents\.$/);
    expect(line?.length).toBeLessThanOrEqual(81);
    const short = formatCardLines(
      { ...skipped, reason: 'SKIP: not in this plan' },
      { paint: (_c, s) => s, verbose: false, sourceLine: () => undefined },
    );
    expect(short[1]).toBe('    reason: SKIP: not in this plan');
    expect(oneLine('first\nsecond', 100)).toBe('first…');
    expect(oneLine(`needs a person ${'x '.repeat(100)}; run with --browser`, 60)).toMatch(
      /^needs a person x.* … .*run with --browser$/,
    );
  });
});
