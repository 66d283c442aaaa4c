import { getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import type { Placeholder } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { JsonValue } from '../core/json.js';
import { scanPlaceholders } from './placeholders.js';

interface OffsetPlaceholder extends Placeholder {
  offset: number;
}

/** A parsed JSON fence that can answer "where in the file is this node?" */
export interface ParsedJson {
  value: JsonValue;
  root: Node;
  placeholders(node?: Node): Placeholder[];
  positionOf(node: Node): { line: number; column: number };
}

const MESSAGES: Record<string, string> = {
  TrailingComma: 'trailing comma before a closing bracket',
  CommaExpected: 'a comma is missing',
  ColonExpected: 'a colon is missing',
  PropertyNameExpected: 'a property name is expected (is there a trailing comma?)',
  ValueExpected: 'a value is expected (is there a trailing comma?)',
  CloseBraceExpected: 'a closing } is missing',
  CloseBracketExpected: 'a closing ] is missing',
  EndOfFileExpected: 'unexpected text after the JSON value',
  InvalidSymbol: 'invalid character',
  UnexpectedEndOfString: 'a string is not closed',
  InvalidCommentToken: 'comments are not allowed in JSON',
};

/** Offsets where each line of `text` starts, for offset → line/column lookups. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Same answer as positionAt(text, offset), by binary search over line starts. */
function positionIn(starts: number[], textLength: number, offset: number): { line: number; column: number } {
  const limit = Math.min(offset, textLength);
  let lo = 0;
  let hi = starts.length - 1;
  // The last line start at or before `limit` (a newline at `limit` itself does not count).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= limit) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/**
 * Text JSON.parse accepts and whose value it builds exactly as jsonc-parser's
 * getNodeValue would. (`__proto__` keys differ: getNodeValue assigns them.)
 */
function parseStrict(content: string): { value: JsonValue } | undefined {
  if (content.includes('__proto__')) return undefined;
  try {
    return { value: JSON.parse(content) as JsonValue };
  } catch {
    return undefined;
  }
}

/**
 * Parse the content of a ```json fence whose first content line is `contentLine`.
 * Returns a located `invalid-json` diagnostic instead of throwing.
 *
 * Valid JSON (nearly every block) is read with the native JSON.parse; the
 * syntax tree that locates nodes is only built when someone asks where a node
 * is, and placeholders are only located when asked for. Example bodies need
 * neither. Invalid JSON goes through jsonc-parser, which says where it breaks.
 */
export function parseJsonBlock(
  content: string,
  contentLine: number,
  file: string,
  what: string,
): { json?: ParsedJson; diagnostic?: Diagnostic } {
  let starts: number[] | undefined;
  const toFile = (offset: number) => {
    starts ??= lineStarts(content);
    const p = positionIn(starts, content.length, offset);
    return { line: contentLine + p.line - 1, column: p.column };
  };
  const strict = parseStrict(content);
  let tree: Node | undefined;
  if (!strict) {
    const errors: ParseError[] = [];
    tree = parseTree(content, errors, { allowTrailingComma: false, disallowComments: true });
    const first = errors[0];
    if (first || !tree) {
      let code: string = first ? printParseErrorCode(first.error) : 'ValueExpected';
      let offset = first?.offset ?? 0;
      const before = content.slice(0, offset).trimEnd();
      if ((code === 'PropertyNameExpected' || code === 'ValueExpected') && before.endsWith(',')) {
        code = 'TrailingComma';
        offset = before.length - 1;
      }
      const pos = toFile(offset);
      return {
        diagnostic: {
          ruleId: 'invalid-json',
          severity: 'error',
          file,
          ...pos,
          message: `${what} is not valid JSON: ${MESSAGES[code] ?? code}`,
          hint: 'Fix the JSON at this position; JSON allows no trailing commas, comments or single quotes.',
        },
      };
    }
  }
  const rootNode = (): Node => {
    // Text JSON.parse accepts, jsonc-parser parses without errors.
    tree ??= parseTree(content, [], { allowTrailingComma: false, disallowComments: true }) as Node;
    return tree;
  };
  let all: OffsetPlaceholder[] | undefined;
  const located = (): OffsetPlaceholder[] => {
    all ??= scanPlaceholders(content).map((m) => ({ expr: m.expr, raw: m.raw, offset: m.index, ...toFile(m.index) }));
    return all;
  };
  const strip = ({ offset: _o, ...p }: OffsetPlaceholder): Placeholder => p;
  return {
    json: {
      value: strict ? strict.value : (getNodeValue(rootNode()) as JsonValue),
      get root() {
        return rootNode();
      },
      placeholders: (node) =>
        (node ? located().filter((p) => p.offset >= node.offset && p.offset < node.offset + node.length) : located()).map(strip),
      positionOf: (node) => toFile(node.offset),
    },
  };
}
