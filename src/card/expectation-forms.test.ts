// biome-ignore-all lint/suspicious/noTemplateCurlyInString: bullets are text, where ${NAME} is a variable
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../core/diagnostic.js';
import { SourceFile } from '../core/source.js';
import { readBulletExpectations } from './assertion-sections.js';
import { scanBlocks } from './markdown.js';
import { parseCard } from './parse-card.js';

/** What the expectation sections of a card's text say: checks (line:column and what) and refusals. */
function sections(text: string) {
  const diagnostics: Diagnostic[] = [];
  const source = new SourceFile('card.md', text);
  const read = readBulletExpectations(scanBlocks(text, 0, 1), 'card.md', diagnostics, (n) => source.lineText(n) ?? '');
  const checks = read.assertions.map((a) => {
    const { line, column, target, op, value, each } = a;
    const what = `${target.kind === 'body' ? target.path : `header ${target.name}`} ${op} ${JSON.stringify(value)}`;
    return `${line}:${column} ${each ? `${each.quantifier} ${each.path}[]: ` : ''}${what}`;
  });
  const refused = diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
  return { checks, refused, read: read.read, status: read.status?.codes };
}

const dialect = (path: string) =>
  readFileSync(new URL(`../../fixtures/cards/dialects/${path}`, import.meta.url), 'utf8').replace(/\r\n/g, '\n');

describe("author E's Contract tables and Response Contract bullets", () => {
  it('create-app: a type check per table row, the bullets as values compared as JSON', () => {
    const { checks, refused, status } = sections(dialect('e-growth-terse/create-app.md'));
    expect(refused).toEqual([]);
    expect(status).toEqual([201]);
    expect(checks).toEqual([
      '14:13 success type "boolean"',
      '15:13 data.id type "string"',
      '16:15 data.name type "string"',
      '17:24 data.app_code_name type "string"',
      '18:19 data.app_type type "string"',
      '19:23 data.redirect_uri type "string"',
      '20:17 data.scopes type "array"',
      '21:20 data.client_id type "string"',
      '22:24 data.client_secret type "string"',
      '23:21 data.created_at type "string"',
      '49:3 success equals true',
      '50:3 data.app_code_name equals "growth_e_create"',
      '51:3 data.app_type equals "internal"',
      '52:3 data.scopes equals ["openid","clients:read"]',
    ]);
  });

  it('list-apps: `data[].x` rows check every item; `some`/`no` `data[]` bullets are quantified', () => {
    const { checks, refused } = sections(dialect('e-growth-terse/list-apps.md'));
    expect(refused).toEqual([]);
    expect(checks).toEqual([
      '14:13 success type "boolean"',
      '15:10 data type "array"',
      '16:22 every data[]: client_id type "string"',
      '17:26 every data[]: app_code_name type "string"',
      '44:3 success equals true',
      '45:3 some data[]: client_id equals "<<app.data.client_id>>"',
      '46:3 none data[]: client_secret exists true',
    ]);
  });

  it('service-token: header, JSON number, absent field; `types as in the Contract table` reads as the table', () => {
    expect(sections(dialect('e-growth-terse/service-token.md')).checks.slice(4)).toEqual([
      '32:3 header cache-control equals "no-store"',
      '33:3 token_type equals "Bearer"',
      '34:3 expires_in equals 3600',
      '35:3 scope equals "openid"',
      '36:3 refresh_token exists false',
    ]);
    const typed = sections(dialect('e-growth-terse/service-token-expires-string.md'));
    expect(typed.refused).toEqual([]);
    expect(typed.checks).toContain('21:16 expires_in type "string"');
    expect(typed.read).toEqual(expect.arrayContaining([17, 34]));
  });

  it('refuses what it does not read at its cell: a type, a field, a column', () => {
    const table = (head: string, ...rows: string[]) =>
      sections(['## Contract', '', head, '|---|---|', ...rows].join('\n')).refused;
    expect(table('| field | type |', '| id | uuid |', '| a[].b[].c | string |', '| `error code` | string |')).toEqual([
      '5:8 "uuid" is not a type cardcheck checks, so nothing would check this row',
      '6:3 cardcheck does not read the field "a[].b[].c" of this row as a path',
      '7:3 cardcheck does not read the field "error code" of this row as a path',
    ]);
    expect(table('| field | type | required |', '| id | string | yes |')).toEqual([
      '3:18 this Contract table has a column "required", which cardcheck does not read',
    ]);
    expect(table('| name | kind |', '| id | string |')).toEqual([
      '3:3 this Contract table has a column "name", which cardcheck does not read',
    ]);
    expect(sections('## Response Contract\n\n- types as in the Contract table\n').refused).toEqual([
      '3:3 this bullet points at a Contract table, but the card has none that cardcheck read',
    ]);
  });
});

describe("author C's field<TAB>rule lists", () => {
  it('create-service-account: UUID, prefix and date-time rules, each at its rule', () => {
    const { checks, refused, read } = sections(dialect('c-treasury-http/create-service-account.md'));
    expect(refused).toEqual([]);
    expect(read).toEqual([42]);
    const uuid = '"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"';
    const dateTime =
      '"^\\\\d{4}-\\\\d{2}-\\\\d{2}T\\\\d{2}:\\\\d{2}:\\\\d{2}(?:\\\\.\\\\d+)?(?:Z|[+-]\\\\d{2}:?\\\\d{2})$"';
    expect(checks).toEqual([
      `44:4 id matches ${uuid}`,
      `45:11 client_id matches ${uuid}`,
      '46:15 client_secret matches "^cs_sandbox_"',
      `47:12 created_at matches ${dateTime}`,
      `48:12 updated_at matches ${dateTime}`,
    ]);
  });

  it('non-empty string, a quoted value, JWT with a comment', () => {
    expect(sections(dialect('c-treasury-http/issue-token-form-scope.md')).checks).toEqual([
      '57:14 access_token matches "^[\\\\s\\\\S]"',
      '58:19 issued_token_type equals "urn:ietf:params:oauth:token-type:access_token"',
    ]);
    expect(sections(dialect('c-treasury-http/issue-token-json.md')).checks).toEqual([
      '57:14 access_token matches "^[A-Za-z0-9_-]+\\\\.[A-Za-z0-9_-]+\\\\.[A-Za-z0-9_-]+$"',
    ]);
  });

  it('reads the other rules, and refuses one it does not read at its line:column', () => {
    const list = (...lines: string[]) =>
      sections(['## Expected Result', '', '```', 'field\trule', ...lines, '```'].join('\n'));
    const read = list(
      'a\tstarts with cs_',
      'b\tinteger',
      'c\t3600',
      'd\tabsent',
      'e\t> 0',
      'f\tis one of x, y',
      'items[].id\tUUID',
      'g\tISO 8601 date',
      'h\tan object',
    );
    expect(read.refused).toEqual([]);
    expect(read.checks).toEqual([
      '5:3 a matches "^cs_"',
      '6:3 b type "integer"',
      '7:3 c equals 3600',
      '8:3 d exists false',
      '9:3 e greaterThan 0',
      '10:3 f oneOf ["x","y"]',
      '11:12 every items[]: id matches "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"',
      '12:3 g matches "^\\\\d{4}-\\\\d{2}-\\\\d{2}$"',
      '13:3 h type "object"',
    ]);
    expect(list('token\t\tlooks fine', 'just one word', 'a b\tstring').refused).toEqual([
      '5:8 cardcheck does not read the rule "looks fine", so nothing would check token',
      '6:1 this line of the rule list is not `field<TAB>rule`, so nothing would check it',
      '7:1 this line of the rule list is not `field<TAB>rule`, so nothing would check it',
    ]);
  });
});

describe('the census of unread expectations', () => {
  const errors = (text: string) =>
    parseCard(`---\nendpoint: GET /x\n---\n${text}`, 'card.md')
      .diagnostics.filter((d) => d.ruleId === 'unreadable-expectation')
      .map((d) => `${d.line}:${d.column} ${d.message}`);

  it('does not refuse a table or rule list that was read, and refuses a refused one once', () => {
    expect(errors('## Contract\n\n| field | type |\n|---|---|\n| id | string |\n')).toEqual([]);
    expect(errors('## Expected Result\n\n```\nfield\trule\nid\tUUID\n```\n')).toEqual([]);
    expect(errors('## Contract\n\n| field | type |\n|---|---|\n| id | uuid |\n')).toEqual([
      '8:8 "uuid" is not a type cardcheck checks, so nothing would check this row',
    ]);
    expect(errors('## Expected Result\n\n```\nid: UUID\n```\n')).toEqual([
      '6:1 this code block under "Expected Result" is not read (only the first JSON block and JSON examples after a status line are), so nothing would check it',
    ]);
  });

  it('reads a quantified bullet at its line and column, and refuses one it cannot read', () => {
    const { card, diagnostics } = parseCard(
      '---\nendpoint: GET /x\n---\n## Assertions\n\n- status 200\n- some item of body.apps has _id equal to ${APP_ID}\n- every item in body.apps looks fine\n',
      'card.md',
    );
    expect(card?.expect?.assertions).toStrictEqual([
      {
        target: { kind: 'body', path: '_id' },
        op: 'equals',
        value: '{{env.APP_ID}}',
        each: { quantifier: 'some', path: 'apps' },
        line: 7,
        column: 3,
      },
    ]);
    expect(card?.expect?.placeholders).toEqual([{ expr: 'env.APP_ID', raw: '${APP_ID}', line: 7, column: 43 }]);
    const unread = diagnostics.filter((d) => d.ruleId === 'unreadable-expectation');
    expect(unread.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '8:3 cardcheck does not read this bullet, so nothing would check what it says',
    ]);
  });

  it("reads prose under a `### Response 201` subsection of a bullet section as that example's, and refuses a list there", () => {
    const sub = '## Contract\n\n- status 201\n\n### Response 201\n\nExample only:\n\n- not a check\n';
    expect(errors(sub)).toEqual(['12:1 this list under "Contract" is not read, so nothing would check what it says']);
  });
});
