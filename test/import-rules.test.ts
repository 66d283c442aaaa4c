import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';

/** Which src/ folders each folder may import (itself always). The pipeline flows one way. */
const MAY_IMPORT: Record<string, string[]> = {
  util: [],
  core: ['util'],
  card: ['core', 'util'],
  config: ['core', 'util'],
  http: ['core', 'util'],
  verify: ['core', 'util'],
  standards: ['core', 'util'],
  lint: ['core', 'card', 'standards', 'util'],
  plan: ['core', 'card', 'config', 'util'],
  execute: ['core', 'card', 'plan', 'http', 'verify', 'standards', 'util'],
  report: ['core', 'util'],
  sandbox: ['core', 'util'],
  runner: [
    'core',
    'card',
    'config',
    'lint',
    'plan',
    'http',
    'verify',
    'standards',
    'execute',
    'report',
    'sandbox',
    'browser',
    'util',
  ],
  import: ['core', 'card', 'util'],
  init: ['core', 'util'],
  browser: ['core', 'util'],
  vitest: ['core', 'runner', 'report', 'util'],
  cli: ['*'],
};

/**
 * Folders whose code is loaded only when used: imported by `import()` (or for
 * types only), never by a static import that would load it with the importer.
 * The sandbox's server framework must not load for a run against a real target.
 */
const LOADED_ON_DEMAND = ['sandbox'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory()
      ? files(full)
      : full.endsWith('.ts') && !full.endsWith('.test.ts')
        ? [full]
        : [];
  });
}

interface ImportEdge {
  specifier: string;
  kind: 'static' | 'type' | 'dynamic';
}

/** Every relative import of a file: static `import`/`export … from`, `import type`, and `import('…')`. */
function importsOf(text: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const m of text.matchAll(/^(import type|import|export)\b[^'"]*from '(\.[^']+)'/gm))
    edges.push({ specifier: m[2] ?? '', kind: m[1] === 'import type' ? 'type' : 'static' });
  for (const m of text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g))
    edges.push({ specifier: m[1] ?? '', kind: 'dynamic' });
  return edges;
}

describe('import rules', () => {
  it('every import in src/ follows the pipeline direction, import() included', () => {
    const src = path.join(ROOT, 'src');
    const bad: string[] = [];
    for (const file of files(src)) {
      const from = path.relative(src, file).split(path.sep)[0] ?? '';
      if (from.endsWith('.ts')) continue; // src/index.ts re-exports
      const allowed = MAY_IMPORT[from];
      if (!allowed) {
        bad.push(`${path.relative(ROOT, file)}: folder src/${from} has no import rule`);
        continue;
      }
      for (const edge of importsOf(readFileSync(file, 'utf8'))) {
        const target = path.relative(src, path.resolve(path.dirname(file), edge.specifier)).split(path.sep)[0] ?? '';
        if (target === from) continue;
        const where = `${path.relative(ROOT, file)} imports src/${target}`;
        if (!allowed.includes('*') && !allowed.includes(target)) bad.push(where);
        else if (LOADED_ON_DEMAND.includes(target) && edge.kind === 'static') bad.push(`${where} statically`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('sees import() and tells it from a static import', () => {
    const text = "import type { A } from '../a.js';\nimport { b } from './b.js';\nconst c = await import('../c.js');\n";
    expect(importsOf(text)).toEqual([
      { specifier: '../a.js', kind: 'type' },
      { specifier: './b.js', kind: 'static' },
      { specifier: '../c.js', kind: 'dynamic' },
    ]);
  });
});
