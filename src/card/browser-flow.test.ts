import { describe, expect, it } from 'vitest';
import { parseCard } from './parse-card.js';

const withCode = (code: unknown) =>
  [
    '---',
    'endpoint: POST /oauth/token',
    'status: success',
    '---',
    '# Exchange',
    '',
    '## UID Resolution Procedure',
    '',
    '```json',
    JSON.stringify({ code }, null, 2),
    '```',
    '',
    '## Request Template',
    '',
    '```json',
    '{ "method": "POST", "path": "/oauth/token", "body": { "code": "{{resolved.code}}" } }',
    '```',
    '',
  ].join('\n');

const problems = (code: unknown) =>
  parseCard(withCode(code), 'c.md').diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`);

describe('browser flows in UID fields', () => {
  it('reads open, steps and redirect_uri, with the placeholders inside located', () => {
    const { card, diagnostics } = parseCard(
      withCode({
        from_person: 'consent in a browser',
        browser: {
          open: '/oauth/authorize?client_id={{env.CLIENT}}',
          steps: [{ fill: '#u', with: '{{env.USER}}' }, { click: '#allow' }],
          redirect_uri: 'https://example.com/cb',
        },
        extract_from: 'code',
      }),
      'c.md',
    );
    expect(diagnostics).toEqual([]);
    const source = card?.uidFields[0]?.source;
    expect(source).toMatchObject({
      kind: 'external',
      description: 'consent in a browser',
      extractFrom: 'code',
      browser: {
        open: '/oauth/authorize?client_id={{env.CLIENT}}',
        steps: [{ fill: '#u', with: '{{env.USER}}' }, { click: '#allow' }],
        redirectUri: 'https://example.com/cb',
      },
    });
    expect(source?.kind === 'external' ? source.browser?.placeholders.map((p) => [p.expr, p.line]) : []).toEqual([
      ['env.CLIENT', 14],
      ['env.USER', 18],
    ]);
  });

  it('says what is wrong with a flow, at its "browser" key', () => {
    expect(problems({ browser: 'open the page', extract_from: 'code' })).toEqual([
      '12:5 invalid-uid-block the browser flow of "code" must be an object',
    ]);
    expect(
      problems({ browser: { open: 'oauth/authorize', redirect_uri: 'https://x/cb' }, extract_from: 'code' }),
    ).toEqual([
      '12:5 invalid-uid-block the browser flow of "code" needs "open": a path of the API (starting with /) or a URL',
    ]);
    expect(problems({ browser: { open: '/a' }, extract_from: 'code' })).toEqual([
      '12:5 invalid-uid-block the browser flow of "code" needs "redirect_uri": where the flow ends (the app\'s redirect URI)',
    ]);
    expect(
      problems({
        browser: { open: '/a', redirect_uri: 'https://x/cb', steps: [{ type: '#u' }] },
        extract_from: 'code',
      }),
    ).toEqual([
      '12:5 invalid-uid-block each step of the browser flow of "code" is { "fill": "<selector>", "with": "<value>" } or { "click": "<selector>" }',
    ]);
    expect(problems({ browser: { open: '/a', redirect_uri: 'https://x/cb' } })).toEqual([
      '11:3 missing-extract UID field "code" has a browser flow but no "extract_from": which query parameter of the redirect holds the value?',
    ]);
  });
});
