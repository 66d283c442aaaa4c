import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { EXPECT_KEYS, OPS } from '../src/card/expectation.js';
import type { Block } from '../src/card/markdown.js';
import { scanBlocks } from '../src/card/markdown.js';
import { parseCard } from '../src/card/parse-card.js';
import { REQUEST_KEYS } from '../src/card/request-spec.js';
import { FIELD_KEYS } from '../src/card/uid-json.js';
import { CONFIG_KEYS } from '../src/config/config-keys.js';
import { parseConfig } from '../src/config/load-config.js';
import { lintCards } from '../src/lint/lint-cards.js';
import { FRONT_MATTER_KEYS } from '../src/lint/rules/unknown-front-matter-key.js';
import { loadProject } from '../src/runner/load-project.js';

/**
 * The editor schemas in schemas/ agree with what cardcheck reads: every config
 * and every lint-clean card of the repository validates, and a typo the loader
 * flags is one the schema rejects.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
type Schema = Record<string, unknown> & { properties?: Record<string, unknown>; definitions?: Record<string, Schema> };
const load = (name: string) => JSON.parse(readFileSync(path.join(ROOT, 'schemas', name), 'utf8')) as Schema;
const SCHEMAS = {
  config: load('config.schema.json'),
  frontMatter: load('card-front-matter.schema.json'),
  request: load('card-request.schema.json'),
  uid: load('card-uid.schema.json'),
  expectation: load('card-expectation.schema.json'),
};
const ajv = new Ajv({ allErrors: true, strict: false });
const validators = Object.fromEntries(Object.entries(SCHEMAS).map(([k, s]) => [k, ajv.compile(s)])) as Record<
  keyof typeof SCHEMAS,
  ReturnType<typeof ajv.compile>
>;

function problems(which: keyof typeof SCHEMAS, value: unknown): string[] {
  const validate = validators[which];
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

const keysOf = (s: Schema | undefined) => Object.keys(s?.properties ?? {}).sort();
const sorted = (list: readonly string[]) => [...list].sort();

describe('the config schema', () => {
  const configs = globSync(['**/cardcheck.config.{yaml,yml,json}'], {
    cwd: ROOT,
    ignore: ['node_modules/**', 'dist/**'],
  });

  it('allows exactly the keys the loader reads, level by level', () => {
    const s = SCHEMAS.config;
    const defs = s.definitions ?? {};
    expect(keysOf(s)).toEqual(sorted(CONFIG_KEYS.top));
    expect(keysOf(defs.target)).toEqual(sorted(CONFIG_KEYS.target));
    expect(keysOf(defs.target?.properties?.tls as Schema)).toEqual(sorted(CONFIG_KEYS.tls));
    expect(keysOf(defs.folder)).toEqual(sorted(CONFIG_KEYS.folder));
    expect(keysOf(defs.api)).toEqual(sorted(CONFIG_KEYS.api));
    expect(keysOf(s.properties?.cleanup as Schema)).toEqual(sorted(CONFIG_KEYS.cleanup));
    const oneOf = (defs.profile?.oneOf ?? []) as Schema[];
    const byType = Object.fromEntries(
      oneOf.map((p) => [((p.properties?.type as { const: string }) ?? { const: '' }).const, keysOf(p)]),
    );
    expect(byType).toEqual(
      Object.fromEntries(Object.entries(CONFIG_KEYS.profile).map(([t, keys]) => [t, sorted(keys)])),
    );
  });

  it.each(configs)('%s validates', (file) => {
    const value: unknown = parseYaml(readFileSync(path.join(ROOT, file), 'utf8'));
    expect(problems('config', value)).toEqual([]);
  });

  it('rejects a typo the loader flags (with the loader naming the key and its line)', () => {
    const text = 'targets:\n  api:\n    apis: { api: "https://api.example.com" }\n    prodution: true\n';
    const { diagnostics } = parseConfig(text, 'cardcheck.config.yaml');
    expect(diagnostics.map((d) => `${d.line} ${d.ruleId} ${d.message} ${d.hint}`)).toEqual([
      '4 config-unknown-key unknown key "prodution" in targets.api Did you mean "production"?',
    ]);
    expect(problems('config', parseYaml(text))).toContain('/targets/api must NOT have additional properties');
    expect(problems('config', parseYaml('defaultTargte: x\n'))).toContain('/ must NOT have additional properties');
    expect(problems('config', parseYaml('auth:\n  a:\n    type: bearer\n    tokn: x\n'))).not.toEqual([]);
  });

  it('accepts the config `cardcheck init` writes (every auth style)', async () => {
    const { configText } = await import('../src/init/init-files.js');
    const { AUTH_STYLES } = await import('../src/init/auth-styles.js');
    for (const auth of AUTH_STYLES) {
      const text = configText({
        dir: ROOT,
        baseUrl: 'https://api.example.com',
        auth,
        tokenPath: '/oauth/token',
        first: { path: '/', from: 'test', status: 200 },
      });
      expect(problems('config', parseYaml(text)), auth).toEqual([]);
      expect(parseConfig(text, 'cardcheck.config.yaml').diagnostics, auth).toEqual([]);
    }
  });
});

/** The first JSON fence under each level-2 heading of a card. */
function jsonBlocks(text: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  let heading = '';
  for (const b of scanBlocks(text, 0, 1) as Block[]) {
    if (b.kind === 'heading') heading = b.text.trim().toLowerCase();
    else if (b.kind === 'fence' && b.lang === 'json' && heading && !out.has(heading)) {
      try {
        out.set(heading, JSON.parse(b.content));
      } catch {
        // Not plain JSON (comments, trailing commas): not the block form the schemas describe.
      }
    }
  }
  return out;
}

describe('the card schemas', () => {
  it('allow exactly the keys the card reader reads', () => {
    const request = SCHEMAS.request;
    expect(keysOf(request)).toEqual(sorted([...REQUEST_KEYS, 'cleanup', 'cleanup_note']));
    expect(keysOf(request.definitions?.requestObject)).toEqual(sorted(REQUEST_KEYS));
    expect(keysOf(SCHEMAS.uid.definitions?.field)).toEqual(sorted(FIELD_KEYS));
    expect(keysOf(SCHEMAS.expectation.definitions?.expectation)).toEqual(sorted(EXPECT_KEYS));
    const assertion = SCHEMAS.expectation.definitions?.assertion;
    expect(keysOf(assertion)).toEqual(sorted(['path', 'header', ...OPS]));
    const front = keysOf(SCHEMAS.frontMatter);
    for (const k of FRONT_MATTER_KEYS) expect(front).toContain(k);
  });

  it('every lint-clean card of specs/ and fixtures/cards validates, block by block', async () => {
    const project = await loadProject({ cwd: ROOT, paths: ['specs', 'fixtures/cards'] });
    const linted = lintCards(project.cards);
    const clean = project.cards.filter((c) => c.card && (linted.get(c.file) ?? c.diagnostics).length === 0);
    expect(clean.length).toBeGreaterThan(30);
    const seen = { request: 0, uid: 0, expectation: 0, frontMatter: 0 };
    const bad: string[] = [];
    for (const c of clean) {
      const fm = /^---\n([\s\S]*?)\n---\n/.exec(c.text);
      if (fm) {
        seen.frontMatter++;
        for (const p of problems('frontMatter', parseYaml(fm[1] ?? ''))) bad.push(`${c.file} front-matter: ${p}`);
      }
      const blocks = jsonBlocks(c.text);
      const check = (heading: string, which: 'request' | 'uid' | 'expectation') => {
        if (!blocks.has(heading)) return;
        seen[which]++;
        for (const p of problems(which, blocks.get(heading))) bad.push(`${c.file} ${heading}: ${p}`);
      };
      check('request template', 'request');
      check('uid resolution procedure', 'uid');
      check('expected response', 'expectation');
    }
    expect(bad).toEqual([]);
    expect(Math.min(...Object.values(seen))).toBeGreaterThan(5);
  });

  it('a typo in a card block is a schema error, as lint flags it', () => {
    expect(problems('request', { method: 'GET', path: '/x', heders: {} })).toContain(
      '/ must NOT have additional properties',
    );
    expect(problems('expectation', { status: 200, asert: [] })).toContain('/ must NOT have additional properties');
    // A block without status, schema, assert or maxDurationMs is read as a bare schema of the body.
    expect(problems('expectation', { type: 'object', required: ['id'] })).toEqual([]);
    expect(problems('expectation', { staus: 200 })).not.toEqual([]);
    expect(problems('uid', { id: { create_endpiont: 'POST /x' } })).toContain(
      '/id must NOT have additional properties',
    );
    expect(problems('frontMatter', { endpoint: 'GET /x', tgas: ['a'] })).toContain(
      '/ must NOT have additional properties',
    );
  });
});

/** A VS Code snippet body with each tab stop at its default (the first choice), as a user accepting them gets. */
function expandSnippet(body: string): string {
  const values = new Map<string, string>();
  let out = '';
  for (let i = 0; i < body.length; ) {
    const m = /^\$\{(\d+)([:|])/.exec(body.slice(i));
    if (m) {
      let depth = 1;
      let j = i + m[0].length;
      for (; j < body.length && depth > 0; j++) depth += body[j] === '{' ? 1 : body[j] === '}' ? -1 : 0;
      const inner = body.slice(i + m[0].length, j - 1);
      const value = m[2] === '|' ? (inner.replace(/\|$/, '').split(',')[0] ?? '') : inner;
      values.set(m[1] ?? '', value);
      out += value;
      i = j;
      continue;
    }
    const plain = /^\$(\d+)/.exec(body.slice(i));
    if (plain) {
      out += values.get(plain[1] ?? '') ?? '';
      i += plain[0].length;
      continue;
    }
    out += body[i];
    i++;
  }
  return out;
}

describe('the VS Code snippets (editors/vscode/cardcheck.code-snippets)', () => {
  const snippets = JSON.parse(
    readFileSync(path.join(ROOT, 'editors/vscode/cardcheck.code-snippets'), 'utf8'),
  ) as Record<string, { prefix: string; body: string[]; scope: string }>;
  const expanded = (name: string) => expandSnippet((snippets[name]?.body ?? []).join('\n'));

  it('the whole-card snippet, as accepted, is a card that lints clean', () => {
    const text = expanded('cardcheck: whole card');
    const file = 'snippet.md';
    const linted = lintCards([{ file, ...parseCard(text, file) }]);
    expect(linted.get(file) ?? []).toEqual([]);
  });

  it('each section snippet holds a block its schema accepts', () => {
    const blocks = (name: string) => [...jsonBlocks(expanded(name)).values()][0];
    expect(problems('request', blocks('cardcheck: request template'))).toEqual([]);
    expect(problems('uid', blocks('cardcheck: UID resolution'))).toEqual([]);
    expect(problems('expectation', blocks('cardcheck: expected response'))).toEqual([]);
    const fm = /^---\n([\s\S]*?)\n---/.exec(expanded('cardcheck: front-matter'));
    expect(problems('frontMatter', parseYaml(fm?.[1] ?? ''))).toEqual([]);
    expect(Object.values(snippets).every((s) => s.prefix.startsWith('cc-'))).toBe(true);
  });
});
