import type { Diagnostic } from '../../core/diagnostic.js';

/** What the rule reference says about a rule (lint's RuleDoc; the CLI passes them in). */
export interface SarifRuleDoc {
  id: string;
  severity: 'error' | 'warning';
  what: string;
  fix: string;
}

/**
 * `cardcheck lint --format sarif`: the findings as a SARIF 2.1.0 log, the
 * format GitHub code scanning, GitLab and IDEs read. One run; a rule per rule
 * id found (its description and fix from the rule reference); a result per
 * diagnostic at its file, line and column, relative to the project root.
 */
export function lintSarif(
  diagnostics: readonly Diagnostic[],
  tool: { version: string; rules: readonly SarifRuleDoc[] },
): object {
  const ids = [...new Set(diagnostics.map((d) => d.ruleId))].sort();
  const docs = new Map(tool.rules.map((r) => [r.id, r]));
  const rules = ids.map((id) => {
    const doc = docs.get(id);
    return {
      id,
      ...(doc
        ? {
            shortDescription: { text: doc.what },
            help: { text: doc.fix },
            defaultConfiguration: { level: doc.severity },
          }
        : {}),
    };
  });
  const results = diagnostics.map((d) => ({
    ruleId: d.ruleId,
    ruleIndex: ids.indexOf(d.ruleId),
    level: d.severity,
    message: { text: d.hint ? `${d.message}. ${d.hint}` : d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(d.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: Math.max(1, d.line), startColumn: Math.max(1, d.column) },
        },
      },
    ],
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'cardcheck', version: tool.version, rules } },
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
}
