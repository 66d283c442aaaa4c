import type { Card, ParseCardResult, ResponseExample, UidField } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { DecodedSource } from '../core/source.js';
import { decodeSource, SourceFile } from '../core/source.js';
import type { BulletExpectations } from './assertion-sections.js';
import { readBulletExpectations } from './assertion-sections.js';
import { parseExpectation } from './expectation.js';
import { EXPECTATION_HEADING, unreadExpectations } from './expectation-sections.js';
import { parseFrontMatter } from './front-matter.js';
import { readFrontMatterStatus } from './front-matter-expectation.js';
import type { ParsedJson } from './json-block.js';
import { parseJsonBlock, parseJsonValue } from './json-block.js';
import type { Block, Fence } from './markdown.js';
import { isJsonFence, scanBlocks } from './markdown.js';
import { missingTemplate, readRequestSection } from './request-section.js';
import type { ResponseSection } from './response-sections.js';
import { readResponseSections } from './response-sections.js';
import { allSectionBlocks, sectionBlocks } from './sections.js';
import { mergeUidFields, parseUidJson } from './uid-json.js';
import { isUidTable, parseUidTable } from './uid-table.js';

const isStatusMark = (b: Block | undefined) =>
  (b?.kind === 'text' && STATUS_MARK.test(b.text)) ||
  (b?.kind === 'heading' && b.level >= 3 && /^\d{3}\b/.test(b.text));
/**
 * Bytes or text of one card → the card and/or located diagnostics.
 * Never throws on user input.
 */
export function parseCard(input: string | Uint8Array, file: string): ParseCardResult {
  const { text, invalidUtf8 } = decodeSource(input);
  const diagnostics: Diagnostic[] = [];
  if (invalidUtf8) diagnostics.push(invalidUtf8Diagnostic(invalidUtf8, file));
  const source = new SourceFile(file, text);
  const fm = parseFrontMatter(source);
  diagnostics.push(...fm.diagnostics);
  // The body is the end of the text (it starts mid-line when the closing --- had text after it).
  const blocks = scanBlocks(text, text.length - fm.body.length, fm.bodyLine);
  const titleBlock = blocks.find((b) => b.kind === 'heading' && b.level === 1);
  const title = titleBlock?.kind === 'heading' ? { text: titleBlock.text, line: titleBlock.line } : undefined;
  const uidFields = parseUidSection(blocks, file, diagnostics);
  const card: Card = {
    file,
    id: fm.frontMatter.id ?? cardIdFromFile(file),
    examples: parseExamples(blocks, file, diagnostics),
    title,
    frontMatter: fm.frontMatter,
    uidFields,
  };

  const {
    section: template,
    fence: templateFence,
    request,
  } = readRequestSection(blocks, file, diagnostics, Boolean(card.frontMatter.endpoint));
  // Set only when the block was read: a key set to undefined would give the card another shape.
  if (request) card.request = request;

  const expected = sectionBlocks(blocks, EXPECTATION_HEADING);
  // The expectation block is the first JSON block not introduced by a status line (those are examples).
  const expectFence = expected?.blocks.find((b, i, all): b is Fence => isJsonFence(b) && !isStatusMark(all[i - 1]));
  const expect = expectFence
    ? readBlock(expectFence, file, 'the Expected Response block', diagnostics, parseExpectation)
    : undefined;
  if (expect) card.expect = expect.expect;
  withFrontMatterStatus(card, source, diagnostics);
  const responses = readResponseSections(blocks, file, diagnostics);
  withResponseSections(card, responses, diagnostics);
  const bullets = readBulletExpectations(blocks, file, diagnostics);
  withBullets(card, bullets, diagnostics);
  // What the parser read as expectation and examples; anything else in an expectation position is refused.
  const read = new Set<number>(card.examples.map((e) => e.line));
  if (expectFence) read.add(expectFence.line);
  for (const r of responses) for (const line of r.read) read.add(line);
  for (const line of bullets.read) read.add(line);
  diagnostics.push(...unreadExpectations(blocks, read, file));

  if (!card.frontMatter.endpoint && !template) {
    // Broken front-matter hides whether the card names an endpoint; its own errors say what is wrong.
    if (!fm.diagnostics.length) diagnostics.push(notACard(file));
    return { diagnostics, text, unclosedFences: unclosedFences(blocks) };
  }
  const missing = missingTemplate(card, blocks, template, templateFence);
  if (missing) diagnostics.push(missing);
  return { card, diagnostics, text, unclosedFences: unclosedFences(blocks) };
}

/**
 * The expected status the front-matter gives (`expectedStatus: 201` and its
 * other spellings) joins the Expected Response block; two different statuses
 * are refused rather than one silently winning.
 */
function withFrontMatterStatus(card: Card, source: SourceFile, diagnostics: Diagnostic[]): void {
  const { status, diagnostics: found } = readFrontMatterStatus(card.frontMatter, source);
  diagnostics.push(...found);
  if (!status) return;
  const block = card.expect;
  if (!block) {
    const at = { line: status.line, column: status.column };
    card.expect = { status: status.codes, assertions: [], placeholders: [], statusAt: at, ...at };
    return;
  }
  if (block.status.length === 0) {
    block.status = status.codes;
    block.statusAt = { line: status.line, column: status.column };
  } else if (block.status.join() !== status.codes.join())
    diagnostics.push({
      ruleId: 'unreadable-expectation',
      severity: 'error',
      file: card.file,
      line: status.line,
      column: status.column,
      message: `front-matter "${status.key}" says ${status.codes.join(' or ')}, but the Expected Response block on line ${block.line} says ${block.status.join(' or ')}`,
      hint: 'Keep one expected status.',
    });
}

/**
 * `## Response 201` sections: each one's JSON block is an example of that
 * status (a schema the response must match); when the card says its status
 * nowhere else and documents one response, that is the expected status.
 */
function withResponseSections(card: Card, responses: ResponseSection[], diagnostics: Diagnostic[]): void {
  for (const r of responses) if (r.example) card.examples.push(r.example);
  const [only] = responses;
  if (!only || responses.length > 1) return;
  const at = { line: only.line, column: only.column };
  card.expect ??= { status: [], assertions: [], placeholders: [], ...at };
  // The headers the one documented response shows are checked.
  card.expect.assertions.push(...only.headers);
  const said = card.expect.status;
  if (said.length > 0 && !said.includes(only.status))
    diagnostics.push({
      ruleId: 'unreadable-expectation',
      severity: 'error',
      file: card.file,
      ...at,
      message: `this section shows the ${only.status} response, but the card expects ${said.join(' or ')} elsewhere`,
      hint: 'Keep one expected status.',
    });
  if (said.length > 0) return;
  card.expect.status = [only.status];
  card.expect.statusAt = at;
}

/** Expectation bullets join the card's expectation; a status bullet that disagrees with another status is refused. */
function withBullets(card: Card, bullets: BulletExpectations, diagnostics: Diagnostic[]): void {
  const { status } = bullets;
  if (!status && bullets.assertions.length === 0) return;
  const first = status ?? bullets.assertions[0];
  const at = { line: first?.line ?? 1, column: first?.column ?? 1 };
  card.expect ??= { status: [], assertions: [], placeholders: [], ...at };
  card.expect.assertions.push(...bullets.assertions);
  card.expect.placeholders.push(...bullets.placeholders);
  if (!status) return;
  const said = card.expect.status;
  if (said.length === 0) {
    card.expect.status = status.codes;
    card.expect.statusAt = { line: status.line, column: status.column };
  } else if (said.join() !== status.codes.join())
    diagnostics.push({
      ruleId: 'unreadable-expectation',
      severity: 'error',
      file: card.file,
      line: status.line,
      column: status.column,
      message: `this bullet expects ${status.codes.join(' or ')}, but the card expects ${said.join(' or ')} elsewhere`,
      hint: 'Keep one expected status.',
    });
}

function invalidUtf8Diagnostic(bad: NonNullable<DecodedSource['invalidUtf8']>, file: string): Diagnostic {
  const byte = `0x${bad.byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return {
    ruleId: 'invalid-utf8',
    severity: 'error',
    file,
    line: bad.line,
    column: bad.column,
    message: `the file is not valid UTF-8: byte ${byte} here is the first byte no UTF-8 text contains`,
    hint: 'Save the file as UTF-8 in your editor; the characters on this line were written in another encoding (such as Latin-1).',
  };
}

/**
 * The JSON block `fence`, read by `read` when it is JSON; its diagnostics
 * (invalid JSON, or what `read` finds) are added to `diagnostics`.
 */
function readBlock<T extends { diagnostics: Diagnostic[] }>(
  fence: Fence,
  file: string,
  what: string,
  diagnostics: Diagnostic[],
  read: (json: ParsedJson, file: string) => T,
): T | undefined {
  const { json, diagnostic } = parseJsonBlock(fence.content, fence.contentLine, file, what);
  if (diagnostic) diagnostics.push(diagnostic);
  if (!json) return undefined;
  const parsed = read(json, file);
  diagnostics.push(...parsed.diagnostics);
  return parsed;
}

/** The fields of the UID Resolution section: its table's, refined by its JSON blocks'. */
function parseUidSection(blocks: Block[], file: string, diagnostics: Diagnostic[]): UidField[] {
  const uid = sectionBlocks(blocks, /uid resolution/i);
  if (!uid) return [];
  const fromTable = uid.blocks.flatMap((b) =>
    b.kind === 'table' && isUidTable(b.header) ? parseUidTable(b.header, b.rows) : [],
  );
  const fromJson: UidField[] = [];
  for (const fence of uid.blocks.filter((b) => isJsonFence(b))) {
    const parsed = readBlock(fence, file, 'the UID Resolution JSON block', diagnostics, parseUidJson);
    if (parsed) fromJson.push(...parsed.fields);
  }
  return mergeUidFields(fromTable, fromJson);
}

function notACard(file: string): Diagnostic {
  return {
    ruleId: 'not-a-card',
    severity: 'error',
    file,
    line: 1,
    column: 1,
    message:
      'this file is not an endpoint card: it has no front-matter `endpoint` and no "## Request Template" section (it looks like a vendor documentation page)',
    hint: 'Write a card from it: front-matter with `endpoint: METHOD /path`, a "## Request Template" JSON block, and an "## Expected Response" block.',
  };
}

const NONE: readonly { line: number; empty: boolean }[] = Object.freeze([]);

function unclosedFences(blocks: Block[]): ParseCardResult['unclosedFences'] {
  let out: { line: number; empty: boolean }[] | undefined;
  for (const b of blocks) {
    if (b.kind !== 'fence' || b.closed) continue;
    out ??= [];
    out.push({ line: b.line, empty: !/\S/.test(b.content) });
  }
  return out ?? NONE;
}

/** `specs/vcita/get-app.md` → `get-app` */
export function cardIdFromFile(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot >= 0 ? base.slice(0, dot) : base;
}

const STATUS_MARK = /^\s*(?:\*\*|#{3,6}\s+)(\d{3})\b\s*([^*]*?)\s*(?:\*\*)?\s*$/;

/**
 * Vendor-doc style examples: `**200 Operation succeeded**` (or `### 200 …`) followed by a ```json block,
 * in every Responses / Expected Response / Examples section (a card often has both an
 * "Expected Response" block and the vendor's "Responses" below it).
 */
function parseExamples(blocks: Block[], file: string, diagnostics: ParseCardResult['diagnostics']): ResponseExample[] {
  const examples: ResponseExample[] = [];
  for (const section of allSectionBlocks(blocks, /^(responses|expected response|examples?|response examples)$/i)) {
    let pending: { status: number; description: string } | undefined;
    for (const b of section.blocks) {
      const text =
        b.kind === 'text'
          ? b.text
          : b.kind === 'heading' && b.level >= 3
            ? `${'#'.repeat(b.level)} ${b.text}`
            : undefined;
      const mark = text !== undefined ? STATUS_MARK.exec(text) : undefined;
      if (mark) pending = { status: Number(mark[1]), description: mark[2] ?? '' };
      else if (b.kind === 'fence' && pending && isJsonFence(b)) {
        const { value, diagnostic } = parseJsonValue(b.content, b.contentLine, file, `the ${pending.status} example`);
        if (diagnostic) diagnostics.push(diagnostic);
        if (value !== undefined)
          examples.push({
            status: pending.status,
            description: pending.description,
            body: value,
            line: b.line,
            column: 1,
          });
        pending = undefined;
      }
    }
  }
  return examples;
}
