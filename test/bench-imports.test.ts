import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';

/**
 * CI does not run `npm run bench` (it takes minutes and its figures belong to a quiet machine), so nothing else would
 * notice a benchmark importing a module that moved (bench/run.mjs imported dist/api/ for a session after src/api/
 * became src/runner/). Each `dist/…` module a benchmark imports must have its source in src/.
 */
describe('benchmarks import modules that exist', () => {
  const dir = path.join(ROOT, 'bench');
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.mjs'));

  it('finds the benchmarks', () => {
    expect(files).toContain('run.mjs');
  });

  it.each(files)('%s', (file) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    // `path.join(DIST, 'x/y.js')`, and a path written with dist/ in it (`'../../dist/x/y.js'`, `'dist/x/y.js'`).
    const imports = [
      ...text.matchAll(/path\.join\(DIST, '([^']+)\.js'\)/g),
      ...text.matchAll(/['"](?:\.\.\/)*dist\/([^'"]+)\.js['"]/g),
    ].map((m) => m[1] as string);
    const missing = imports.filter((m) => !existsSync(path.join(ROOT, 'src', `${m}.ts`)));
    expect(missing).toEqual([]);
  });
});
