import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { cardcheck, ROOT } from '../support/cli.js';
import { tempDirSync } from '../support/temp-dir.js';

/**
 * A third real public OpenAPI document, of another shape than Petstore and
 * GitHub's: Blockfrost's Cardano API (`@blockfrost/openapi` 0.1.93, MIT,
 * vendored unchanged): no operationIds (files are named from method and path),
 * a header API key (`project_id`) as its only security scheme, read-only
 * blockchain resources behind path parameters that nothing in the document
 * creates (so their values come from its examples), four servers, CBOR bodies.
 */
const DOC = 'fixtures/openapi/blockfrost-0.1.93.yaml';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

function operationCount(text: string): number {
  const doc = parseYaml(text) as { paths: Record<string, Record<string, unknown>> };
  return Object.values(doc.paths).reduce(
    (n, item) => n + Object.keys(item).filter((k) => METHODS.includes(k)).length,
    0,
  );
}

describe('cardcheck import of a third public OpenAPI document (Blockfrost)', () => {
  it('drafts one card per operation, every one lint-clean but for the values listed, most needing no value', async () => {
    const dir = tempDirSync('cardcheck-import-blockfrost-');
    cpSync(path.join(ROOT, DOC), path.join(dir, 'blockfrost.yaml'));
    const operations = operationCount(readFileSync(path.join(dir, 'blockfrost.yaml'), 'utf8'));

    const imported = await cardcheck(['import', 'blockfrost.yaml', '--out', 'specs/blockfrost'], { cwd: dir });
    expect(imported.code, imported.stderr).toBe(0);
    const summary = /^(\d+) drafts: (\d+) runnable, (\d+) need values/m.exec(imported.stdout);
    expect(summary, imported.stdout).not.toBeNull();
    const [drafts, runnable, needing] = [Number(summary?.[1]), Number(summary?.[2]), Number(summary?.[3])];
    expect(drafts).toBe(operations);
    expect(readdirSync(path.join(dir, 'specs/blockfrost')).filter((f) => f.endsWith('.md'))).toHaveLength(drafts);
    expect(runnable + needing).toBe(drafts);
    // A document of this size yields mostly cards that run as drafted.
    expect(runnable).toBeGreaterThan(drafts / 2);

    // Lint-clean but for the values to fill: every error is a todo-value, in a draft listed as needing values.
    const errors = [...imported.stdout.matchAll(/^(specs\/\S+\.md):\d+:\d+ error (\S+)/gm)];
    expect(errors.map((m) => m[2]).filter((rule) => rule !== 'todo-value')).toEqual([]);
    const listed = new Set([...imported.stdout.matchAll(/^ {2}(specs\/\S+\.md):\d+ {2}/gm)].map((m) => m[1]));
    expect(listed.size).toBe(needing);
    for (const m of errors) expect(listed, m[0]).toContain(m[1]);
    const lintClean = drafts - new Set(errors.map((m) => m[1])).size;

    // The header API key is a credential from the environment, not a value per card.
    expect(imported.stdout).toMatch(
      /Credentials from the environment .*BLOCKFROST_IO_PROJECT_ID \(security scheme project_id\)/,
    );

    // With the credential set, the runnable drafts build their requests; the others stop at the value to set.
    const dry = await cardcheck(['run', 'specs/blockfrost', '--dry-run', '--target', 'http://127.0.0.1:9/api/v0'], {
      cwd: dir,
      env: { BLOCKFROST_IO_PROJECT_ID: 'placeholder-project-id' },
    });
    expect(dry.stdout).toContain(`dry run: nothing was sent; ${needing} cards would error`);

    console.log(
      `import-third-doc blockfrost (@blockfrost/openapi 0.1.93): ${operations} operations, ${drafts} drafts, ${lintClean} lint-clean as drafted (${drafts} once the listed values are set), ${runnable} need no value, ${needing} need one`,
    );
  });
});
