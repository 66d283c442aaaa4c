import type { CardRequest } from '../../card/card-requests.js';
import { cardRequests } from '../../card/card-requests.js';
import { replacePlaceholders } from '../../card/placeholders.js';
import type { RequestSpec } from '../../core/card.js';
import type { Diagnostic, SourcePos } from '../../core/diagnostic.js';
import { SourceFile } from '../../core/source.js';
import { pathEscape, shownPath } from '../../util/origin-relative-path.js';
import type { CardRule, LintInput } from '../rule.js';

/** What to call a request in a message. */
function nameOf(r: CardRequest): string {
  if (r.field !== undefined) return `the ${r.step} step of "${r.field}"`;
  return r.step === 'cleanup' ? 'the request\'s "cleanup"' : 'the Request Template';
}

/**
 * One `/` and then only letters, digits, `-`, `_`, `~`, single slashes and
 * `{{placeholders}}`: no dot segment, percent-encoding, backslash, scheme or
 * host, so pathEscape would find nothing.
 */
const PLAIN_PATH = /^(?:\/(?:[\w~-]|\{\{[^{}]*\}\})+)+\/?$/;

/** Point at the path itself when it is written on the request's line or below, else at the request. */
function pathPosition(input: LintInput, spec: RequestSpec): SourcePos {
  const written = JSON.stringify(spec.path).slice(1, -1);
  const source = new SourceFile(input.file, input.text);
  for (let line = spec.line; line <= spec.line + 20; line++) {
    const text = source.lineText(line);
    if (text === undefined) break;
    const at = text.indexOf(written, line === spec.line ? spec.column - 1 : 0);
    if (at >= 0) return { line, column: at + 1 };
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
    for (const r of input.card ? cardRequests(input.card) : []) {
      const spec = r.spec;
      // Plain paths, nearly all of them, cannot leave the target: not worth a closer look.
      if (PLAIN_PATH.test(spec.path)) continue;
      const key = `${spec.line}:${spec.column}:${spec.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const leak = pathEscape(replacePlaceholders(spec.path, () => 'value'));
      if (!leak) continue;
      out.push({
        ruleId: 'path-escapes-target',
        severity: 'error',
        file: input.file,
        ...pathPosition(input, spec),
        message: `the path "${shownPath(spec.path)}" of ${nameOf(r)} could leave the target: ${leak}`,
        hint: 'Write the path relative to the API\'s base URL: one leading /, no host and no "..". Hosts belong in cardcheck.config.yaml (targets.<name>.apis).',
      });
    }
    return out;
  },
};
