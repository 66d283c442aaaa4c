import type { Diagnostic } from '../core/diagnostic.js';
import type { Block } from './markdown.js';
import { RESPONSE_STATUS_HEADING } from './response-sections.js';
import { sectionLevel } from './sections.js';
import { unreadable } from './unreadable.js';

/** The section read as the expectation (its first JSON block) and as examples (JSON after a status line). */
export const EXPECTATION_HEADING = /^(expected response|expected|response)$/i;
/** Sections whose list items are expectation bullets, besides "Expected Response" (card/assertion-sections.ts). */
export const BULLET_HEADING =
  /^(response contract|contract|assertions?|expect(?:ations?)?|expected results?|checks?)$/i;
export const EXAMPLES_HEADING = /^(responses|expected response|examples?|response examples)$/i;

/** A heading that says its section holds what the response must be. */
const NAMES_EXPECTATION = /\b(expect\w*|assert\w*|contracts?|responses?|results?|outputs?|verif\w*|checks?)\b/i;

const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+\S/;

const FORMS_HINT =
  'Write it under "## Expected Response" as a ```json block, e.g. { "status": 201, "schema": { … }, "assert": [ { "path": "id", "exists": true } ] }, or as a JSON Schema on its own; examples go after a status line such as **201 Created**.';

function refuse(file: string, line: number, message: string, hint = FORMS_HINT): Diagnostic {
  return unreadable(file, { line }, message, hint);
}

/** The card's sections (card/sections.ts sectionLevel): each heading with the blocks under it. */
function sections(blocks: Block[]): { heading: Block & { kind: 'heading' }; body: Block[] }[] {
  const out: { heading: Block & { kind: 'heading' }; body: Block[] }[] = [];
  const level = sectionLevel(blocks);
  for (const b of blocks) {
    if (b.kind === 'heading' && b.level <= level) {
      if (b.level === level) out.push({ heading: b, body: [] });
      else out.push({ heading: { ...b, text: '' }, body: [] });
    } else out.at(-1)?.body.push(b);
  }
  return out.filter((s) => s.heading.text !== '');
}

/**
 * What in the read Expected Response section (or a bullet section) is not
 * read. A level-3 heading inside a bullet section starts a subsection: its
 * own bullets if it is a bullet heading, else (`### Response 201`, `### Notes`)
 * prose there is not a check, and a list there is read by nobody.
 */
function unreadInExpectation(
  body: Block[],
  read: ReadonlySet<number>,
  file: string,
  section = 'Expected Response',
  bullets: 'read' | 'refused' | 'only' = 'read',
): Diagnostic[] {
  const out: Diagnostic[] = [];
  let mode = bullets;
  let where = section;
  for (const b of body) {
    if (b.kind === 'heading' && bullets === 'only') {
      mode = BULLET_HEADING.test(b.text) || EXPECTATION_HEADING.test(b.text) ? 'only' : 'refused';
      where = mode === 'only' ? b.text : section;
      continue;
    }
    const isList = b.kind === 'text' && LIST_ITEM.test(b.text);
    if (b.kind === 'fence' && !read.has(b.line))
      out.push(
        refuse(
          file,
          b.line,
          `this ${b.lang || 'code'} block under "${where}" is not read (only the first JSON block and JSON examples after a status line are), so nothing would check it`,
        ),
      );
    else if (b.kind === 'table' && !read.has(b.line))
      out.push(refuse(file, b.line, `this table under "${where}" is not read, so nothing would check it`));
    else if (isList && mode === 'refused')
      out.push(refuse(file, b.line, `this list under "${where}" is not read, so nothing would check what it says`));
    // A section of bullets holds checks only: prose there is an expectation nobody would check.
    else if (b.kind === 'text' && !isList && mode === 'only' && /\S/.test(b.text) && !read.has(b.line))
      out.push(
        refuse(
          file,
          b.line,
          `"${where}" holds checks, one per bullet, and cardcheck cannot check this sentence`,
          'Write it as bullets: `status is 201`, `body.id is a string`, `body has no refresh_token`… (specs/README.md lists every form), or move the prose to another section.',
        ),
      );
  }
  return out;
}

/**
 * Everything in a card's expectation positions that cardcheck would not turn
 * into a check, each refused at its line: a section named for the response
 * that is not one cardcheck reads, and what the read section holds besides
 * its expectation block and examples. `read` holds the lines of the blocks
 * the parser used (the expectation block and the example blocks).
 */
export function unreadExpectations(blocks: Block[], read: ReadonlySet<number>, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  let expectationSeen = false;
  for (const { heading, body } of sections(blocks)) {
    const isExpectation = EXPECTATION_HEADING.test(heading.text);
    if (isExpectation && !expectationSeen) {
      expectationSeen = true;
      out.push(...unreadInExpectation(body, read, file));
      continue;
    }
    if (EXAMPLES_HEADING.test(heading.text) && !isExpectation) continue;
    if (RESPONSE_STATUS_HEADING.test(heading.text) || BULLET_HEADING.test(heading.text)) {
      // Bullets under a bullet heading are read, or refused one by one, by card/assertion-sections.ts.
      const bullets = BULLET_HEADING.test(heading.text) ? 'only' : 'refused';
      out.push(...unreadInExpectation(body, read, file, heading.text, bullets));
      continue;
    }
    if (!NAMES_EXPECTATION.test(heading.text) && !isExpectation) continue;
    if (!body.some((b) => b.kind !== 'text' || /\S/.test(b.text))) continue;
    out.push(
      refuse(
        file,
        heading.line,
        isExpectation
          ? `a second "${heading.text}" section: only the first one is read, so nothing would check this one`
          : `the section "${heading.text}" says what the response must be, but cardcheck does not read a section of that name, so nothing would check it`,
      ),
    );
  }
  return out;
}
