import { describe, expect, it } from 'vitest';
import { parseCard } from './parse-card.js';

const card = (frontMatter: string, ...sections: string[]) =>
  [
    '---',
    'endpoint: GET /a',
    frontMatter,
    '---',
    '# A',
    '',
    '## Request Template',
    '',
    '```json',
    '{ "method": "GET", "path": "/a" }',
    '```',
    '',
    ...sections,
    '',
  ].join('\n');

const refusals = (text: string) =>
  parseCard(text, 'a.md').diagnostics.map((d) => `${d.ruleId} ${d.line}:${d.column} ${d.message}`);

describe('one expected status, however many forms state it', () => {
  it('joins the same status stated twice', () => {
    const text = card('expectedStatus: 201', '## Assertions', '', '- status is 201');
    expect(refusals(text)).toEqual([]);
    expect(parseCard(text, 'a.md').card?.expect?.status).toEqual([201]);
  });

  it('refuses a front-matter status the Expected Response block contradicts', () => {
    expect(
      refusals(card('expectedStatus: 201', '## Expected Response', '', '```json', '{ "status": 200 }', '```')),
    ).toEqual([
      'unreadable-expectation 3:1 front-matter "expectedStatus" says 201, but the Expected Response block on line 16 says 200',
    ]);
  });

  it('refuses a Response section and a status bullet that contradict the front-matter', () => {
    const response = card('expected_status: 200', '## Response 201', '', '```json', '{ "id": "x" }', '```');
    expect(refusals(response)).toEqual([
      'unreadable-expectation 13:1 this section shows the 201 response, but the card expects 200 elsewhere',
    ]);
    const bullet = card('expected_status: 200', '## Assertions', '', '- status is 404');
    expect(refusals(bullet)).toEqual([
      'unreadable-expectation 15:3 this bullet expects 404, but the card expects 200 elsewhere',
    ]);
  });
});
