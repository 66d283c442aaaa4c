import type { Assertion } from '../core/card.js';
import type { CheckResult } from '../core/result.js';
import { readPath } from '../util/json-path.js';

const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

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
      return typeof actual === 'string' && new RegExp(String(expected)).test(actual);
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

/** A value or header assertion, as a check result naming the path. */
export function checkAssertion(a: Assertion, res: { json?: unknown; headers: Record<string, string> }): CheckResult {
  const actual = a.target.kind === 'body' ? readPath(res.json, a.target.path) : res.headers[a.target.name];
  const where = a.target.kind === 'body' ? a.target.path : `header ${a.target.name}`;
  const passed = holds(a.op, actual, a.value);
  const expected = a.op === 'exists' ? (a.value === false ? 'absent' : 'present') : `${WORDS[a.op]} ${show(a.value)}`;
  const found = a.op === 'exists' ? (actual === undefined ? 'absent' : 'present') : show(actual);
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
