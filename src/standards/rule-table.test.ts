import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleTable } from './rule-table.js';
import { STANDARD_RULES } from './rules.js';

const DOC = path.resolve(import.meta.dirname, '../../docs/standards.md');

describe('docs/standards.md', () => {
  it('holds the rule table generated from the registry', () => {
    const text = readFileSync(DOC, 'utf8');
    const start = text.indexOf('<!-- rules:start -->\n');
    const end = text.indexOf('\n<!-- rules:end -->');
    expect(start, 'markers').toBeGreaterThan(-1);
    expect(text.slice(start + '<!-- rules:start -->\n'.length, end)).toBe(ruleTable());
  });

  it('has at least 20 rules, each with a unique kebab-case id, a clause and sentences of our own', () => {
    expect(STANDARD_RULES.length).toBeGreaterThanOrEqual(20);
    expect(new Set(STANDARD_RULES.map((r) => r.id)).size).toBe(STANDARD_RULES.length);
    for (const r of STANDARD_RULES) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.clause, r.id).toMatch(/^(RFC \d+ §[\d.]+|OpenID Connect Discovery 1\.0 §\d)/);
      expect(r.requirement, r.id).toMatch(/\.$|\)\.$/);
      expect(r.fix, r.id).toMatch(/\.$/);
    }
  });
});
