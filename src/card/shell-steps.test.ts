import { describe, expect, it } from 'vitest';
import { readShellSteps } from './shell-steps.js';

const block = (...lines: string[]) => lines.join('\n');

describe('setup steps written as shell', () => {
  it('NAME=$(curl … | jq -r .path) sends the curl request and saves the path as NAME, located at the name', () => {
    const { steps, diagnostics } = readShellSteps(
      block(
        'APP_ID=$(curl -s -X POST "https://chat.example.com/api/v1/oauth-apps.create" \\',
        '  -H "X-Auth-Token: $TOKEN" \\',
        '  -H "Content-type: application/json" \\',
        `  -d '{"name":"b"}' \\`,
        "  | jq -r '.application._id')",
      ),
      20,
      'b.md',
    );
    expect(diagnostics).toEqual([]);
    expect(steps).toHaveLength(1);
    const [step] = steps;
    expect(step?.saves).toEqual([{ name: 'APP_ID', path: 'application._id', line: 20, column: 1 }]);
    expect(step?.request).toMatchObject({
      method: 'POST',
      path: '/api/v1/oauth-apps.create',
      headers: { 'X-Auth-Token': '{{env.TOKEN}}', 'Content-type': 'application/json' },
      body: { name: 'b' },
      line: 20,
      column: 10,
    });
    // The placeholder keeps the text as written and its place in the card.
    expect(step?.request.placeholders).toEqual([{ expr: 'env.TOKEN', raw: '$TOKEN', line: 21, column: 21 }]);
  });

  it('reads each command of a block as its own step, a bare curl saving nothing', () => {
    const { steps, diagnostics } = readShellSteps(
      block(
        '# make two apps',
        "A=$(curl -X POST https://h.example/apps -d '{}' -H 'Content-Type: application/json' | jq -r .data.id)",
        '',
        'curl -X DELETE "https://h.example/apps/$A"',
      ),
      5,
      'b.md',
    );
    expect(diagnostics).toEqual([]);
    expect(steps.map((s) => [s.request.method, s.request.path, s.saves.map((v) => v.name), s.line])).toEqual([
      ['POST', '/apps', ['A'], 6],
      ['DELETE', '/apps/{{env.A}}', [], 8],
    ]);
  });

  it('NAME=$(echo "$RESPONSE" | jq …) names a value of the response under test and sends nothing', () => {
    const { steps, responseValues } = readShellSteps(
      `APP_ID=$(echo "$RESPONSE" | jq -r '.application._id')`,
      9,
      'b.md',
    );
    expect(steps).toEqual([]);
    expect(responseValues).toEqual([{ name: 'APP_ID', path: 'application._id', line: 9, column: 1 }]);
  });

  it('refuses a jq filter that is not a plain path, at the filter', () => {
    const { steps, diagnostics } = readShellSteps(`N=$(curl https://h.example/apps | jq '.items | length')`, 3, 'b.md');
    expect(steps).toEqual([]);
    expect(diagnostics.map((d) => [d.ruleId, d.line, d.column, d.message])).toEqual([
      [
        'unreadable-request',
        3,
        39,
        'cardcheck cannot tell what N holds: the jq filter ".items | length" is not a plain path',
      ],
    ]);
  });

  it('refuses a command that is not curl, at the command', () => {
    const { diagnostics } = readShellSteps('sleep 5', 3, 'b.md');
    expect(diagnostics.map((d) => [d.ruleId, d.line, d.column, d.message])).toEqual([
      ['unreadable-request', 3, 1, 'the block runs "sleep", not curl'],
    ]);
  });
});
