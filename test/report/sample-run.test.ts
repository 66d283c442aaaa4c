import { describe, expect, it } from 'vitest';
import { sampleRun } from '../support/sample-run.js';

describe('the sample run the report tests share', () => {
  it('has every outcome, from real runs', async () => {
    const { run, secrets } = await sampleRun();
    const by = Object.fromEntries(run.cards.map((c) => [c.file, c.outcome]));
    expect(by).toMatchObject({
      'specs/vcita/get-app.md': 'passed',
      'specs/vcita/exchange-authorization-code.md': 'skipped',
      'fixtures/cards/failing/fails-status.md': 'failed',
      'fixtures/cards/failing/fails-schema.md': 'failed',
      'fixtures/seeds/000_e5b2871b98d23f98.txt': 'errored',
      'fixtures/cards/failing/flaky/fails-once.md': 'flaky',
    });
    expect(run.summary).toMatchObject({ failed: 2, errored: 1, flaky: 1, skipped: 1 });
    expect(secrets.length).toBeGreaterThan(0);
  });
});
