import { describe, expect, it } from 'vitest';
import type { Assertion, Quantifier } from '../core/card.js';
import { checkAssertion } from './assertions.js';

const apps = {
  data: [
    { id: 'a', active: true, status: 'enabled' },
    { id: 'b', active: true, status: 'enabled', client_secret: 'cs_1' },
    { id: 'c', active: false, status: 'disabled' },
  ],
};

function quantified(
  quantifier: Quantifier,
  path: string,
  field: string,
  op: Assertion['op'],
  value: Assertion['value'],
): Assertion {
  return { target: { kind: 'body', path: field }, op, value, each: { quantifier, path }, line: 9, column: 3 };
}

const check = (a: Assertion, json: unknown) => checkAssertion(a, { json, headers: {} });

describe('quantified assertions', () => {
  it('every: passes when each item holds, else names the first item that breaks it', () => {
    expect(check(quantified('every', 'data', 'status', 'exists', true), apps)).toStrictEqual({
      kind: 'assertion',
      passed: true,
      path: 'data[].status',
      expected: 'every item of data: status present',
      actual: '3 items checked',
      message: 'every item of data: status present (3 items checked)',
      line: 9,
      column: 3,
    });
    expect(check(quantified('every', 'data', 'active', 'equals', true), apps)).toStrictEqual({
      kind: 'assertion',
      passed: false,
      path: 'data[2].active',
      expected: 'every item of data: active to equal true',
      actual: 'false',
      message:
        'data[2].active: expected every item of data: active to equal true; item 2 is the first that breaks it, found false',
      line: 9,
      column: 3,
    });
  });

  it('some: passes on the first item that holds, else says no item matched', () => {
    const found = check(quantified('some', 'data', 'id', 'equals', 'b'), apps);
    expect(found).toMatchObject({
      passed: true,
      path: 'data[1].id',
      message: 'data[1].id to equal "b" (some item of data: id to equal "b")',
    });
    expect(check(quantified('some', 'data', 'id', 'equals', 'z'), apps)).toMatchObject({
      passed: false,
      path: 'data[].id',
      actual: 'no item matched among 3 items',
      message: 'data: no item matched: expected some item of data: id to equal "z"',
    });
  });

  it('none: fails at the first item that holds', () => {
    expect(check(quantified('none', 'data', 'client_secret', 'exists', true), apps)).toMatchObject({
      passed: false,
      path: 'data[1].client_secret',
      actual: 'present',
      message:
        'data[1].client_secret: expected no item of data: client_secret present; item 1 is the first that breaks it, found present',
    });
    expect(check(quantified('none', 'data', 'status', 'equals', 'deleted'), apps)).toMatchObject({
      passed: true,
      message: 'no item of data: status to equal "deleted" (3 items checked)',
    });
  });

  it('checks the item itself when the field is empty, and the body when the list path is', () => {
    expect(check(quantified('every', '', '', 'type', 'string'), ['a', 'b', 3])).toMatchObject({
      passed: false,
      path: '[2]',
      expected: 'every item of body: the item to be of type "string"',
      message:
        '[2]: expected every item of body: the item to be of type "string"; item 2 is the first that breaks it, found 3',
    });
  });

  it('never passes vacuously: an empty list fails every quantifier, and so does a value that is not a list', () => {
    for (const q of ['every', 'some', 'none'] as const)
      expect(check(quantified(q, 'data', 'active', 'equals', true), { data: [] }), q).toMatchObject({
        passed: false,
        path: 'data[].active',
        actual: 'an empty list',
        message: `data: the list is empty, so nothing was checked (${q === 'none' ? 'no' : q} item of data: active to equal true)`,
      });
    expect(check(quantified('every', 'data', 'active', 'equals', true), { data: { active: true } })).toMatchObject({
      passed: false,
      actual: '{"active":true}',
      message: 'data: expected a list, found {"active":true}',
    });
    expect(check(quantified('some', 'items', 'id', 'exists', true), {})).toMatchObject({
      passed: false,
      message: 'items: expected a list, found nothing',
    });
  });
});
