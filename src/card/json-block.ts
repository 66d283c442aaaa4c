import type { ParseError } from 'jsonc-parser';
import { getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Placeholder } from '../core/card.js';
import type { Diagnostic, SourcePos } from '../core/diagnostic.js';
import type { JsonValue } from '../core/json.js';
import { SourceFile } from '../core/source.js';
import { parseJsonFast } from './fast-json.js';
import { walkBrackets } from './json-brackets.js';
import type { JsonLocation, JsonSpans } from './json-spans.js';
import { findLocation, spansFromTree } from './json-spans.js';
import { scanPlaceholders } from './placeholders.js';

type Path = readonly (string | number)[];

/** A parsed JSON fence that can answer "where in the file is this value?" */
export interface ParsedJson {
  value: JsonValue;
  /** The value at `path` (object keys, array indexes; [] is the whole block), or undefined. */
  find(path: Path): JsonLocation | undefined;
  /** File position of the value at `path`, or of the whole block when there is none. */
  positionOf(path: Path): SourcePos;
  /** File position of the key of the member at `path` (where `"key": …` starts), or of the whole block. */
  keyPositionOf(path: Path): SourcePos;
  /** The placeholders written inside the value at `path` (all of the block's for []), minus those inside `except`. */
  placeholders(path?: Path, except?: readonly Path[]): Placeholder[];
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

/** Deeper JSON would overflow the stack of recursive readers (jsonc-parser's among them). */
export const MAX_JSON_DEPTH = 256;

/** Offset of the bracket that opens level `max + 1`, or -1. Strings are skipped. */
function tooDeep(text: string, max: number): number {
  return walkBrackets(text, 0, (_offset, depth, opens) => opens && depth > max);
}

/** A block read: its value, where the whole of it is, and where its members are. */
interface ReadJson {
  value: JsonValue;
  root: JsonLocation;
  spans: JsonSpans | undefined;
}

/** Why a block could not be read, at an offset of its content. */
interface Unreadable {
  offset: number;
  message: string;
  hint: string;
}

const INVALID_JSON_HINT = 'Fix the JSON at this position; JSON allows no trailing commas, comments or single quotes.';

/**
 * Parse the content of a ```json fence whose first content line is `contentLine`.
 * Returns a located `invalid-json` diagnostic instead of throwing.
 *
 * Valid JSON (nearly every block) is read in one pass that builds the value
 * and the syntax tree together (fast-json.ts); placeholders are only located
 * when asked for, which example bodies never are. Anything else goes through
 * jsonc-parser, which says where the JSON breaks.
 */
export function parseJsonBlock(
  content: string,
  contentLine: number,
  file: string,
  what: string,
): { json?: ParsedJson; diagnostic?: Diagnostic } {
  // Made when a position is first asked for: the fence's content, where it sits in the file.
  let source: SourceFile | undefined;
  const toFile = (offset: number) => {
    source ??= new SourceFile(file, content, { line: contentLine, column: 1 });
    return source.positionAt(offset);
  };
  const read = parseJsonFast(content, MAX_JSON_DEPTH) ?? readWithJsonc(content, what);
  if ('message' in read) {
    return {
      diagnostic: {
        ruleId: 'invalid-json',
        severity: 'error',
        file,
        ...toFile(read.offset),
        message: read.message,
        hint: read.hint,
      },
    };
  }
  return { json: parsedJson(read, content, toFile) };
}

/** JSON the fast reader gave up on: read by jsonc-parser, which says where it breaks. */
function readWithJsonc(content: string, what: string): ReadJson | Unreadable {
  const deep = tooDeep(content, MAX_JSON_DEPTH);
  if (deep >= 0) {
    return {
      offset: deep,
      message: `${what} nests deeper than ${MAX_JSON_DEPTH} levels, more than cardcheck reads`,
      hint: `Flatten the JSON to at most ${MAX_JSON_DEPTH} levels of objects and arrays.`,
    };
  }
  const errors: ParseError[] = [];
  const tree = parseTree(content, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (first || !tree) {
    let code: string = first ? printParseErrorCode(first.error) : 'ValueExpected';
    let offset = first?.offset ?? 0;
    const before = content.slice(0, offset).trimEnd();
    if ((code === 'PropertyNameExpected' || code === 'ValueExpected') && before.endsWith(',')) {
      code = 'TrailingComma';
      offset = before.length - 1;
    }
    return { offset, message: `${what} is not valid JSON: ${MESSAGES[code] ?? code}`, hint: INVALID_JSON_HINT };
  }
  return {
    value: getNodeValue(tree) as JsonValue,
    root: { offset: tree.offset, length: tree.length, keyOffset: -1 },
    spans: spansFromTree(tree),
  };
}

/** What a read block answers; positions are placed in the file by `toFile`. */
function parsedJson(read: ReadJson, content: string, toFile: (offset: number) => SourcePos): ParsedJson {
  const { root, spans } = read;
  // Placeholders are scanned once per block, located lazily; each list is a fresh copy the caller may keep.
  let found: { offset: number; expr: string; raw: string }[] | undefined;
  const find = (path: Path) => findLocation(root, spans, path);
  const inside = (offset: number, loc: JsonLocation | undefined) =>
    loc !== undefined && offset >= loc.offset && offset < loc.offset + loc.length;
  return {
    value: read.value,
    find,
    positionOf: (path) => toFile((find(path) ?? root).offset),
    keyPositionOf: (path) => {
      const loc = find(path);
      return toFile(loc && loc.keyOffset >= 0 ? loc.keyOffset : root.offset);
    },
    placeholders: (path = [], except = []) => {
      found ??= scanPlaceholders(content).map((m) => ({ offset: m.index, expr: m.expr, raw: m.raw }));
      if (found.length === 0) return [];
      const loc = find(path);
      const skip = except.map(find);
      const out: Placeholder[] = [];
      for (const p of found) {
        if (!inside(p.offset, loc) || skip.some((s) => inside(p.offset, s))) continue;
        const at = toFile(p.offset);
        out.push({ expr: p.expr, raw: p.raw, line: at.line, column: at.column });
      }
      return out;
    },
  };
}

/**
 * A JSON block whose value alone is needed (response examples): read by the
 * native JSON.parse, which gives the same value as parseJsonBlock; anything
 * JSON.parse refuses, or that nests too deep, goes to parseJsonBlock for its
 * located diagnostic.
 */
export function parseJsonValue(
  content: string,
  contentLine: number,
  file: string,
  what: string,
): { value?: JsonValue; diagnostic?: Diagnostic } {
  if (!content.includes('__proto__') && tooDeep(content, MAX_JSON_DEPTH) < 0) {
    try {
      return { value: JSON.parse(content) as JsonValue };
    } catch {
      // Not JSON: parseJsonBlock says where.
    }
  }
  const { json, diagnostic } = parseJsonBlock(content, contentLine, file, what);
  return json ? { value: json.value } : { diagnostic };
}
