import type { FrontMatter } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { SourceFile } from '../core/source.js';
import { unreadable } from './unreadable.js';

/** Top-level front-matter keys read as the expected status (the forms authors write). */
export const STATUS_KEYS = [
  'expectedStatus',
  'expected_status',
  'expectedStatusCode',
  'expected_status_code',
  'expectStatus',
  'expect_status',
];

/** Front-matter keys whose value is a map of expectations; `status` is the only one read inside. */
export const EXPECTATION_MAPS = ['expected', 'expect', 'expectation'];

/** Front-matter keys that keep the meaning the seed cards give them, whatever their name says. */
const NOT_EXPECTATIONS = new Set(['status', 'skipReason']);

/** A key whose name says it describes the response. */
const LOOKS_LIKE_EXPECTATION = /status|expect|response/i;

/** Keys this module reads or refuses: the unknown-key warning leaves them alone. */
export function isExpectationKey(key: string): boolean {
  return (
    STATUS_KEYS.includes(key) ||
    EXPECTATION_MAPS.includes(key) ||
    (!NOT_EXPECTATIONS.has(key) && LOOKS_LIKE_EXPECTATION.test(key))
  );
}

export interface FrontMatterStatus {
  codes: number[];
  line: number;
  column: number;
  /** The key as written, for messages. */
  key: string;
}

const HINT = `Write the expected status as \`expectedStatus: 201\` (also read: ${STATUS_KEYS.slice(1).join(', ')}, and \`expected: { status: 201 }\`), or in the "## Expected Response" block.`;

function statusCodes(value: unknown): number[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  const codes = list.map((v) => (typeof v === 'string' && /^\s*\d{3}\s*$/.test(v) ? Number(v) : v));
  return codes.length > 0 && codes.every((c) => Number.isInteger(c) && (c as number) >= 100 && (c as number) <= 599)
    ? (codes as number[])
    : undefined;
}

function refuse(file: string, line: number, message: string, hint = HINT): Diagnostic {
  return unreadable(file, { line }, message, hint);
}

/** The line of `inner:` in the block map under the top-level key on `line`, else that line. */
function innerLine(source: SourceFile | undefined, line: number, inner: string): number {
  if (!source) return line;
  for (let n = line + 1; ; n++) {
    const text = source.lineText(n);
    if (text === undefined || !/^\s/.test(text)) return line;
    const key = text.trimStart();
    if ([inner, `"${inner}"`, `'${inner}'`].some((k) => key.startsWith(k) && /^\s*:/.test(key.slice(k.length))))
      return n;
  }
}

/** `expected: { status: 201 }`: the status, and a refusal for any other key (nobody would check it). */
function readMap(key: string, value: unknown, line: number, source: SourceFile, diagnostics: Diagnostic[]) {
  const file = source.path;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    diagnostics.push(
      refuse(file, line, `front-matter "${key}" says what the response must be, but not in a form cardcheck reads`),
    );
    return undefined;
  }
  const record = value as Record<string, unknown>;
  for (const inner of Object.keys(record))
    if (inner !== 'status')
      diagnostics.push(
        refuse(
          file,
          innerLine(source, line, inner),
          `front-matter "${key}.${inner}" says what the response must be, but cardcheck reads only "${key}.status" there, so nothing would check it`,
          'Move it to the "## Expected Response" block (schema, assert), or remove it.',
        ),
      );
  return record.status === undefined ? undefined : record.status;
}

/**
 * The expected status the front-matter gives, under the names authors use,
 * and a located refusal for every other key that says what the response must
 * be: a card passes only when what it says was checked.
 */
export function readFrontMatterStatus(
  fm: FrontMatter,
  source: SourceFile,
): { status?: FrontMatterStatus; diagnostics: Diagnostic[] } {
  const file = source.path;
  const diagnostics: Diagnostic[] = [];
  let status: FrontMatterStatus | undefined;
  for (const [key, value] of Object.entries(fm.data)) {
    const line = fm.keyLines[key] ?? 1;
    const isMap = EXPECTATION_MAPS.includes(key);
    if (!STATUS_KEYS.includes(key) && !isMap) {
      if (!NOT_EXPECTATIONS.has(key) && LOOKS_LIKE_EXPECTATION.test(key))
        diagnostics.push(
          refuse(
            file,
            line,
            `front-matter key "${key}" looks like it says what the response must be, but cardcheck does not read it, so nothing would check it`,
            'Write it in the "## Expected Response" block (status, schema, assert, maxDurationMs), or rename the key if it says nothing about the response.',
          ),
        );
      continue;
    }
    const raw = isMap ? readMap(key, value, line, source, diagnostics) : value;
    if (raw === undefined) continue;
    const codes = statusCodes(raw);
    if (!codes) {
      diagnostics.push(
        refuse(
          file,
          line,
          `front-matter "${key}${isMap ? '.status' : ''}" must be an HTTP status code or a list of them`,
        ),
      );
      continue;
    }
    if (status && status.codes.join() !== codes.join()) {
      diagnostics.push(
        refuse(
          file,
          line,
          `front-matter "${key}" says ${codes.join(' or ')}, but "${status.key}" on line ${status.line} says ${status.codes.join(' or ')}`,
          'Keep one expected status.',
        ),
      );
      continue;
    }
    status ??= { codes, line, column: 1, key };
  }
  return { status, diagnostics };
}
