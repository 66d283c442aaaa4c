import { describe, expect, it } from 'vitest';
import { parseCard } from './parse-card.js';
import { schemaKeywordPosition } from './schema-position.js';

const card = (block: string) =>
  [
    '---',
    'endpoint: GET /a',
    '---',
    '# A',
    '',
    '## Request Template',
    '',
    '```json',
    '{ "method": "GET", "path": "/a" }',
    '```',
    '',
    '## Expected Response',
    '',
    '```json',
    block,
    '```',
    '',
  ].join('\n');

function place(text: string, pointer: string) {
  const at = parseCard(text, 'a.md').card?.expect?.schemaAt;
  return at && schemaKeywordPosition(text, at, pointer);
}

describe('where a schema keyword is written', () => {
  it('finds it under "schema" in the Expected Response block', () => {
    const text = card(
      '{\n  "status": 200,\n  "schema": {\n    "required": ["id", "name"],\n    "properties": { "id": { "type": "string" } }\n  }\n}',
    );
    expect(place(text, '/required/1')).toEqual({ line: 18, column: 24 });
    expect(place(text, '/properties/id/type')).toEqual({ line: 19, column: 37 });
  });

  it('finds it in a schema standing on its own, and gives nothing for a pointer the schema does not have', () => {
    const text = card('{ "type": "object", "required": ["id"] }');
    expect(place(text, '/required/0')).toEqual({ line: 15, column: 34 });
    expect(place(text, '/properties/nope/type')).toBeUndefined();
  });
});
