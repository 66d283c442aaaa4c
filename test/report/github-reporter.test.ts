import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatAnnotation } from '../../src/report/github/workflow-command.js';
import { cardcheck } from '../support/cli.js';
import { replay } from '../support/collect.js';
import { sampleRun } from '../support/sample-run.js';
import { tempDir } from '../support/temp-dir.js';

/** Read a workflow command back the way the Actions runner does. */
function parseCommand(line: string): { command: string; props: Record<string, string>; message: string } | undefined {
  const m = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
  if (!m) return undefined;
  const unescapeCommand = (s: string) =>
    s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const props = Object.fromEntries(
    (m[2] ?? '').split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), unescapeCommand(kv.slice(kv.indexOf('=') + 1))]),
  );
  return { command: m[1] ?? '', props, message: unescapeCommand(m[3] ?? '') };
}

describe('github reporter', () => {
  it('escapes workflow commands as the Actions toolkit does', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('a: b, c%')).toBe('a%3A b%2C c%25');
    const line = formatAnnotation({
      level: 'error',
      file: 'specs/a,b.md',
      line: 3,
      title: 'cardcheck: GET /x failed',
      message: 'one\ntwo ::error:: 5%',
    });
    expect(line).toBe('::error file=specs/a%2Cb.md,line=3,title=cardcheck%3A GET /x failed::one%0Atwo ::error:: 5%25');
    expect(parseCommand(line)).toEqual({
      command: 'error',
      props: { file: 'specs/a,b.md', line: '3', title: 'cardcheck: GET /x failed' },
      message: 'one\ntwo ::error:: 5%',
    });
  });

  it('annotates each failed and errored card at its line, warns on flaky cards, and appends a job summary', async () => {
    const { run } = await sampleRun();
    const dir = await tempDir('cc-gh-');
    const summary = path.join(dir, 'step-summary.md');
    await writeFile(summary, '# earlier step\n');
    const { out, errors } = await replay(['github'], run, {
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
    });
    expect(errors).toEqual([]);
    const commands = out.map(parseCommand);
    expect(commands.every(Boolean)).toBe(true);
    const at = Object.fromEntries(commands.map((c) => [`${c?.command} ${c?.props.file}:${c?.props.line}`, c]));
    expect(Object.keys(at).sort()).toEqual([
      'error fixtures/cards/failing/fails-schema.md:28',
      'error fixtures/cards/failing/fails-status.md:20',
      'error fixtures/seeds/000_e5b2871b98d23f98.txt:74',
      'warning fixtures/cards/failing/flaky/fails-once.md:6',
    ]);
    expect(at['error fixtures/cards/failing/fails-status.md:20']?.props.title).toBe(
      'cardcheck: GET /platform/v1/apps failed',
    );
    expect(at['error fixtures/cards/failing/fails-schema.md:28']?.message).toBe(
      'schema /total: required field /total is missing\n  - expected: present\n  + found:    missing\nschema /success: /success must be string\n  - expected: string\n  + found:    true',
    );
    expect(at['error fixtures/seeds/000_e5b2871b98d23f98.txt:74']?.props.col).toBe('24');
    const md = await readFile(summary, 'utf8');
    expect(
      md.startsWith('# earlier step\n## ❌ cardcheck: 13 cards: 8 passed, 2 failed, 1 flaky, 1 skipped, 1 errored'),
    ).toBe(true);
    expect(md).toContain('| 8 | 2 | 1 | 1 | 1 |');
    expect(md).toContain(
      '| ❌ failed | `fixtures/cards/failing/fails-status.md:7` | GET /platform/v1/apps | expected status 201, got 200 |',
    );
    // The HTML-looking title never becomes markup in the summary.
    expect(md).not.toContain('<b>');
    expect(md).toContain('<details><summary>1 skipped</summary>');
  });

  it('is added by default when GITHUB_ACTIONS is set', async () => {
    const dir = await tempDir('cc-gh-cli-');
    const summary = path.join(dir, 'summary.md');
    const res = await cardcheck(
      ['run', 'specs/vcita/get-app.md', 'fixtures/cards/failing/fails-status.md', '--out', dir],
      { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } },
    );
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(
      /^::error file=fixtures\/cards\/failing\/fails-status\.md,line=20,col=13,title=cardcheck%3A GET \/platform\/v1\/apps failed::expected status 201, got 200%0A {2}response body: \{"success":true,"data":\[\]\}$/m,
    );
    expect(await readFile(summary, 'utf8')).toContain('2 cards: 1 passed, 1 failed, 0 skipped, 0 errored');
  });
});
