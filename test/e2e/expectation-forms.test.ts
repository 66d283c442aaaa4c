import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, freshApp, useVcitaSandbox } from '../support/temp-cards.js';

/**
 * Quantified bullets, Contract tables and rule lists, run against the sandbox:
 * a list of apps that holds a fresh one, checked item by item.
 */
const { run } = useVcitaSandbox({ beforeAll, afterAll });

const listCard = (...checks: string[]) =>
  card({
    endpoint: 'GET /platform/v1/apps',
    uid: { client_id: freshApp('client_id') },
    request: { method: 'GET', path: '/platform/v1/apps' },
    extra: ['## Contract', '', '| field | type |', '|---|---|', '| data[].client_id | string |', '', ...checks].join(
      '\n',
    ),
  });

const RIGHT = listCard(
  '## Assertions',
  '',
  '- status 200',
  '- some item of body.data has client_id equal to {{resolved.client_id}}',
  '- no item in body.data has a client_secret',
  '- every item in body.data has app_type = internal',
  '- body.data has at least 1 item',
  '',
  '## Expected Result',
  '',
  '```',
  'field\trule',
  'data[].created_at\tISO 8601 date-time',
  '```',
);

describe('quantified checks against the sandbox', () => {
  it('passes a card whose every item check holds, each one a check of its own', async () => {
    const result = await run({ 'right.md': RIGHT });
    const [only] = result.cards;
    expect(only?.outcome, only?.reason).toBe('passed');
    // The Contract row (38), the four bullets after the status (43-46), the rule (52).
    expect(only?.checks.filter((c) => c.kind === 'assertion').map((c) => [c.line, c.passed])).toEqual([
      [38, true],
      [43, true],
      [44, true],
      [45, true],
      [46, true],
      [52, true],
    ]);
  });

  it('fails at the first item that breaks an every check, and when no item matches a some check', async () => {
    const result = await run({
      'every.md': listCard('## Assertions', '', '- every item in body.data has app_type = public'),
      'some.md': listCard('## Assertions', '', '- some item of body.data has name = nobody'),
    });
    const by = Object.fromEntries(result.cards.map((c) => [c.file, c]));
    expect(by['every.md']?.outcome).toBe('failed');
    expect(by['every.md']?.reason).toBe(
      'data[0].app_type: expected every item of data: app_type to equal "public"; item 0 is the first that breaks it, found "internal"',
    );
    expect(by['some.md']?.outcome).toBe('failed');
    expect(by['some.md']?.reason).toBe('data: no item matched: expected some item of data: name to equal "nobody"');
  });
});
