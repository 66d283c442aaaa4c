import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../core/errors.js';
import { RULE_DOCS } from './rule-docs.js';

const SRC = path.resolve(import.meta.dirname, '..');

/** Non-test TypeScript files of the pipeline (the sandbox reports no card diagnostics). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'sandbox' ? [] : sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

/**
 * Rule ids written in the source: `ruleId: 'x'` (and `= 'x'`, `=== 'x'`), and
 * kebab-case strings with the prefixes rule ids use. Strings with those
 * prefixes that are not rule ids are listed in NOT_RULES.
 */
const RULE_ID_AFTER_KEY = /ruleId\s*(?::|===?)\s*'([a-z0-9-]+)'/g;
const RULE_LIKE =
  /'((?:config|invalid|missing|unknown|unresolved|unclosed|duplicate|chain|needs|uid|not|skip|endpoint|unreadable|path|request)-[a-z0-9-]+)'/g;
const NOT_RULES = new Set([
  'invalid-response', // a transport error kind (src/http)
  'unresolved-value', // the code of the error rendering throws for a value missing at run time
  ...ERROR_CODES, // error codes (src/core/errors.ts) are not rule ids
  'request-id', // a response header name (card/response-sections.ts)
  'standards-pack', // lint's info line on the standards pack a card gets (lint/standards-info.ts): not a problem
]);

function ruleIdsInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const re of [RULE_ID_AFTER_KEY, RULE_LIKE]) {
      for (const m of text.matchAll(re)) {
        const id = m[1] ?? '';
        if (!NOT_RULES.has(id) && !found.has(id)) found.set(id, path.relative(SRC, file));
      }
    }
  }
  return found;
}

describe('RULE_DOCS', () => {
  it('documents every rule id the source can report', () => {
    const documented = new Set(RULE_DOCS.map((r) => r.id));
    const undocumented = [...ruleIdsInSource()]
      .filter(([id]) => !documented.has(id))
      .map(([id, file]) => `${id} (${file})`);
    expect(undocumented, 'add these to src/lint/docs/ (and a golden fixture)').toEqual([]);
  });

  it('documents no rule the source no longer has', () => {
    const inSource = ruleIdsInSource();
    expect(RULE_DOCS.map((r) => r.id).filter((id) => !inSource.has(id))).toEqual([]);
  });

  it('has one entry per id, kebab-case, with text that ends in a full stop', () => {
    const ids = RULE_DOCS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULE_DOCS) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(r.what, r.id).toMatch(/[.)]$/);
      expect(r.fix, r.id).toMatch(/[.)]$/);
    }
  });
});
