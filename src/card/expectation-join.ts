import type { Card, Expectation } from '../core/card.js';
import type { Diagnostic, SourcePos } from '../core/diagnostic.js';
import type { BulletExpectations } from './assertion-sections.js';
import type { FrontMatterStatus } from './front-matter-expectation.js';
import type { ResponseSection } from './response-sections.js';
import { unreadable } from './unreadable.js';

/**
 * How the forms a card states its expectation in join into one: the
 * Expected Response block first, then the front-matter status, `## Response
 * 201` sections and bullets. A status stated twice differently is refused
 * rather than one silently winning.
 */

/** The card's expectation, made at `at` when a later form is the first to state one. */
function expectationOf(card: Card, at: SourcePos): Expectation {
  card.expect ??= { status: [], assertions: [], placeholders: [], ...at };
  return card.expect;
}

/** A status one form states joins the expectation; one that does not agree with the status already stated is refused. */
function joinStatus(
  card: Card,
  codes: number[],
  at: SourcePos,
  diagnostics: Diagnostic[],
  conflict: { agrees: (said: number[]) => boolean; message: (said: number[], expect: Expectation) => string },
): void {
  const expect = expectationOf(card, at);
  if (expect.status.length === 0) {
    expect.status = codes;
    expect.statusAt = at;
  } else if (!conflict.agrees(expect.status))
    diagnostics.push(unreadable(card.file, at, conflict.message(expect.status, expect), 'Keep one expected status.'));
}

const same = (codes: number[]) => (said: number[]) => said.join() === codes.join();
const atOf = (p: SourcePos) => ({ line: p.line, column: p.column });

/** `expectedStatus: 201` and its other spellings in the front-matter. */
export function joinFrontMatterStatus(card: Card, status: FrontMatterStatus, diagnostics: Diagnostic[]): void {
  joinStatus(card, status.codes, atOf(status), diagnostics, {
    agrees: same(status.codes),
    message: (said, block) =>
      `front-matter "${status.key}" says ${status.codes.join(' or ')}, but the Expected Response block on line ${block.line} says ${said.join(' or ')}`,
  });
}

/**
 * `## Response 201` sections: each one's example becomes a schema of that
 * status; when the card documents one response, its headers are checked and
 * it is the expected status unless the card states one elsewhere.
 */
export function joinResponseSections(card: Card, responses: ResponseSection[], diagnostics: Diagnostic[]): void {
  for (const r of responses) if (r.example) card.examples.push(r.example);
  const [only] = responses;
  if (!only || responses.length > 1) return;
  const at = atOf(only);
  expectationOf(card, at).assertions.push(...only.headers);
  joinStatus(card, [only.status], at, diagnostics, {
    agrees: (said) => said.includes(only.status),
    message: (said) =>
      `this section shows the ${only.status} response, but the card expects ${said.join(' or ')} elsewhere`,
  });
}

/** Expectation bullets (or YAML assertion list items, `what`): their checks join the expectation, a status one its status. */
export function joinBullets(card: Card, bullets: BulletExpectations, diagnostics: Diagnostic[], what = 'bullet'): void {
  const { status } = bullets;
  const first = status ?? bullets.assertions[0];
  if (!first) return;
  const expect = expectationOf(card, atOf(first));
  expect.assertions.push(...bullets.assertions);
  expect.placeholders.push(...bullets.placeholders);
  if (!status) return;
  joinStatus(card, status.codes, atOf(status), diagnostics, {
    agrees: same(status.codes),
    message: (said) =>
      `this ${what} expects ${status.codes.join(' or ')}, but the card expects ${said.join(' or ')} elsewhere`,
  });
}
