import { describe, expect, it } from 'vitest';
import { parseConfig } from './load-config.js';

describe('cleanup: in the config', () => {
  it('reads recoveryStore and maxAgeDays; without it, the defaults apply', () => {
    const { config, diagnostics } = parseConfig('cleanup:\n  recoveryStore: true\n  maxAgeDays: 7\n', 'c.yaml');
    expect(diagnostics).toEqual([]);
    expect(config.cleanup).toEqual({ recoveryStore: true, maxAgeDays: 7 });
    expect(parseConfig('secrets: [X]\n', 'c.yaml').config.cleanup).toBeUndefined();
  });

  it('a bad value or an unknown key is a located error', () => {
    const { diagnostics } = parseConfig('cleanup:\n  recoveryStore: "yes"\n  maxAgeDays: -1\n  keep: 3\n', 'c.yaml');
    expect(diagnostics.map((d) => [d.ruleId, d.line])).toEqual([
      ['config-unknown-key', 4],
      ['config-invalid-value', 2],
      ['config-invalid-value', 3],
    ]);
  });
});
