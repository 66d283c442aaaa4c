import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardcheck } from '../support/cli.js';
import { SANDBOX_CONFIG, writeCards } from '../support/temp-cards.js';

/** `cardcheck new`: a skeleton lint-clean but for its TODO values, listed with their lines; filled in, it passes. */

/** The `file:line:col` of each todo-value lint reports. */
const todoLines = (out: string) => [...out.matchAll(/^(\S+:\d+:\d+) error todo-value /gm)].map((m) => m[1]);

describe('cardcheck new', () => {
  it('POST /apps/{id}/keys: the TODO lines it lists are exactly what lint reports', async () => {
    const dir = await writeCards({
      'cardcheck.config.yaml': 'targets:\n  t:\n    apis: { a: "http://127.0.0.1:9" }\n',
    });
    const res = await cardcheck(['new', 'POST', '/apps/{id}/keys'], { cwd: path.join(dir) });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('wrote specs/post-apps-id-keys.md: POST /apps/{id}/keys');
    const listed = [...res.stdout.matchAll(/^ {2}(specs\/post-apps-id-keys\.md:\d+:\d+) {2}TODO/gm)].map((m) => m[1]);
    expect(listed).toHaveLength(4);
    const lint = await cardcheck(['lint'], { cwd: dir });
    expect(lint.code).toBe(2);
    expect(todoLines(lint.stdout)).toEqual(listed);
    expect(lint.stdout).toContain('1 card checked: 4 errors, 0 warnings');
    const text = await readFile(path.join(dir, 'specs/post-apps-id-keys.md'), 'utf8');
    expect(text).toContain('"path": "/apps/{{resolved.id}}/keys"');
    expect(text).toContain('"create_endpoint": "POST /apps"');
    expect(text).toContain('"cleanup_endpoint": "DELETE /apps/{{resolved.id}}"');
    // A second new does not overwrite it.
    const again = await cardcheck(['new', 'POST', '/apps/{id}/keys'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('specs/post-apps-id-keys.md already exists; pass --force to replace it');
  });

  it('filled in, the card passes against the sandbox; from a subfolder it goes to specs/ beside the config', async () => {
    const dir = await writeCards({ 'cardcheck.config.yaml': SANDBOX_CONFIG, 'specs/vcita/.keep': '' });
    const res = await cardcheck(['new', 'get', '/platform/v1/apps/{client_id}'], {
      cwd: path.join(dir, 'specs/vcita'),
    });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('wrote ../get-platform-v1-apps-client-id.md');
    const file = path.join(dir, 'specs/get-platform-v1-apps-client-id.md');
    const filled = (await readFile(file, 'utf8'))
      .replace(
        /"name": "TODO[^"]*"/,
        '"name": "New Card App", "app_code_name": "newcard{{timestamp}}", "redirect_uri": "https://example.com/cb"',
      )
      .replace(/"extract_from": "TODO[^"]*"/, '"extract_from": "data.client_id"');
    await writeFile(file, filled);
    const lint = await cardcheck(['lint'], { cwd: dir });
    expect(lint.stdout).toContain('1 card checked: 0 errors, 0 warnings');
    const run = await cardcheck(['run', '--reporter', 'console'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/✓ passed {2}GET \/platform\/v1\/apps\/\{client_id\}/);
  });

  it('--from-openapi FILE#operationId: method, path, example body, status and schema from the document', async () => {
    const dir = await writeCards({
      'cardcheck.config.yaml': 'targets:\n  t:\n    apis: { a: "http://127.0.0.1:9" }\n',
      'api.yaml': [
        'openapi: 3.0.3',
        'info: { title: Pets, version: "1" }',
        'paths:',
        '  /owners/{ownerId}/pets:',
        '    post:',
        '      operationId: addPet',
        '      summary: Add a pet',
        '      requestBody:',
        '        content:',
        '          application/json:',
        '            example: { name: Rex, kind: dog }',
        '      responses:',
        '        "201":',
        '          description: made',
        '          content:',
        '            application/json:',
        '              schema: { type: object, required: [id], properties: { id: { type: integer } } }',
        '',
      ].join('\n'),
    });
    const res = await cardcheck(['new', '--from-openapi', 'api.yaml#addPet', '--out', 'cards'], { cwd: dir });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(
      'wrote cards/post-owners-ownerid-pets.md: POST /owners/{ownerId}/pets, from operation addPet of api.yaml',
    );
    const text = await readFile(path.join(dir, 'cards/post-owners-ownerid-pets.md'), 'utf8');
    expect(text).toContain('# Add a pet');
    expect(text).toMatch(/"body": \{\n\s+"name": "Rex",\n\s+"kind": "dog"\n\s+\}/);
    expect(text).toMatch(/"status": 201,\n\s+"schema": \{\n\s+"type": "object",\n\s+"required": \[\n\s+"id"/);
    const lint = await cardcheck(['lint', 'cards'], { cwd: dir });
    // The UID stub (body, where the id is) and the request's cleanup are left to fill in; the body came from the document.
    expect(todoLines(lint.stdout)).toHaveLength(3);
    expect(lint.stdout).toContain('1 card checked: 3 errors, 0 warnings');

    const unknown = await cardcheck(['new', '--from-openapi', 'api.yaml#nope'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'cardcheck new: --from-openapi api.yaml#nope: no operation "nope" in api.yaml (operations: addPet)',
    );
    const bad = await cardcheck(['new', 'FETCH', '/x'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('FETCH: give an HTTP method');
    expect((await readdir(path.join(dir, 'cards'))).length).toBe(1);
  });
});
