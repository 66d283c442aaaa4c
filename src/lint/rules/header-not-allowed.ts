import type { CardRequest } from '../../card/card-requests.js';
import { cardRequests } from '../../card/card-requests.js';
import type { Diagnostic, SourcePos } from '../../core/diagnostic.js';
import { SourceFile } from '../../core/source.js';
import { forbiddenHeader } from '../../util/forbidden-headers.js';
import type { CardRule, LintInput } from '../rule.js';

/** What to call a request in a message. */
function nameOf(r: CardRequest): string {
  if (r.field !== undefined) return `the ${r.step} step of "${r.field}"`;
  return r.step === 'cleanup' ? 'the request\'s "cleanup"' : 'the Request Template';
}

/** Point at the header's name when it is written on the request's line or below, else at the request. */
function headerPosition(input: LintInput, r: CardRequest, name: string): SourcePos {
  const source = new SourceFile(input.file, input.text);
  const wanted = name.toLowerCase();
  for (let line = r.spec.line; line <= r.spec.line + 40; line++) {
    const text = source.lineText(line);
    if (text === undefined) break;
    const at = text
      .toLowerCase()
      .search(new RegExp(`["']?${wanted.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}["']?\\s*:`));
    if (at >= 0) return { line, column: at + 1 };
  }
  return { line: r.spec.line, column: r.spec.column };
}

/**
 * A card may not set `Host` (another virtual host behind the same address) or
 * a hop-by-hop header (Connection, Transfer-Encoding, Keep-Alive, Upgrade, TE,
 * Trailer, Proxy-*): they change where the request goes or how it is framed.
 * The run refuses them too, whatever the values are filled in with.
 */
export const headerNotAllowed: CardRule = {
  id: 'header-not-allowed',
  check(input) {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const r of input.card ? cardRequests(input.card) : []) {
      for (const name of Object.keys(r.spec.headers ?? {})) {
        const why = forbiddenHeader(name);
        const key = `${r.spec.line}:${name}`;
        if (!why || seen.has(key)) continue;
        seen.add(key);
        out.push({
          ruleId: 'header-not-allowed',
          severity: 'error',
          file: input.file,
          ...headerPosition(input, r, name),
          message: `${nameOf(r)} sets the header "${name}", which a card cannot set: ${why}`,
          hint: 'Remove the header: the base URL in cardcheck.config.yaml decides the host, and the HTTP client frames the connection and the body.',
        });
      }
    }
    return out;
  },
};
