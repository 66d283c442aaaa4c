import { ENDPOINT_KINDS } from '../core/endpoint-kind.js';
import { STANDARD_RULES } from './rules.js';

const cell = (s: string) => s.replace(/\|/g, '\\|');

/**
 * The rule table of docs/standards.md, generated from the registry (src/standards/rule-table.test.ts checks the doc
 * holds exactly this between its `rules:start` and `rules:end` markers). Print it with
 * `node -e "import('./dist/standards/rule-table.js').then((m) => console.log(m.ruleTable()))"`.
 */
export function ruleTable(): string {
  const lines = [
    '| rule | packs | clause | strength | what a conforming server does | how to fix the server |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of STANDARD_RULES)
    lines.push(
      `| \`${r.id}\` | ${r.packs.join(', ')} | ${r.clause} | ${r.strength.toUpperCase()}${r.followUp ? ', follow-up' : ''} | ${cell(r.requirement)} | ${cell(r.fix)} |`,
    );
  const counts = ENDPOINT_KINDS.map((k) => `${k} ${STANDARD_RULES.filter((r) => r.packs.includes(k)).length}`);
  lines.push('', `${STANDARD_RULES.length} rules; per pack: ${counts.join(', ')}.`);
  return lines.join('\n');
}
