import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardcheck } from '../support/cli.js';
import { writeCards } from '../support/temp-cards.js';
import { tempDir } from '../support/temp-dir.js';

/** A card with the three ways out of the target: //host, .. above the base from a step, .. in the template. */
const CARD = `---
endpoint: GET /../../admin/users
status: success
---
# Request paths that would leave the target

## UID Resolution Procedure

\`\`\`json
{
  "client_id": {
    "create_endpoint": "POST //evil.example/platform/v1/apps",
    "extract_from": "data.client_id",
    "cleanup_endpoint": "DELETE /platform/{{resolved.client_id}}/../../.."
  }
}
\`\`\`

## Request Template

\`\`\`json
{
  "method": "GET",
  "path": "/../../admin/users"
}
\`\`\`
`;

const HINT =
  '  hint: Write the path relative to the API\'s base URL: one leading /, no host and no "..". Hosts belong in cardcheck.config.yaml (targets.<name>.apis).';

describe('path-escapes-target as users see it', () => {
  it('cardcheck lint points at each escaping path, with its line, a caret and the fix; exit 2', async () => {
    const dir = await writeCards({ 'escape.md': CARD });
    const res = await cardcheck(['lint', 'escape.md'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stdout.split('\n')).toEqual([
      'escape.md:12:30 error path-escapes-target the path "//evil.example/platform/v1/apps" of the create step of "client_id" could leave the target: it starts with //, which names a host',
      '  12 |     "create_endpoint": "POST //evil.example/platform/v1/apps",',
      '     |                              ^',
      HINT,
      'escape.md:14:33 error path-escapes-target the path "/platform/{{resolved.client_id}}/../../.." of the cleanup step of "client_id" could leave the target: its ".." segments climb above the base path of the target',
      '  14 |     "cleanup_endpoint": "DELETE /platform/{{resolved.client_id}}/../../.."',
      '     |                                 ^',
      HINT,
      'escape.md:24:12 error path-escapes-target the path "/../../admin/users" of the Request Template could leave the target: its ".." segments climb above the base path of the target',
      '  24 |   "path": "/../../admin/users"',
      '     |            ^',
      HINT,
      '1 card checked: 3 errors, 0 warnings',
      '',
    ]);
  });

  it('cardcheck run reports the card errored before anything is sent', async () => {
    const dir = await writeCards({ 'escape.md': CARD });
    const out = await tempDir('cardcheck-escape-');
    // Port 9 on loopback: were anything sent, the card would say the connection was refused.
    const res = await cardcheck(['run', 'escape.md', '--target', 'http://127.0.0.1:9/api', '--out', out], { cwd: dir });
    expect(res.code).toBe(2);
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as {
      cards: { outcome: string; reason: string; requests: unknown[] }[];
    };
    expect(results.cards[0]).toMatchObject({ outcome: 'errored', requests: [] });
    expect(results.cards[0]?.reason).toMatch(/path-escapes-target|could leave the target/);
    expect(res.stdout).not.toMatch(/refused the connection/);
  });
});
