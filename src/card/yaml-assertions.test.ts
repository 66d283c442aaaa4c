// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the blocks are YAML, where ${{ vars.x }} is a placeholder
import { describe, expect, it } from 'vitest';
import { parseCard } from './parse-card.js';
import { parseYamlAssertions } from './yaml-assertions.js';

const FILE = 'cards/d.md';
const block = (...lines: string[]) => lines.join('\n');
const parse = (...lines: string[]) => parseYamlAssertions(block(...lines), 30, FILE);
const rules = (r: { diagnostics: { line: number; column: number; ruleId: string; message: string }[] }) =>
  r.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`);

describe('parseYamlAssertions', () => {
  it("reads D's list: the status, and each matcher as an assertion at its item, placeholders located", () => {
    const r = parse(
      '- status: 200',
      '- jsonpath: $.id',
      '  equals: ${{ vars.account_id }}',
      '- jsonpath: $.client_secret',
      '  matches: ^cs_sandbox_',
      '- jsonpath: $.client_secret',
      '  not_equals: ${{ vars.client_secret }}',
      '- jsonpath: $.data[0].exp',
      '  type: number',
      '  exists: true',
      '- header: Idempotent-Replayed',
      '  equals: "true"',
      '- header: Retry-After',
      '  one_of: [60, "120"]',
      '- jsonpath: $.scope',
      '  contains: wallets:read',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.status).toEqual({ codes: [200], line: 30, column: 3 });
    expect(r.assertions).toEqual([
      { target: { kind: 'body', path: 'id' }, op: 'equals', value: '{{resolved.account_id}}', line: 31, column: 3 },
      { target: { kind: 'body', path: 'client_secret' }, op: 'matches', value: '^cs_sandbox_', line: 33, column: 3 },
      {
        target: { kind: 'body', path: 'client_secret' },
        op: 'notEquals',
        value: '{{resolved.client_secret}}',
        line: 35,
        column: 3,
      },
      { target: { kind: 'body', path: 'data[0].exp' }, op: 'type', value: 'number', line: 37, column: 3 },
      { target: { kind: 'body', path: 'data[0].exp' }, op: 'exists', value: true, line: 37, column: 3 },
      { target: { kind: 'header', name: 'idempotent-replayed' }, op: 'equals', value: 'true', line: 40, column: 3 },
      { target: { kind: 'header', name: 'retry-after' }, op: 'oneOf', value: ['60', '120'], line: 42, column: 3 },
      { target: { kind: 'body', path: 'scope' }, op: 'contains', value: 'wallets:read', line: 44, column: 3 },
    ]);
    expect(r.placeholders).toEqual([
      { expr: 'resolved.account_id', raw: '${{ vars.account_id }}', line: 32, column: 11 },
      { expr: 'resolved.client_secret', raw: '${{ vars.client_secret }}', line: 36, column: 15 },
    ]);
  });

  it('refuses what it cannot check at its line, naming the forms it reads', () => {
    const r = parse(
      '- status: 200',
      '- judge: the token response looks healthy',
      '- schema:',
      '    format: avro',
      '- jsonpath: $.a',
      '  equal: 1',
      '- jsonpath: $..id',
      '  exists: true',
      '- jsonpath: $.b',
      '- jsonpath: $.c',
      '  type: text',
      '- response should be fast',
    );
    expect(rules(r)).toEqual([
      '31:3 unreadable-expectation cardcheck does not read "judge" in an assertion list, so nothing would check it',
      '32:3 unreadable-expectation cardcheck does not read "schema" in an assertion list, so nothing would check it',
      '35:3 unreadable-expectation cardcheck does not read "equal" in an assertion list, so nothing would check it',
      '36:13 unreadable-expectation cardcheck cannot read the JSONPath "$..id"',
      '38:3 unreadable-expectation this item names "b" but no matcher, so nothing would check it',
      '40:9 unreadable-expectation "text" is not a JSON type',
      '41:3 unreadable-expectation cardcheck cannot check this item: it is not a map such as - status: 200',
    ]);
    expect(r.diagnostics.every((d) => d.severity === 'error')).toBe(true);
    expect(r.diagnostics[0]?.hint).toBe(
      'Write each item as - status: 200, - jsonpath: $.x or - header: Name, with one of equals, not_equals, matches, exists: true|false, type: string|number|integer|boolean|array|object|null, one_of: [a, b], contains, greater_than, less_than (specs/README.md).',
    );
    expect(r.diagnostics[2]?.hint).toMatch(/^Did you mean "equals"\? Write each item as/);
    expect(r.assertions).toEqual([]);
  });

  it('refuses two different statuses, a status with a matcher beside it, an empty block, and broken YAML', () => {
    expect(rules(parse('- status: 200', '- status: [200, 201]'))).toEqual([
      '31:11 unreadable-expectation this item expects 200 or 201, but line 30 expects 200',
    ]);
    expect(rules(parse('- status: 200', '  equals: 1'))).toEqual([
      '31:3 unreadable-expectation "equals" beside "status" in one item: write each check as its own item',
    ]);
    expect(rules(parse(''))).toEqual(['30:1 unreadable-expectation this yaml block holds no checks']);
    expect(rules(parse('- status: [200'))[0]).toMatch(/^30:\d+ invalid-yaml the assertion list is not valid YAML: /);
  });
});

describe('a YAML assertion list in a card', () => {
  const card = (...assertions: string[]) =>
    block(
      '---',
      'api: youhodler',
      'expected:',
      '  status: 201',
      '---',
      '# Create',
      '',
      '## Request',
      '',
      '```yaml',
      'method: POST',
      'url: /service-accounts',
      'json: { name: x }',
      '```',
      '',
      '## Assertions ',
      '',
      '```yaml',
      ...assertions,
      '```',
      '',
    );

  it('joins the expectation and is not refused by the census of unread blocks', () => {
    const r = parseCard(card('- status: 201', '- jsonpath: $.client_secret', '  exists: true'), FILE);
    expect(r.diagnostics).toEqual([]);
    expect(r.card?.expect?.status).toEqual([201]);
    expect(r.card?.expect?.assertions).toEqual([
      { target: { kind: 'body', path: 'client_secret' }, op: 'exists', value: true, line: 20, column: 3 },
    ]);
    expect(r.card?.request?.path).toBe('/service-accounts');
  });

  it('refuses a status that disagrees with the front-matter', () => {
    const r = parseCard(card('- status: 200'), FILE);
    expect(rules(r)).toEqual(['19:3 unreadable-expectation this item expects 200, but the card expects 201 elsewhere']);
  });
});
