import type { Assertion, Placeholder } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { PhraseReading } from './bullet-phrases.js';
import { assertionOf, escapeRegExp, fieldPath, readValue, TYPES } from './bullet-phrases.js';
import type { Fence } from './markdown.js';
import { unreadable } from './unreadable.js';

/**
 * A rule list: an untagged code block whose first line is `field<TAB>rule`,
 * then one `field<TAB>rule` line per field (author C's Expected Result):
 *
 *     id              UUID
 *     access_token    non-empty string | JWT (three base64url parts…)
 *     created_at      ISO 8601 date-time
 *     client_secret   string starting with "cs_sandbox_" | starts with cs_
 *     token_type      "Bearer" | 3600 | true | null        (equals, as JSON)
 *     expires_in      number | an integer | > 0 | is one of 3600, 7200 | absent | present
 *
 * A trailing `(comment)` is ignored; a rule none of these is refused at its line and column.
 */

const HEADER = /^field\t+rule\s*$/i;

const HINT =
  'Write one `field<TAB>rule` line per field; a rule is UUID, JWT, ISO 8601 date-time, ISO 8601 date, non-empty string, `string starting with "x"`, a type (string, number…), a quoted or JSON value, absent, present, or a bullet comparison (`> 0`, `is one of a, b`, `matches /re/`).';

const FORMATS: [RegExp, string][] = [
  [/^uuid(?:\s*v?4)?$/i, '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'],
  [/^jwt$/i, '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$'],
  [
    /^(?:iso[ -]?8601 )?date-?time$|^iso[ -]?8601$/i,
    '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})$',
  ],
  [/^(?:iso[ -]?8601 )?date$/i, '^\\d{4}-\\d{2}-\\d{2}$'],
  [/^non-?empty string$/i, '^[\\s\\S]'],
];

/** Whether a fence is a rule list: untagged, its first line `field<TAB>rule`. */
export function isRuleList(b: Fence): boolean {
  return b.lang === '' && HEADER.test(b.content.split('\n', 1)[0] ?? '');
}

/** What one rule asserts of `target`; `column` is where the rule starts. */
export function readRule(
  target: Assertion['target'],
  written: string,
  line: number,
  column: number,
): PhraseReading | undefined {
  const rule = written.replace(/\s+\([^)]*\)\s*$/, '').trim();
  const none = { placeholders: [] };
  const format = FORMATS.find(([re]) => re.test(rule));
  if (format) return { assertion: { target, op: 'matches', value: format[1] }, ...none };
  const type = /^(?:an?\s+)?(\w+)$/i.exec(rule)?.[1]?.toLowerCase();
  if (type && TYPES.includes(type)) return { assertion: { target, op: 'type', value: type }, ...none };
  if (/^(absent|present)$/i.test(rule))
    return { assertion: { target, op: 'exists', value: /^present$/i.test(rule) }, ...none };
  const prefix = /^(?:(?:a\s+)?string\s+)?start(?:s|ing)\s+with\s+(.+)$/i.exec(rule);
  if (prefix) {
    const raw = prefix[1] ?? '';
    const { value } = readValue(raw, line, column + rule.length - raw.length);
    return { assertion: { target, op: 'matches', value: `^${escapeRegExp(String(value))}` }, ...none };
  }
  if (/^["'`]|^[\d[{-]|^(true|false|null)$/.test(rule)) {
    const { value, placeholders } = readValue(rule, line, column);
    if (!/^[\d[{-]/.test(rule) || typeof value !== 'string')
      return { assertion: { target, op: 'equals', value }, placeholders };
  }
  return assertionOf(target, rule, { line, column });
}

/** The checks of a rule list, each at its line; a line cardcheck does not read is refused at its rule (or its start). */
export function readRuleList(
  fence: Fence,
  file: string,
  diagnostics: Diagnostic[],
): { assertions: Assertion[]; placeholders: Placeholder[] } {
  const out: { assertions: Assertion[]; placeholders: Placeholder[] } = { assertions: [], placeholders: [] };
  const lines = fence.content.split('\n');
  for (const [i, text] of lines.entries()) {
    const line = fence.contentLine + i;
    if (i === 0 || !/\S/.test(text)) continue;
    const m = /^(\s*)(\S+)(\t+|\s{2,})(\S.*?)\s*$/.exec(text);
    const field = m ? fieldPath(m[2] ?? '') : undefined;
    const column = m ? (m[1] ?? '').length + (m[2] ?? '').length + (m[3] ?? '').length + 1 : 1;
    const reading = m && field ? readRule({ kind: 'body', path: field.path }, m[4] ?? '', line, column) : undefined;
    if (!reading) {
      const message = !m
        ? 'this line of the rule list is not `field<TAB>rule`, so nothing would check it'
        : !field
          ? `cardcheck does not read the field "${m[2]}" as a path, so nothing would check this rule`
          : `cardcheck does not read the rule "${m[4]}", so nothing would check ${m[2]}`;
      diagnostics.push(
        unreadable(file, { line, column: m && field ? column : (m?.[1]?.length ?? 0) + 1 }, message, HINT),
      );
      continue;
    }
    const each = field?.each ? { each: field.each } : {};
    out.assertions.push({ ...reading.assertion, ...each, line, column });
    out.placeholders.push(...reading.placeholders);
  }
  return out;
}
