import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/core/result.js';
import { runCards } from '../../src/runner/run-cards.js';
import { ROOT } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * A replayed authorization code may revoke the tokens it issued (RFC 6749 §4.1.2). When another card uses the
 * exchange's answer, `followup-code-single-use` waits until that card and the run's cleanups are done, and the
 * exchange's card is reported (verdict included) only then: never skipped, never before its users.
 */

const USES_TOKEN = `---
endpoint: GET /resource
status: success
endpointKind: protected-resource
---
# The exchanged token opens the protected resource

## Request Template

\`\`\`json
{
  "method": "GET",
  "path": "/resource",
  "auth": "none",
  "headers": { "Authorization": "Bearer {{card.token-authorization-code.response.access_token}}" }
}
\`\`\`

## Expected Response

\`\`\`json
{ "status": 200 }
\`\`\`
`;

async function project(): Promise<string> {
  const dir = await tempDir('cardcheck-postponed-');
  await mkdir(path.join(dir, 'specs/oauth'), { recursive: true });
  await copyFile(path.join(ROOT, 'cardcheck.config.yaml'), path.join(dir, 'cardcheck.config.yaml'));
  await copyFile(
    path.join(ROOT, 'specs/oauth/token-authorization-code.md'),
    path.join(dir, 'specs/oauth/token-authorization-code.md'),
  );
  await writeFile(path.join(dir, 'specs/oauth/uses-token.md'), USES_TOKEN);
  return dir;
}

const run = async (breaks: string[] = []) => {
  const dir = await project();
  const ended: string[] = [];
  const onEvent = (e: RunEvent) => {
    if (e.type === 'card-end') ended.push(path.basename(e.result.file));
  };
  const result = await runCards({
    cwd: dir,
    paths: ['specs/oauth'],
    ledgerDir: false,
    trace: 'on',
    onEvent,
    sandbox: { breaks },
  });
  const exchange = result.cards.find((c) => c.file.endsWith('token-authorization-code.md'));
  const replay = exchange?.checks.find((k) => k.rule === 'followup-code-single-use');
  return { result, ended, exchange, replay };
};

describe('a code exchange other cards use', () => {
  it('is replayed after them: the card using its token passes, the replay is refused, the exchange reported last', async () => {
    const { result, ended, exchange, replay } = await run();
    expect(result.cards.map((c) => [path.basename(c.file), c.outcome])).toEqual([
      ['token-authorization-code.md', 'passed'],
      ['uses-token.md', 'passed'],
    ]);
    expect(ended).toEqual(['uses-token.md', 'token-authorization-code.md']);
    expect(replay).toMatchObject({ kind: 'standard', passed: true });
    expect(exchange?.requests.map((r) => r.label)).toContain('follow-up followup-code-single-use');
    expect(result.leftBehind).toEqual([]);
  }, 60_000);

  it('fails the exchange, at the end, when the server accepts the replayed code', async () => {
    const { result, ended, exchange, replay } = await run(['oauth-followup-code-single-use']);
    expect(ended).toEqual(['uses-token.md', 'token-authorization-code.md']);
    expect(result.cards.find((c) => c.file.endsWith('uses-token.md'))?.outcome).toBe('passed');
    expect(exchange?.outcome).toBe('failed');
    expect(replay).toMatchObject({ passed: false });
    expect(exchange?.reason).toMatch(/authorization code works once/i);
    expect(result.summary).toMatchObject({ passed: 1, failed: 1 });
  }, 60_000);
});
