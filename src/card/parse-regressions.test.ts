import { describe, expect, it } from 'vitest';
import { sourceLine } from '../core/source.js';
import { schemaFromExample } from '../verify/example-schema.js';
import { parseCard } from './parse-card.js';

const rules = (input: string | Uint8Array) =>
  parseCard(input, 'c.md').diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`);

describe('parser fixes found while writing golden fixtures and fuzzing', () => {
  it('never runs or chokes on a language tag after the opening ---', () => {
    const g = globalThis as { cardcheckEvaluated?: boolean };
    // gray-matter picked a parser from the tag: `---js` ran eval on the front-matter.
    const js = parseCard('---js\n({ endpoint: (globalThis.cardcheckEvaluated = true) })\n---\n# T\n', 'c.md');
    expect(g.cardcheckEvaluated).toBeUndefined();
    // Read as YAML, that front-matter is one string, not `key: value` lines.
    expect(js.diagnostics.map((d) => d.ruleId)).toEqual(['not-a-card']);
    // …and threw on `---json` with bad JSON, or any tag it had no parser for.
    expect(() => parseCard('---json\n{bad\n---\n# T\n', 'c.md')).not.toThrow();
    expect(
      parseCard(
        '---toml\nendpoint: GET /x\n---\n## Request Template\n```json\n{"method":"GET","path":"/x"}\n```\n',
        'c.md',
      ).card?.frontMatter.endpoint,
    ).toBe('GET /x');
  });

  it('does not call a card with broken front-matter a vendor doc page', () => {
    expect(rules('---\nendpoint: GET /x\nstatus: success\n\n# T\n\nSome text.\n')).toEqual([
      '1:1 unclosed-front-matter',
      '7:1 invalid-front-matter',
    ]);
    expect(rules('---\nendpoint: [GET /x\n---\n# T\n')).toEqual(['2:18 invalid-front-matter']);
  });

  it('says where the Request Template went when a code block above it swallowed it', () => {
    const card =
      '---\nendpoint: GET /x\n---\n# T\n\n```bash\ncurl https://x\n\n## Request Template\n\n```json\n{ "method": "GET", "path": "/x" }\n```\n';
    const [d] = parseCard(card, 'c.md').diagnostics;
    expect(d).toMatchObject({ ruleId: 'missing-request-template', line: 6, column: 1 });
    expect(d?.message).toBe(
      'the "## Request Template" heading on line 9 is inside the code block that starts here, so the card has no Request Template',
    );
  });

  it('puts the invalid-utf8 caret under the bad byte, counting characters and CR line ends like the text', () => {
    const bytes = Buffer.concat([
      Buffer.from('---\r\nendpoint: GET /x\r\n---\r# Über café '),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    const result = parseCard(bytes, 'c.md');
    const d = result.diagnostics.find((x) => x.ruleId === 'invalid-utf8');
    expect(d).toMatchObject({ line: 4, column: 13 });
    expect(sourceLine(result.text, 4)?.[12]).toBe('\ufffd');
  });

  it('reads response examples under "## Responses" when an "## Expected Response" section comes first', () => {
    const card = [
      '---',
      'endpoint: POST /oauth/token',
      '---',
      '# Token',
      '',
      '## Request Template',
      '',
      '```json',
      '{ "method": "POST", "path": "/oauth/token" }',
      '```',
      '',
      '## Expected Response',
      '',
      '```json',
      '{ "status": 200 }',
      '```',
      '',
      '## Responses',
      '',
      '**200 Operation succeeded**',
      '',
      '```json',
      '{ "access_token": "x", "expires_in": 3600 }',
      '```',
      '',
      '**400 Invalid request payload**',
      '',
      '```json',
      '{ "code": "invalid_request" }',
      '```',
      '',
    ].join('\n');
    const { card: parsed, diagnostics } = parseCard(card, 'c.md');
    expect(diagnostics).toEqual([]);
    expect(parsed?.expect?.status).toEqual([200]);
    expect(parsed?.examples.map((e) => [e.status, e.description, e.line])).toEqual([
      [200, 'Operation succeeded', 22],
      [400, 'Invalid request payload', 28],
    ]);
    expect(schemaFromExample(parsed?.examples[0]?.body ?? null)).toEqual({
      type: 'object',
      required: ['access_token', 'expires_in'],
      properties: { access_token: { type: 'string' }, expires_in: { type: 'integer' } },
    });
  });

  it('reports JSON nested thousands deep instead of overflowing the stack', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    for (const body of [deep, '['.repeat(10_000)]) {
      const card = `---\nendpoint: POST /x\n---\n## Request Template\n\`\`\`json\n{"method":"POST","path":"/x","body":${body}}\n\`\`\`\n`;
      const result = parseCard(card, 'c.md');
      expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['6:292 invalid-json']);
      expect(result.diagnostics[0]?.message).toBe(
        'the Request Template nests deeper than 256 levels, more than cardcheck reads',
      );
    }
  });
});
