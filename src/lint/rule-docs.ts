/**
 * Every rule id cardcheck can report, with what it means and how to fix it.
 * specs/README.md carries this table for spec authors; a test checks that the
 * two agree, that every rule id in the source is here, and that every rule
 * `cardcheck lint` can report has a golden fixture in fixtures/cards/invalid/.
 */
import { CARD_FILE_RULES } from './docs/card-file-rules.js';
import { CONFIG_RULES } from './docs/config-rules.js';
import { PLACEHOLDER_RULES } from './docs/placeholder-rules.js';
import { REQUEST_RULES } from './docs/request-rules.js';
import type { RuleDoc } from './docs/rule-doc.js';

export type { RuleDoc };

/** In the order of specs/README.md's table: the card file, what it sends, placeholders, the config. */
export const RULE_DOCS: RuleDoc[] = [...CARD_FILE_RULES, ...REQUEST_RULES, ...PLACEHOLDER_RULES, ...CONFIG_RULES];

/** Rule ids `cardcheck lint` reports on cards that have a golden fixture. */
export function lintRuleIds(): string[] {
  return RULE_DOCS.filter((r) => !r.when && !r.noFixture).map((r) => r.id);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/**
 * The rule table of specs/README.md, generated from RULE_DOCS (a test checks
 * the README holds exactly this). Print it with:
 * `node -e "import('./dist/lint/rule-docs.js').then((m) => console.log(m.ruleTable()))"`
 */
export function ruleTable(): string {
  const where = (r: RuleDoc) => (r.when === 'run' ? ' (run)' : r.when === 'config' ? ' (config)' : '');
  return [
    '| rule | severity | what it reports | how to fix it |',
    '|---|---|---|---|',
    ...RULE_DOCS.map((r) => `| \`${r.id}\` | ${r.severity}${where(r)} | ${cell(r.what)} | ${cell(r.fix)} |`),
  ].join('\n');
}
