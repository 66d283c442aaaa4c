import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cardcheck } from '../support/cli.js';
import { card, writeCards } from '../support/temp-cards.js';
import { tempDir } from '../support/temp-dir.js';

/** Cards and schema files are read from inside the project (the config's folder), links followed; what is outside is refused at its line. */
const SECRET = 'outside-secret-7f3a9c';
let project: string;
let outside: string;

beforeAll(async () => {
  outside = await tempDir('cardcheck-outside-');
  await writeFile(path.join(outside, 'secret.json'), JSON.stringify({ token: { const: SECRET } }));
  await writeFile(path.join(outside, 'card.md'), `# ${SECRET}\n`);
  project = await writeCards({
    'cardcheck.config.yaml': 'targets:\n  t:\n    apis: { a: "http://127.0.0.1:9/a" }\n',
    'cards/ref-up.md': card({
      endpoint: 'GET /x',
      request: { method: 'GET', path: '/x' },
      expect: {
        status: 200,
        schema: { $ref: `${path.relative(path.join('cards'), path.join(outside, 'secret.json'))}#/token` },
      },
    }),
    'cards/ref-absolute.md': card({
      endpoint: 'GET /y',
      request: { method: 'GET', path: '/y' },
      expect: { status: 200, schema: { $ref: `${path.join(outside, 'secret.json')}#/token` } },
    }),
    'schemas/ok.json': JSON.stringify({ type: 'object' }),
    'cards/ref-inside.md': card({
      endpoint: 'GET /z',
      request: { method: 'GET', path: '/z' },
      expect: { status: 200, schema: { $ref: '../schemas/ok.json' } },
    }),
  });
  await mkdir(path.join(project, 'cards', 'linked'), { recursive: true });
  await symlink(path.join(outside, 'card.md'), path.join(project, 'cards', 'linked', 'elsewhere.md'));
  // A link to a schema outside, from inside: followed, and refused.
  await symlink(path.join(outside, 'secret.json'), path.join(project, 'schemas', 'link.json'));
  await writeFile(
    path.join(project, 'cards', 'ref-link.md'),
    card({
      endpoint: 'GET /w',
      request: { method: 'GET', path: '/w' },
      expect: { status: 200, schema: { $ref: '../schemas/link.json' } },
    }),
  );
});

describe('files stay inside the project', () => {
  it('refuses schema refs and linked cards that lead outside, at their line, and never shows what they hold', async () => {
    const res = await cardcheck(['lint', 'cards'], { cwd: project });
    expect(res.code).toBe(2);
    const out = res.stdout + res.stderr;
    expect(out).not.toContain(SECRET);
    for (const f of ['ref-up.md', 'ref-absolute.md', 'ref-link.md'])
      expect(out).toMatch(
        new RegExp(`cards/${f.replace('.', '\\.')}:\\d+:\\d+ error invalid-schema-ref .* points outside the project`),
      );
    expect(out).toContain('cards/linked/elsewhere.md:1:1 error outside-project this card is a link to');
    expect(out).not.toMatch(/ref-inside\.md:\d+:\d+ error/);
  });

  it('says the same, and shows nothing from outside either, when a large suite is linted card by card', async () => {
    const whole = await cardcheck(['lint', 'cards'], { cwd: project });
    const lean = await cardcheck(['lint', 'cards'], { cwd: project, env: { CARDCHECK_LEAN_FROM: '0' } });
    expect(lean.stdout + lean.stderr).not.toContain(SECRET);
    expect(lean.stdout).toBe(whole.stdout);
    expect(lean.code).toBe(2);
  });

  it('reads a card named on the command line, wherever it is', async () => {
    const res = await cardcheck(['lint', path.join(outside, 'card.md')], { cwd: project });
    expect(res.stdout + res.stderr).not.toContain('outside-project');
  });
});
