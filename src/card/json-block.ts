import { getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import type { Placeholder } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { JsonValue } from '../core/json.js';
import { scanPlaceholders } from './placeholders.js';
import { positionAt } from './source-text.js';

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

/**
 * Parse the content of a ```json fence whose first content line is `contentLine`.
 * Returns a located `invalid-json` diagnostic instead of throwing.
 */
export function parseJsonBlock(
  content: string,
  contentLine: number,
  file: string,
  what: string,
): { json?: ParsedJson; diagnostic?: Diagnostic } {
  const errors: ParseError[] = [];
  const root = parseTree(content, errors, { allowTrailingComma: false, disallowComments: true });
  const toFile = (offset: number) => {
    const p = positionAt(content, offset);
    return { line: contentLine + p.line - 1, column: p.column };
  };
  const first = errors[0];
  if (first || !root) {
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
  const all: OffsetPlaceholder[] = [];
  for (const m of scanPlaceholders(content)) all.push({ expr: m.expr, raw: m.raw, offset: m.index, ...toFile(m.index) });
  const strip = ({ offset: _o, ...p }: OffsetPlaceholder): Placeholder => p;
  return {
    json: {
      value: getNodeValue(root) as JsonValue,
      root,
      placeholders: (node) =>
        (node ? all.filter((p) => p.offset >= node.offset && p.offset < node.offset + node.length) : all).map(strip),
      positionOf: (node) => toFile(node.offset),
    },
  };
}
