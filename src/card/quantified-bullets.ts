import type { Quantifier } from '../core/card.js';
import type { PhraseReading } from './bullet-phrases.js';
import { assertionOf, bodyPath } from './bullet-phrases.js';

/**
 * Quantified bullets: a check of the items of a list.
 *
 *     every item in body has app_type = public     each / all; `in` or `of`; `items`, `entries`, `elements` too
 *     some item of body.oauthApps has _id equal to $APP_ID     some / any
 *     no item in body.items has status = disabled             no / none
 *     no item of body.oauthApps has a clientSecret            has [a] <field> / has no <field>
 *     some `data[]` has `client_id` = `<<app.data.client_id>>`  a list written `path[]`
 *     every item in body.scopes is a string                   the item itself
 *
 * The condition is one of the bullet comparisons, of a field of the item
 * (`has <field> <comparison>`, `has <field>`, `has no <field>`) or of the item
 * itself; `no` means no item meets it.
 */

const QUANTIFIER: Record<string, Quantifier> = {
  every: 'every',
  each: 'every',
  all: 'every',
  some: 'some',
  any: 'some',
  no: 'none',
  none: 'none',
};

const LEAD = /^(every|each|all|some|any|no|none)\s+(?:of\s+the\s+)?/i;
const ITEMS_IN = /^(?:items?|entries|entry|elements?)\s+(?:in|of)\s+(`[^`]+`|\S+)\s+/i;
const LIST_OF = /^(`[^`]*\[\]`|\S*\[\])\s+/;

/** Whether the bullet is a quantified one: its reading (or refusal) is this module's alone. */
export function isQuantified(text: string): boolean {
  const lead = LEAD.exec(text);
  if (!lead) return false;
  const rest = text.slice(lead[0].length);
  return ITEMS_IN.test(rest) || LIST_OF.test(rest);
}

/** `has [a] <field>`, `has no <field>`, `has <field> <comparison>`: a check of one field of the item. */
function fieldCondition(cond: string, at: { line: number; column: number }): PhraseReading | undefined {
  const presence = /^(no\s+|an?\s+)?(`[^`]+`|[^\s`]+)\.?$/i.exec(cond);
  const presentPath = presence ? bodyPath(presence[2] ?? '') : undefined;
  if (presence && presentPath) {
    const value = !/^no\s/i.test(presence[1] ?? '');
    return { assertion: { target: { kind: 'body', path: presentPath }, op: 'exists', value }, placeholders: [] };
  }
  const m = /^(`[^`]+`|\S+)\s+(.+)$/.exec(cond);
  const path = m ? bodyPath(m[1] ?? '') : undefined;
  if (!m || !path) return undefined;
  const rest = m[2] ?? '';
  return assertionOf({ kind: 'body', path }, rest, { line: at.line, column: at.column + cond.length - rest.length });
}

/** Read a quantified bullet (see isQuantified); undefined when its list or condition is not one this grammar reads. */
export function readQuantified(text: string, line: number, column: number): PhraseReading | undefined {
  const lead = LEAD.exec(text);
  if (!lead) return undefined;
  const quantifier = QUANTIFIER[(lead[1] ?? '').toLowerCase()];
  let rest = text.slice(lead[0].length);
  const list = ITEMS_IN.exec(rest) ?? LIST_OF.exec(rest);
  if (!quantifier || !list) return undefined;
  const listPath = bodyPath((list[1] ?? '').replace(/\[\]`?$/, '').replace(/^`/, ''));
  if (listPath === undefined) return undefined;
  rest = rest.slice(list[0].length);
  const has = /^(?:has|have)\s+(.+)$/i.exec(rest);
  const cond = has?.[1] ?? rest;
  const at = { line, column: column + text.length - cond.length };
  const reading = has ? fieldCondition(cond, at) : assertionOf({ kind: 'body', path: '' }, cond, at);
  if (!reading) return undefined;
  return { ...reading, assertion: { ...reading.assertion, each: { quantifier, path: listPath } } };
}
