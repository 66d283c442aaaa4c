import { describe, expect, it } from 'vitest';
import type { ResponseExample } from '../core/card.js';
import { checkResponse } from './check-response.js';

const response = (status: number, json: unknown) => ({
  status,
  headers: { 'content-type': 'application/json' },
  contentType: 'application/json',
  text: JSON.stringify(json),
  json,
  durationMs: 1,
});
const example = (status: number, body: ResponseExample['body']): ResponseExample => ({
  status,
  description: '',
  body,
  line: 30,
  column: 1,
});

describe('status only', () => {
  it('warns when a card documents response bodies but the pass checked only the status', () => {
    const checks = checkResponse(
      { status: [200], assertions: [], placeholders: [], line: 1, column: 1 },
      [example(400, { error: 'x' })],
      response(200, { ok: true }),
    );
    expect(checks.map((c) => [c.kind, c.passed, c.warning ?? false])).toEqual([
      ['status', true, false],
      ['body', true, true],
    ]);
    expect(checks[1]?.message).toBe(
      'status only: the card documents response bodies (examples for 400) but none for 200, so only the status was checked',
    );
  });

  it('says nothing when the body was checked, or when the card documents no body', () => {
    const withExample = checkResponse(undefined, [example(200, { ok: true })], response(200, { ok: true }));
    expect(withExample.map((c) => c.kind)).toEqual(['status', 'schema']);
    expect(checkResponse(undefined, [], response(204, undefined)).map((c) => c.kind)).toEqual(['status']);
  });
});
