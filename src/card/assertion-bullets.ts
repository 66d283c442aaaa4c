import type { Assertion, Placeholder } from '../core/card.js';
import { assertionOf, bodyPath } from './bullet-phrases.js';
import { isQuantified, readQuantified } from './quantified-bullets.js';

/**
 * One expectation bullet, read: a status, or an assertion with the
 * placeholders its value holds; `undefined` when the bullet says something
 * this grammar does not read (the caller refuses it at its line).
 *
 *     status is 201 | status: 201 | status 201 or 200
 *     header Content-Type contains application/json | header X is V | header X starts with V | header X exists
 *     body.id is a number | body.error is "invalid_client" | `data.app_type` = `internal` (a comment)
 *     body.id is not 0 | body.error is one of invalid_client, invalid_grant | body.token_type matches /^Bearer$/i
 *     body.scope contains read | body.expires_in > 0 | body.id exists | body.refresh_token is absent
 *     body has no refresh_token | body.data has client_id | body._id equal to $APP_ID
 *     every item in body.data has active = true | some `data[]` has `id` = `<<app.data.id>>` (quantified-bullets.ts)
 *     body.oauthApps has at least 1 item | body.data is not empty (some item is there: an empty list fails)
 */
export type BulletReading =
  | { kind: 'status'; status: number[] }
  | { kind: 'assertion'; assertion: Omit<Assertion, 'line' | 'column'>; placeholders: Placeholder[] };

/** `- ` / `* ` / `1. ` list item text, without the marker; undefined for a line that is not a list item. */
export function listItemText(line: string): { text: string; offset: number } | undefined {
  const m = /^(\s*(?:[-*+]|\d+[.)])\s+)(.*?)\s*$/.exec(line);
  return m ? { text: m[2] ?? '', offset: (m[1] ?? '').length } : undefined;
}

const asBullet = (r: ReturnType<typeof assertionOf>): BulletReading | undefined =>
  r ? { kind: 'assertion', ...r } : undefined;

/** `body has no x`, `body.data has x`, `no x`: presence only. */
function presenceBullet(text: string): BulletReading | undefined {
  const absent = /^no\s+(`[^`]+`|\S+)\.?$/i.exec(text);
  const absentPath = absent ? bodyPath(absent[1] ?? '') : undefined;
  if (absentPath)
    return {
      kind: 'assertion',
      assertion: { target: { kind: 'body', path: absentPath }, op: 'exists', value: false },
      placeholders: [],
    };
  const has = /^(\S+)\s+has\s+(no\s+)?`?([\w-]+)`?\.?$/i.exec(text);
  const hasPath = has ? bodyPath(has[1] ?? '') : undefined;
  if (!has || hasPath === undefined) return undefined;
  const path = hasPath ? `${hasPath}.${has[3]}` : (has[3] ?? '');
  return {
    kind: 'assertion',
    assertion: { target: { kind: 'body', path }, op: 'exists', value: !has[2] },
    placeholders: [],
  };
}

/** `body.items has at least 1 item`, `body.items is not empty`: some item of the list is there. */
function nonEmptyBullet(text: string): BulletReading | undefined {
  const m = /^(`[^`]+`|\S+)\s+(?:has at least (?:1|one) (?:item|entry|element)|is not empty|is non-empty)\.?$/i.exec(
    text,
  );
  const path = m ? bodyPath(m[1] ?? '') : undefined;
  if (path === undefined) return undefined;
  return {
    kind: 'assertion',
    assertion: { target: { kind: 'body', path: '' }, op: 'exists', value: true, each: { quantifier: 'some', path } },
    placeholders: [],
  };
}

/** Read one bullet's text; `line`/`column` are where its text starts in the file. */
export function readBullet(text: string, line: number, column: number): BulletReading | undefined {
  const status = /^status(?:\s+code)?\s*(?:is|:|=|==)?\s*(\d{3}(?:\s*(?:or|,|\/)\s*\d{3})*)\.?$/i.exec(text);
  if (status) return { kind: 'status', status: (status[1] ?? '').split(/\D+/).filter(Boolean).map(Number) };
  if (isQuantified(text)) return asBullet(readQuantified(text, line, column));
  const header = /^header\s+`?([\w-]+)`?\s+(.+)$/i.exec(text);
  if (header) {
    const rest = header[2] ?? '';
    const target = { kind: 'header' as const, name: (header[1] ?? '').toLowerCase() };
    return asBullet(assertionOf(target, rest, { line, column: column + text.length - rest.length }));
  }
  const presence = presenceBullet(text) ?? nonEmptyBullet(text);
  if (presence) return presence;
  const m = /^(`[^`]+`|\S+)\s+(.+)$/.exec(text);
  const path = m ? bodyPath(m[1] ?? '') : undefined;
  if (!m || path === undefined) return undefined;
  const rest = m[2] ?? '';
  return asBullet(assertionOf({ kind: 'body', path }, rest, { line, column: column + text.length - rest.length }));
}
