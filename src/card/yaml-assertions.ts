import { isScalar, isSeq } from 'yaml';
import type { Assertion, Placeholder } from '../core/card.js';
import type { Diagnostic, SourcePos } from '../core/diagnostic.js';
import type { JsonValue } from '../core/json.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { BulletExpectations } from './assertion-sections.js';
import { BULLET_HEADING, EXPECTATION_HEADING } from './expectation-sections.js';
import type { Block, Fence } from './markdown.js';
import { unreadable } from './unreadable.js';
import type { YamlBlock } from './yaml-block.js';
import { deref, dotPath, entries, isYamlLang, parseYamlBlock, posOf, toJson } from './yaml-block.js';

/**
 * An assertion list in a ```yaml block under an expectation heading (author D's "## Assertions"):
 *
 *     - status: 200                      # or [200, 201]
 *     - jsonpath: $.status               # a JSONPath a dot path can say
 *       equals: active                   # not_equals, matches, exists: true|false, type, one_of, contains, greater_than, less_than
 *     - header: Content-Type
 *       equals: application/json
 *
 * Each matcher is an assertion located at its item. Anything cardcheck cannot check (an unknown matcher, a
 * `schema:`, a `judge:`) is refused at its line (`unreadable-expectation`), never ignored.
 */
export type YamlAssertions = Omit<BulletExpectations, 'read'> & { diagnostics: Diagnostic[] };

const MATCHERS: Readonly<Record<string, Assertion['op']>> = {
  ...{ equals: 'equals', not_equals: 'notEquals', notEquals: 'notEquals', matches: 'matches', exists: 'exists' },
  ...{ type: 'type', one_of: 'oneOf', oneOf: 'oneOf', contains: 'contains' },
  ...{ greater_than: 'greaterThan', greaterThan: 'greaterThan', less_than: 'lessThan', lessThan: 'lessThan' },
};
const TARGETS = ['status', 'jsonpath', 'path', 'header'];
const TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'];
const HINT =
  'Write each item as - status: 200, - jsonpath: $.x or - header: Name, with one of equals, not_equals, matches, exists: true|false, type: string|number|integer|boolean|array|object|null, one_of: [a, b], contains, greater_than, less_than (specs/README.md).';

type Ctx = { block: YamlBlock; out: YamlAssertions };
type Entry = ReturnType<typeof entries>[number];

/** Refuse what `at` says, at its place; `undefined`, for the reader to return. */
function refuse(c: Ctx, at: unknown, message: string, hint = HINT): undefined {
  c.out.diagnostics.push(unreadable(c.block.file, posOf(c.block, at), message, hint));
}

/** `status: 200` or `status: [200, 201]`; a second status that differs is refused. */
function readStatus(c: Ctx, node: unknown, at: SourcePos): undefined {
  const n = deref(c.block, node);
  const items = isSeq(n) ? n.items.map((i) => deref(c.block, i)) : [n];
  const codes = items.map((i) => (isScalar(i) ? Number(i.value) : Number.NaN));
  if (codes.length === 0 || !codes.every((s) => Number.isInteger(s) && s >= 100 && s <= 599))
    return refuse(c, n, '"status" must be an HTTP status code or a list of them', 'Write - status: 200 or [200, 201].');
  const said = c.out.status;
  if (!said) c.out.status = { codes, ...at };
  else if (said.codes.join() !== codes.join())
    refuse(c, n, `this item expects ${codes.join(' or ')}, but line ${said.line} expects ${said.codes.join(' or ')}`);
}

/** The value a matcher compares with, checked for its operator; undefined (and refused) when it cannot be. */
function matcherValue(c: Ctx, op: Assertion['op'], node: unknown, header: boolean): JsonValue | undefined {
  const placeholders: Placeholder[] = [];
  const value = op === 'matches' ? toJson(c.block, node, []) : toJson(c.block, node, placeholders);
  const bad = (message: string) => refuse(c, node, message);
  if (op === 'exists' && typeof value !== 'boolean') return bad('"exists" must be true or false');
  if (op === 'type' && !TYPES.includes(String(value))) return bad(`"${String(value)}" is not a JSON type`);
  if (op === 'oneOf' && !Array.isArray(value)) return bad('"one_of" must be a list of values');
  if ((op === 'greaterThan' || op === 'lessThan') && typeof value !== 'number') return bad(`"${op}" needs a number`);
  if (op === 'matches') {
    try {
      new RegExp(String(value));
    } catch {
      return bad(`"${String(value)}" is not a valid regular expression`);
    }
  }
  c.out.placeholders.push(...placeholders);
  // A header's value is text: `equals: 60` means "60".
  const text = (v: JsonValue) => (header && (typeof v === 'number' || typeof v === 'boolean') ? String(v) : v);
  if (op === 'exists' || op === 'type') return value;
  return Array.isArray(value) && op === 'oneOf' ? value.map(text) : text(value);
}

/** What an item checks: a body path (JSONPath) or a header; undefined (and refused) when it names neither. */
function readTarget(c: Ctx, node: unknown, list: Entry[]): Assertion['target'] | undefined {
  const targets = list.filter((e) => e.key !== 'status' && TARGETS.includes(e.key));
  const [t, second] = targets;
  if (!t) return refuse(c, node, 'this item names no jsonpath or header to check');
  if (second) return refuse(c, second.pair.key, `this item names both "${t.key}" and "${second.key}"`);
  const name = isScalar(t.value) ? String(t.value.value) : '';
  if (t.key === 'header')
    return /^[\w!#$%&'*+.^`|~-]+$/.test(name)
      ? { kind: 'header', name: name.toLowerCase() }
      : refuse(c, t.value ?? t.pair.key, `"${name}" is not a header name`);
  const path = dotPath(name);
  if (path === undefined) return refuse(c, t.value ?? t.pair.key, `cardcheck cannot read the JSONPath "${name}"`);
  return { kind: 'body', path };
}

/** One item of the list: a status, or a target with its matchers, each an assertion at the item. */
function readItem(c: Ctx, node: unknown): undefined {
  const list = entries(c.block, node);
  const at = posOf(c.block, node);
  if (list.length === 0)
    return refuse(c, node, 'cardcheck cannot check this item: it is not a map such as - status: 200');
  const unknown = list.filter((e) => !TARGETS.includes(e.key) && !(e.key in MATCHERS));
  for (const e of unknown) {
    const near = didYouMean(e.key, [...TARGETS, ...Object.keys(MATCHERS)]);
    const message = `cardcheck does not read "${e.key}" in an assertion list, so nothing would check it`;
    refuse(c, e.pair.key, message, near ? `Did you mean "${near}"? ${HINT}` : HINT);
  }
  const status = list.find((e) => e.key === 'status');
  if (status) {
    readStatus(c, status.value, at);
    for (const e of list.filter((x) => x !== status && !unknown.includes(x)))
      refuse(c, e.pair.key, `"${e.key}" beside "status" in one item: write each check as its own item`);
    return;
  }
  const target = unknown.length > 0 ? undefined : readTarget(c, node, list);
  if (!target) return;
  const matchers = list.filter((e) => e.key in MATCHERS);
  if (matchers.length === 0) {
    const what = target.kind === 'header' ? `header ${target.name}` : `"${target.path}"`;
    return refuse(c, node, `this item names ${what} but no matcher, so nothing would check it`);
  }
  for (const m of matchers) {
    const op = MATCHERS[m.key] as Assertion['op'];
    const value = matcherValue(c, op, m.value, target.kind === 'header');
    if (value !== undefined) c.out.assertions.push({ target, op, value, ...at });
  }
}

/** The assertion list of a YAML block whose content starts at file line `contentLine`. Never throws. */
export function parseYamlAssertions(content: string, contentLine: number, file: string): YamlAssertions {
  const out: YamlAssertions = { assertions: [], placeholders: [], diagnostics: [] };
  const { block, diagnostic } = parseYamlBlock(content, contentLine, file, 'the assertion list');
  if (!block) {
    if (diagnostic) out.diagnostics.push(diagnostic);
    return out;
  }
  const c: Ctx = { block, out };
  const root = deref(block, block.doc.contents);
  const items = isSeq(root) ? root.items : root == null ? [] : [root];
  if (items.length === 0)
    out.diagnostics.push(unreadable(file, { line: contentLine }, 'this yaml block holds no checks', HINT));
  for (const item of items) readItem(c, deref(block, item));
  out.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return out;
}

/**
 * The ```yaml assertion lists under expectation headings (level 2 or 3: "Assertions", "Expected Response"…), as
 * one set of checks; `read` holds their fence lines for the census of unread expectations.
 */
export function readYamlExpectations(blocks: Block[], file: string, diagnostics: Diagnostic[]): BulletExpectations {
  const out: BulletExpectations = { assertions: [], placeholders: [], read: [] };
  let inside = false;
  for (const b of blocks) {
    if (b.kind === 'heading' && b.level <= 3)
      inside = b.level >= 2 && (EXPECTATION_HEADING.test(b.text) || BULLET_HEADING.test(b.text));
    if (!inside || b.kind !== 'fence' || !isYamlLang(b.lang)) continue;
    const read = parseYamlAssertions((b as Fence).content, b.contentLine, file);
    out.read.push(b.line);
    out.assertions.push(...read.assertions);
    out.placeholders.push(...read.placeholders);
    diagnostics.push(...read.diagnostics);
    if (!read.status) continue;
    if (out.status && out.status.codes.join() !== read.status.codes.join()) {
      const message = `this item expects ${read.status.codes.join(' or ')}, but line ${out.status.line} expects ${out.status.codes.join(' or ')}`;
      diagnostics.push(unreadable(file, read.status, message, HINT));
    } else out.status ??= read.status;
  }
  return out;
}
