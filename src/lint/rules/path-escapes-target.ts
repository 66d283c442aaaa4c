import { replacePlaceholders } from '../../card/placeholders.js';
import type { RequestSpec } from '../../core/card.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import { pathEscape } from '../../util/origin-relative-path.js';
import type { CardRule, LintInput } from '../rule.js';

/** Every request a card writes, with what to call it in a message. */
function requestsOf(input: LintInput): { what: string; spec: RequestSpec }[] {
  const card = input.card;
  if (!card) return [];
  const out: { what: string; spec: RequestSpec | undefined }[] = [
    { what: 'the Request Template', spec: card.request },
    { what: 'the request\'s "cleanup"', spec: card.request?.cleanup },
  ];
  for (const f of card.uidFields) {
    const src = f.source;
    if (src.kind === 'create') out.push({ what: `the create step of "${f.name}"`, spec: src.create });
    if (src.kind === 'create' || src.kind === 'lookup') out.push({ what: `the lookup step of "${f.name}"`, spec: src.lookup });
    out.push({ what: `the cleanup step of "${f.name}"`, spec: f.cleanup });
  }
  return out.filter((r): r is { what: string; spec: RequestSpec } => r.spec !== undefined);
}

/** Point at the path itself when it is written on the request's line or below, else at the request. */
function locate(input: LintInput, spec: RequestSpec): { line: number; column: number } {
  const written = JSON.stringify(spec.path).slice(1, -1);
  for (let i = spec.line - 1; i < Math.min(input.lines.length, spec.line + 20); i++) {
    const at = input.lines[i]?.indexOf(written, i === spec.line - 1 ? spec.column - 1 : 0) ?? -1;
    if (at >= 0) return { line: i + 1, column: at + 1 };
  }
  return { line: spec.line, column: spec.column };
}

/**
 * Request paths are joined to the target's base URL, so they must be
 * origin-relative: one leading `/`, no scheme or `//host`, no `..` climbing
 * above the base path. Placeholders count as one opaque segment here; their
 * values are checked again when the request is rendered.
 */
export const pathEscapesTarget: CardRule = {
  id: 'path-escapes-target',
  check(input) {
    const seen = new Set<string>();
    const out: Diagnostic[] = [];
    for (const { what, spec } of requestsOf(input)) {
      const key = `${spec.line}:${spec.column}:${spec.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const escape = pathEscape(replacePlaceholders(spec.path, () => 'value'));
      if (!escape) continue;
      out.push({
        ruleId: 'path-escapes-target', severity: 'error', file: input.file, ...locate(input, spec),
        message: `the path "${spec.path}" of ${what} could leave the target: ${escape}`,
        hint: 'Write the path relative to the API\'s base URL: one leading /, no host and no "..". Hosts belong in cardcheck.config.yaml (targets.<name>.apis).',
      });
    }
    return out;
  },
};
