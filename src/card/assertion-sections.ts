import type { Assertion, Placeholder } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { listItemText, readBullet } from './assertion-bullets.js';
import { readContractTable } from './contract-table.js';
import { BULLET_HEADING, EXPECTATION_HEADING } from './expectation-sections.js';
import type { Block } from './markdown.js';
import { isRuleList, readRuleList } from './rule-list.js';
import { unreadable } from './unreadable.js';

export interface BulletExpectations {
  /** The status a `status is 201` bullet gives, where it is written. */
  status?: { codes: number[]; line: number; column: number };
  assertions: Assertion[];
  placeholders: Placeholder[];
  /** Lines of the bullets, Contract tables and rule lists read or refused here, for the census of unread expectations. */
  read: number[];
}

const HINT =
  'Write one check per bullet: `status is 201`, `body.id is a string`, `body.error is "invalid_client"`, `header Cache-Control is no-store`, `body has no refresh_token`, `body.scope contains read`, `body.expires_in > 0` (specs/README.md lists every form).';

/** `types as in the Contract table`: says the Contract table's rows are the checks. */
const CONTRACT_REFERENCE =
  /^(?:field\s+)?types?\s+(?:are\s+)?(?:as\s+)?(?:in|per|from)\s+the\s+contract(?:\s+table)?\.?$/i;

function refuse(file: string, line: number, column: number, message: string): Diagnostic {
  return unreadable(file, { line, column }, message, HINT);
}

/** The blocks under expectation headings (level 2 or 3). */
function expectationBlocks(blocks: Block[]): Block[] {
  const out: Block[] = [];
  let inside = false;
  for (const b of blocks) {
    if (b.kind === 'heading') {
      if (b.level <= 3) inside = b.level >= 2 && (EXPECTATION_HEADING.test(b.text) || BULLET_HEADING.test(b.text));
      continue;
    }
    if (inside) out.push(b);
  }
  return out;
}

/** A bullet's reading joins `out`; one this grammar does not read, or a second status, is refused. */
function addBullet(
  out: BulletExpectations,
  b: { text: string; line: number; column: number },
  file: string,
): Diagnostic | undefined {
  const { text, line, column } = b;
  const reading = readBullet(text, line, column);
  if (!reading)
    return refuse(file, line, column, 'cardcheck does not read this bullet, so nothing would check what it says');
  out.read.push(line);
  if (reading.kind === 'assertion') {
    out.assertions.push({ ...reading.assertion, line, column });
    out.placeholders.push(...reading.placeholders);
  } else if (out.status && out.status.codes.join() !== reading.status.join()) {
    const said = `${reading.status.join(' or ')}, but line ${out.status.line} expects ${out.status.codes.join(' or ')}`;
    return refuse(file, line, column, `this bullet expects ${said}`);
  } else out.status ??= { codes: reading.status, line, column };
  return undefined;
}

/**
 * What expectation sections (Expected Response, Assertions, Contract…) say
 * in bullets (`- status is 201`, `- body.id is a string`), Contract tables
 * (`| field | type |`) and rule lists (```` ``` ```` `field<TAB>rule`): each
 * one read is a check; one cardcheck does not read is refused at its line.
 * Two different statuses are refused too. `lineText(n)` gives line n as written.
 */
export function readBulletExpectations(
  blocks: Block[],
  file: string,
  diagnostics: Diagnostic[],
  lineText: (line: number) => string = () => '',
): BulletExpectations {
  const out: BulletExpectations = { assertions: [], placeholders: [], read: [] };
  const references: { line: number; column: number }[] = [];
  let tables = 0;
  for (const b of expectationBlocks(blocks)) {
    const item = b.kind === 'text' ? listItemText(b.text) : undefined;
    if (item && CONTRACT_REFERENCE.test(item.text)) references.push({ line: b.line, column: item.offset + 1 });
    else if (item) {
      const refused = addBullet(out, { text: item.text, line: b.line, column: item.offset + 1 }, file);
      if (refused) diagnostics.push(refused);
    } else if (b.kind === 'table') {
      const before = diagnostics.length;
      out.assertions.push(...readContractTable(b, file, lineText, diagnostics));
      if (diagnostics.length === before) tables++;
      out.read.push(b.line);
    } else if (b.kind === 'fence' && isRuleList(b)) {
      const rules = readRuleList(b, file, diagnostics);
      out.assertions.push(...rules.assertions);
      out.placeholders.push(...rules.placeholders);
      out.read.push(b.line);
    }
  }
  for (const { line, column } of references)
    if (tables > 0) out.read.push(line);
    else
      diagnostics.push(
        refuse(file, line, column, 'this bullet points at a Contract table, but the card has none that cardcheck read'),
      );
  return out;
}
