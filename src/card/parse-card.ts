import type { Card, ParseCardResult, ResponseExample, UidField } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { DecodedSource } from '../core/source.js';
import { decodeSource, SourceFile } from '../core/source.js';
import { readBulletExpectations } from './assertion-sections.js';
import { parseExpectation } from './expectation.js';
import { joinBullets, joinFrontMatterStatus, joinResponseSections } from './expectation-join.js';
import { EXPECTATION_HEADING, unreadExpectations } from './expectation-sections.js';
import { parseFrontMatter } from './front-matter.js';
import { readFrontMatterStatus } from './front-matter-expectation.js';
import type { ParsedJson } from './json-block.js';
import { parseJsonBlock, parseJsonValue } from './json-block.js';
import type { Block, Fence } from './markdown.js';
import { isJsonFence, scanBlocks } from './markdown.js';
import { applyMetadata, readMetadataLines } from './metadata-lines.js';
import { missingTemplate, readRequestSection } from './request-section.js';
import { readResponseSections } from './response-sections.js';
import { allSectionBlocks, sectionBlocks } from './sections.js';
import { readStepSections } from './step-sections.js';
import { joinSteps } from './steps-to-fields.js';
import type { TerseCard } from './terse-card.js';
import { readTerseCard } from './terse-card.js';
import { mergeUidFields, parseUidJson } from './uid-json.js';
import { isUidTable, parseUidTable } from './uid-table.js';
import { readYamlExpectations } from './yaml-assertions.js';

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
  applyMetadata(fm.frontMatter, readMetadataLines(blocks));
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
  // With no request section, a terse card (`# Title — METHOD /path`, Auth:/Needs:/Body:/Cleanup: lines) says it all in lines.
  const terse = !template && !card.frontMatter.endpoint ? readTerseCard(blocks, file, diagnostics) : undefined;
  if (terse) card.request = terse.request;

  // Lines another reader used (a terse card's Cleanup: line) are not refused as unread expectations.
  readExpectations(card, blocks, source, diagnostics, terse?.read ?? []);
  joinCardSteps(card, blocks, templateFence, terse, diagnostics);

  // A card that says it is skipped is a card, even when it has no request cardcheck can read.
  if (!card.frontMatter.endpoint && !template && !terse && card.frontMatter.status !== 'skip') {
    // Broken front-matter hides whether the card names an endpoint; its own errors say what is wrong.
    if (!fm.diagnostics.length) diagnostics.push(notACard(file));
    return { diagnostics, text, unclosedFences: unclosedFences(blocks) };
  }
  const missing = terse ? undefined : missingTemplate(card, blocks, template, templateFence);
  if (missing) diagnostics.push(missing);
  return { card, diagnostics, text, unclosedFences: unclosedFences(blocks) };
}

/**
 * Every expectation form, joined into the card's expectation: the Expected Response block, front-matter status,
 * Response NNN sections, bullets and tables, YAML assertion lists. What sits in an expectation position and none of
 * them read is refused at its line.
 */
function readExpectations(
  card: Card,
  blocks: Block[],
  source: SourceFile,
  diagnostics: Diagnostic[],
  readElsewhere: readonly number[],
): void {
  const { file } = card;
  const expected = sectionBlocks(blocks, EXPECTATION_HEADING);
  // The expectation block is the first JSON block not introduced by a status line (those are examples).
  const expectFence = expected?.blocks.find((b, i, all): b is Fence => isJsonFence(b) && !isStatusMark(all[i - 1]));
  const expect = expectFence
    ? readBlock(expectFence, file, 'the Expected Response block', diagnostics, parseExpectation)
    : undefined;
  if (expect) card.expect = expect.expect;
  const fmStatus = readFrontMatterStatus(card.frontMatter, source);
  diagnostics.push(...fmStatus.diagnostics);
  if (fmStatus.status) joinFrontMatterStatus(card, fmStatus.status, diagnostics);
  const responses = readResponseSections(blocks, file, diagnostics);
  joinResponseSections(card, responses, diagnostics);
  const bullets = readBulletExpectations(blocks, file, diagnostics, (n) => source.lineText(n) ?? '');
  joinBullets(card, bullets, diagnostics);
  const yamlChecks = readYamlExpectations(blocks, file, diagnostics);
  joinBullets(card, yamlChecks, diagnostics, 'item');
  // What the parser read as expectation and examples; anything else in an expectation position is refused.
  const read = new Set<number>(card.examples.map((e) => e.line));
  if (expectFence) read.add(expectFence.line);
  for (const r of responses) for (const line of r.read) read.add(line);
  for (const line of [...bullets.read, ...yamlChecks.read, ...readElsewhere]) read.add(line);
  diagnostics.push(...unreadExpectations(blocks, read, file));
}

/**
 * Setup and teardown steps (sections, or a terse card's Needs:/Cleanup: lines) join the UID fields, and the names they
 * save replace `$NAME`, `<<NAME>>` and `{{step.response.body.$.x}}` in what comes after.
 */
function joinCardSteps(
  card: Card,
  blocks: Block[],
  templateFence: Fence | undefined,
  terse: TerseCard | undefined,
  diagnostics: Diagnostic[],
): void {
  const requestName =
    templateFence && /^\s*(?:#|\/\/)\s*@name\s+([A-Za-z_][\w-]*)\s*$/m.exec(templateFence.content)?.[1];
  const sections = readStepSections(blocks, card.file, diagnostics);
  if (terse) {
    sections.setup.unshift(...terse.setup);
    sections.teardown.push(...terse.teardown);
  }
  joinSteps(card, sections, diagnostics, requestName);
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
