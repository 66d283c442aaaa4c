import type { Assertion, Quantifier } from '../core/card.js';
import type { CheckResult } from '../core/result.js';
import { readPath } from '../util/json-path.js';
import { testLinear } from '../util/linear-regex.js';

/** Values are shown up to here: a 2 MB string found must not be printed (and stored) in full per failed check. */
const SHOWN = 200;
function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > SHOWN ? `${s.slice(0, SHOWN)}… (${s.length - SHOWN} more characters)` : s;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function holds(op: Assertion['op'], actual: unknown, expected: unknown): boolean {
  switch (op) {
    case 'equals':
      return deepEqual(actual, expected);
    case 'notEquals':
      return !deepEqual(actual, expected);
    case 'exists':
      return (actual !== undefined) === (expected !== false);
    case 'matches':
      // RE2: linear in the value; a pattern it refuses (lint reports it first), or a value too long for it, matches nothing.
      return typeof actual === 'string' && testLinear(String(expected), actual) === true;
    case 'oneOf':
      return Array.isArray(expected) && expected.some((e) => deepEqual(actual, e));
    case 'contains':
      return typeof actual === 'string'
        ? actual.includes(String(expected))
        : Array.isArray(actual)
          ? actual.some((x) => deepEqual(x, expected))
          : false;
    case 'greaterThan':
      return typeof actual === 'number' && typeof expected === 'number' && actual > expected;
    case 'lessThan':
      return typeof actual === 'number' && typeof expected === 'number' && actual < expected;
    case 'type':
      return jsonType(actual) === expected || (expected === 'number' && jsonType(actual) === 'integer');
  }
}

/** The JSON type of a value, `integer` for whole numbers. */
function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const WORDS: Record<Assertion['op'], string> = {
  equals: 'to equal',
  notEquals: 'not to equal',
  exists: 'to be present',
  matches: 'to match',
  oneOf: 'to be one of',
  contains: 'to contain',
  greaterThan: 'to be greater than',
  lessThan: 'to be less than',
  type: 'to be of type',
};

/** What the assertion expects, and what `actual` shows of it, in words. */
function phrases(a: Assertion, actual: unknown): { expected: string; found: string } {
  if (a.op === 'exists')
    return { expected: a.value === false ? 'absent' : 'present', found: actual === undefined ? 'absent' : 'present' };
  return { expected: `${WORDS[a.op]} ${show(a.value)}`, found: show(actual) };
}

/** A value or header assertion, as a check result naming the path. */
export function checkAssertion(a: Assertion, res: { json?: unknown; headers: Record<string, string> }): CheckResult {
  if (a.each && a.target.kind === 'body') return checkEach(a, a.each, a.target.path, res.json);
  const actual = a.target.kind === 'body' ? readPath(res.json, a.target.path) : res.headers[a.target.name];
  const where = a.target.kind === 'body' ? a.target.path : `header ${a.target.name}`;
  const passed = holds(a.op, actual, a.value);
  const { expected, found } = phrases(a, actual);
  if (
    !passed &&
    a.op === 'matches' &&
    typeof actual === 'string' &&
    testLinear(String(a.value), actual) === 'too-long'
  ) {
    const message = `${where}: not checked: matching ${show(a.value)} against ${actual.length} characters would take too long (shorten the pattern's counted repeats)`;
    return {
      kind: 'assertion',
      passed: false,
      path: where,
      expected,
      actual: found,
      message,
      line: a.line,
      column: a.column,
    };
  }
  return {
    kind: 'assertion',
    passed,
    path: where,
    expected,
    actual: found,
    message: passed ? `${where} ${expected}` : `${where}: expected ${expected}, found ${found}`,
    line: a.line,
    column: a.column,
  };
}

const QUANTIFIED: Record<Quantifier, string> = { every: 'every item', some: 'some item', none: 'no item' };

/**
 * A quantified assertion: the list at `each.path`, each item's `field`. A
 * failure names the first item that broke it (`data[2].active`), or says no
 * item matched; an empty list fails whatever the quantifier: nothing was checked.
 */
function checkEach(a: Assertion, each: NonNullable<Assertion['each']>, field: string, json: unknown): CheckResult {
  const list = readPath(json, each.path);
  const name = each.path || 'body';
  const item = (i: number | '') => `${each.path}[${i}]${field ? `.${field}` : ''}`;
  const { expected: cond } = phrases(a, undefined);
  const expected = `${QUANTIFIED[each.quantifier]} of ${name}: ${field || 'the item'} ${cond}`;
  const result = (passed: boolean, actual: string, message: string, path = item('')): CheckResult => ({
    kind: 'assertion',
    passed,
    path,
    expected,
    actual,
    message,
    line: a.line,
    column: a.column,
  });
  if (!Array.isArray(list)) return result(false, show(list), `${name}: expected a list, found ${show(list)}`);
  if (list.length === 0)
    return result(false, 'an empty list', `${name}: the list is empty, so nothing was checked (${expected})`);
  const held = list.map((x) => holds(a.op, readPath(x, field), a.value));
  const n = `${list.length} item${list.length === 1 ? '' : 's'}`;
  if (each.quantifier === 'some') {
    const i = held.indexOf(true);
    if (i < 0) return result(false, `no item matched among ${n}`, `${name}: no item matched: expected ${expected}`);
    return result(true, `${item(i)} matched`, `${item(i)} ${cond} (${expected})`, item(i));
  }
  const i = held.indexOf(each.quantifier === 'none');
  if (i < 0) return result(true, `${n} checked`, `${expected} (${n} checked)`);
  const { found } = phrases(a, readPath(list[i], field));
  const message = `${item(i)}: expected ${expected}; item ${i} is the first that breaks it, found ${found}`;
  return result(false, found, message, item(i));
}
