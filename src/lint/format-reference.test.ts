import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCard } from '../card/parse-card.js';
import { parseConfig } from '../config/load-config.js';
import type { LoadedCard } from '../plan/plan-run.js';
import { planRun } from '../plan/plan-run.js';
import { lintCards } from './lint-cards.js';
import { RULE_DOCS, ruleTable } from './rule-docs.js';

/**
 * specs/README.md, the card-format reference, cannot fall behind: its rule
 * table is RULE_DOCS, and every example in it is valid (cards lint clean,
 * the config parses, JSON snippets are JSON).
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const README = readFileSync(path.join(ROOT, 'specs/README.md'), 'utf8');

interface Block {
  lang: string;
  text: string;
  line: number;
}

/** Fenced blocks at the top level of the README (```` fences hold whole cards, ``` fences inside them are theirs). */
function topLevelBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(\w*)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const fence = open[1] ?? '```';
    const end = lines.findIndex((l, j) => j > i && l === fence);
    if (end < 0) throw new Error(`unclosed fence at README line ${i + 1}`);
    blocks.push({ lang: open[2] ?? '', text: lines.slice(i + 1, end).join('\n'), line: i + 1 });
    i = end;
  }
  return blocks;
}

const BLOCKS = topLevelBlocks(README);
const CARDS = BLOCKS.filter((b) => b.lang === 'markdown');
const { config, diagnostics: repoConfigProblems } = parseConfig(
  readFileSync(path.join(ROOT, 'cardcheck.config.yaml'), 'utf8'),
  'cardcheck.config.yaml',
);

describe('specs/README.md, the card-format reference', () => {
  it('holds the rule table generated from RULE_DOCS', () => {
    const table = ruleTable();
    if (!README.includes(table)) {
      expect.fail(`the rule table of specs/README.md differs from RULE_DOCS; replace it with:\n\n${table}\n`);
    }
    for (const r of RULE_DOCS) expect(README).toContain(`\`${r.id}\``);
  });

  it('has example cards, and they lint clean together (chaining included)', () => {
    expect(repoConfigProblems.filter((d) => d.severity === 'error')).toEqual([]);
    expect(CARDS.length).toBeGreaterThanOrEqual(8);
    const cards: LoadedCard[] = CARDS.map((b) => {
      const file = `specs/README.md@${b.line}.md`;
      return { file, ...parseCard(b.text, file) };
    });
    const linted = lintCards(cards);
    const withLint = cards.map((c) => ({ ...c, diagnostics: linted.get(c.file) ?? c.diagnostics }));
    const plan = planRun(withLint, { profiles: config.profiles });
    const problems = plan.cards.flatMap((p) =>
      p.diagnostics.map((d) => `README line ${Number(/@(\d+)/.exec(d.file)?.[1]) + d.line}: ${d.ruleId} ${d.message}`),
    );
    expect(problems).toEqual([]);
    for (const c of cards) expect(c.card, c.file).toBeDefined();
    const actions = plan.cards.map((p) => p.action);
    expect(actions.filter((a) => a === 'skip')).toHaveLength(1);
    expect(actions.filter((a) => a !== 'run' && a !== 'skip')).toEqual([]);
  });

  it('shows a cardcheck.config.yaml that parses without a problem', () => {
    const configs = BLOCKS.filter((b) => b.lang === 'yaml' && b.text.startsWith('# cardcheck.config.yaml'));
    expect(configs).toHaveLength(1);
    for (const b of configs) expect(parseConfig(b.text, 'example.config.yaml').diagnostics).toEqual([]);
  });

  it('shows JSON snippets that are JSON', () => {
    const snippets = BLOCKS.filter((b) => b.lang === 'json');
    expect(snippets.length).toBeGreaterThan(0);
    for (const b of snippets) expect(() => JSON.parse(b.text), `README line ${b.line}`).not.toThrow();
  });
});
