import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliResult } from '../../test/support/cli.js';
import { cardcheck, ROOT } from '../../test/support/cli.js';
import { lintRuleIds, RULE_DOCS } from './rule-docs.js';

/**
 * Golden files, the way Hurl keeps .hurl + .err pairs: each card in
 * fixtures/cards/invalid/ breaks one rule, and its .expected.txt holds exactly
 * what `cardcheck lint` prints for it, then `exit N`. Rules that need several
 * cards have a folder with the cards and expected.txt (the cards are passed
 * one by one, since a folder's .txt files count as cards).
 *
 * After a deliberate change of wording, rewrite them with
 * `UPDATE_GOLDEN=1 npx vitest run src/lint/golden.test.ts` and read the diff.
 */

const INVALID = 'fixtures/cards/invalid';
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface Golden {
  /** The rule id the fixture is for, or the config fixture's name. */
  name: string;
  args: string[];
  expected: string;
  /** Working directory, relative to the repository root (default: the root). */
  cwd?: string;
}

function cardGoldens(): Golden[] {
  const dir = path.join(ROOT, INVALID);
  const out: Golden[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      // A folder of cards (shared schema files live in folders without cards).
      // The cards are named one by one: linting the folder would read expected.txt as a card.
      const cards = readdirSync(full)
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => `${INVALID}/${entry}/${f}`);
      if (cards.length)
        out.push({ name: entry, args: ['lint', ...cards], expected: `${INVALID}/${entry}/expected.txt` });
    } else if (entry.endsWith('.md')) {
      const name = entry.slice(0, -'.md'.length);
      out.push({ name, args: ['lint', `${INVALID}/${entry}`], expected: `${INVALID}/${name}.expected.txt` });
    }
  }
  return out;
}

/** cardcheck.config.yaml mistakes, reported by `lint --config` before any card. */
const CONFIG_GOLDENS: Golden[] = [
  {
    name: 'invalid.config.yaml',
    args: ['lint', '--config', 'fixtures/config/invalid.config.yaml', 'specs/vcita/get-app.md'],
    expected: 'fixtures/config/invalid.expected.txt',
  },
  {
    name: 'broken-yaml.config.yaml',
    args: ['lint', '--config', 'fixtures/config/broken-yaml.config.yaml', 'specs/vcita/get-app.md'],
    expected: 'fixtures/config/broken-yaml.expected.txt',
  },
  {
    name: 'missing config',
    args: ['lint', '--config', 'fixtures/config/no-such.config.yaml', 'specs/vcita/get-app.md'],
    expected: 'fixtures/config/missing.expected.txt',
  },
  {
    name: 'two config files in one folder',
    args: ['lint', 'card.md'],
    cwd: 'fixtures/config/ambiguous',
    expected: 'fixtures/config/ambiguous.expected.txt',
  },
];

const CARD_GOLDENS = cardGoldens();
const transcript = (r: CliResult) => `${r.stdout}exit ${r.code}\n`;

async function checkGolden(g: Golden): Promise<void> {
  const result = await cardcheck(g.args, g.cwd ? { cwd: path.join(ROOT, g.cwd) } : {});
  const file = path.join(ROOT, g.expected);
  if (UPDATE) writeFileSync(file, transcript(result));
  expect(existsSync(file), `${g.expected} is missing; create it with UPDATE_GOLDEN=1`).toBe(true);
  expect(transcript(result), `cardcheck ${g.args.join(' ')}`).toBe(readFileSync(file, 'utf8'));
}

describe('golden lint output per rule', () => {
  it.concurrent.each(CARD_GOLDENS.map((g) => [g.name, g] as const))('%s', async (_name, g) => {
    await checkGolden(g);
  });
});

describe('golden lint output for cardcheck.config.yaml', () => {
  it.concurrent.each(CONFIG_GOLDENS.map((g) => [g.name, g] as const))('%s', async (_name, g) => {
    await checkGolden(g);
  });
});

describe('the goldens cover every rule', () => {
  const shown = (g: Golden) =>
    existsSync(path.join(ROOT, g.expected)) ? readFileSync(path.join(ROOT, g.expected), 'utf8') : '';
  const reports = (text: string, id: string) => new RegExp(` (error|warning) ${id} `).test(text);

  it('every rule lint reports on cards has a fixture that reports it', () => {
    const byName = new Map(CARD_GOLDENS.map((g) => [g.name, g]));
    const missing = lintRuleIds().filter((id) => !byName.has(id));
    expect(missing, 'rules without fixtures/cards/invalid/<id>.md (or <id>/)').toEqual([]);
    const silent = lintRuleIds().filter((id) => !reports(shown(byName.get(id) as Golden), id));
    expect(silent, 'fixtures whose expected output does not report their rule').toEqual([]);
  });

  it('every fixture is named after a documented rule', () => {
    const documented = new Set(RULE_DOCS.map((r) => r.id));
    expect(CARD_GOLDENS.map((g) => g.name).filter((n) => !documented.has(n))).toEqual([]);
  });

  it('every config rule lint reports appears in a config golden', () => {
    const all = CONFIG_GOLDENS.map(shown).join('\n');
    const missing = RULE_DOCS.filter((r) => r.when === 'config')
      .map((r) => r.id)
      .filter((id) => !reports(all, id));
    expect(missing).toEqual([]);
  });
});

describe('cardcheck lint output formats and exit codes', () => {
  it('--format json gives objects with exactly the documented keys', async () => {
    const result = await cardcheck(['lint', '--format', 'json', `${INVALID}/unknown-key.md`]);
    expect(result.code).toBe(0);
    const parsed: unknown = JSON.parse(result.stdout);
    expect(Array.isArray(parsed)).toBe(true);
    const list = parsed as Record<string, unknown>[];
    expect(list).toHaveLength(1);
    for (const d of list)
      expect(Object.keys(d).sort()).toEqual(['column', 'file', 'hint', 'line', 'message', 'ruleId', 'severity']);
    expect(list[0]).toEqual({
      ruleId: 'unknown-key',
      file: `${INVALID}/unknown-key.md`,
      line: 14,
      column: 3,
      severity: 'warning',
      message: 'the Request Template has an unknown key "heders"',
      hint: 'Did you mean "headers"?',
    });
  });

  it('warnings only: exit 0, and 1 with --strict', async () => {
    const plain = await cardcheck(['lint', `${INVALID}/unknown-key.md`]);
    const strict = await cardcheck(['lint', '--strict', `${INVALID}/unknown-key.md`]);
    expect(plain.code).toBe(0);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe(plain.stdout);
  });

  it('errors exit 2 with or without --strict', async () => {
    expect((await cardcheck(['lint', '--strict', `${INVALID}/invalid-json.md`])).code).toBe(2);
  });
});

describe('issue 3, done when: cardcheck lint fixtures/seeds', () => {
  const SEED_000 = 'fixtures/seeds/000_e5b2871b98d23f98.txt';
  const SEED_001 = 'fixtures/seeds/001_6e7fb2f22a9061ea.txt';

  it("reports seed 000's undeclared {{resolved.uid}} at its line, nothing wrong in 001, and 002–004 as vendor doc pages", async () => {
    const result = await cardcheck(['lint', 'fixtures/seeds']);
    expect(result.code).toBe(2);
    const lines = result.stdout.split('\n');
    expect(lines).toContain(
      `${SEED_000}:74:24 error unresolved-placeholder {{resolved.uid}} names no declared UID field; this card declares: service_id`,
    );
    expect(lines).toContain('  74 |     "service_secret": "{{resolved.uid}}"');
    expect(lines.filter((l) => l.startsWith(`${SEED_001}:`) && / error /.test(l))).toEqual([]);
    for (const seed of ['002_4e9ed3b25cea86a9.txt', '003_7ec4ca1c63db005a.txt', '004_73fcb037ea86844c.txt']) {
      const reported = lines.filter((l) => l.startsWith(`fixtures/seeds/${seed}:`));
      expect(reported, seed).toHaveLength(1);
      expect(reported[0]).toMatch(
        /:1:1 error not-a-card this file is not an endpoint card: .*vendor documentation page/,
      );
    }
  });
});
