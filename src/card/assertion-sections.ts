import type { Assertion, Placeholder } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { listItemText, readBullet } from './assertion-bullets.js';
import { BULLET_HEADING, EXPECTATION_HEADING } from './expectation-sections.js';
import type { Block } from './markdown.js';
import { unreadable } from './unreadable.js';

export interface BulletExpectations {
  /** The status a `status is 201` bullet gives, where it is written. */
  status?: { codes: number[]; line: number; column: number };
  assertions: Assertion[];
  placeholders: Placeholder[];
  /** Lines of the bullets read, for the census of unread expectations. */
  read: number[];
}

const HINT =
  'Write one check per bullet: `status is 201`, `body.id is a string`, `body.error is "invalid_client"`, `header Cache-Control is no-store`, `body has no refresh_token`, `body.scope contains read`, `body.expires_in > 0` (specs/README.md lists every form).';

function refuse(file: string, line: number, column: number, message: string): Diagnostic {
  return unreadable(file, { line, column }, message, HINT);
}

/** The list items under expectation headings (level 2 or 3), each with where its text starts. */
function bullets(blocks: Block[]): { text: string; line: number; column: number }[] {
  const out: { text: string; line: number; column: number }[] = [];
  let inside = false;
  for (const b of blocks) {
    if (b.kind === 'heading') {
      if (b.level <= 3) inside = b.level >= 2 && (EXPECTATION_HEADING.test(b.text) || BULLET_HEADING.test(b.text));
      continue;
    }
    if (!inside || b.kind !== 'text') continue;
    const item = listItemText(b.text);
    if (item) out.push({ text: item.text, line: b.line, column: item.offset + 1 });
  }
  return out;
}

/**
 * Expectation bullets (`- status is 201`, `- body.id is a string`): each one
 * read is a check; one this grammar does not read is refused at its line.
 * Two different statuses are refused too.
 */
export function readBulletExpectations(blocks: Block[], file: string, diagnostics: Diagnostic[]): BulletExpectations {
  const out: BulletExpectations = { assertions: [], placeholders: [], read: [] };
  for (const { text, line, column } of bullets(blocks)) {
    const reading = readBullet(text, line, column);
    if (!reading) {
      diagnostics.push(
        refuse(file, line, column, `cardcheck does not read this bullet, so nothing would check what it says`),
      );
      continue;
    }
    out.read.push(line);
    if (reading.kind === 'assertion') {
      out.assertions.push({ ...reading.assertion, line, column });
      out.placeholders.push(...reading.placeholders);
    } else if (out.status && out.status.codes.join() !== reading.status.join()) {
      diagnostics.push(
        refuse(
          file,
          line,
          column,
          `this bullet expects ${reading.status.join(' or ')}, but line ${out.status.line} expects ${out.status.codes.join(' or ')}`,
        ),
      );
    } else out.status ??= { codes: reading.status, line, column };
  }
  return out;
}
