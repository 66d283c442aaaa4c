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
  lint: ['core', 'card', 'util'],
  plan: ['core', 'card', 'config', 'util'],
  execute: ['core', 'card', 'plan', 'http', 'verify', 'util'],
  report: ['core', 'util'],
  sandbox: ['util'],
  api: ['core', 'card', 'config', 'lint', 'plan', 'http', 'verify', 'execute', 'report', 'sandbox', 'browser', 'util'],
  import: ['core', 'card', 'util'],
  browser: ['core', 'util'],
  vitest: ['core', 'api', 'report', 'util'],
  cli: ['*'],
};

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

describe('import rules', () => {
  it('every import in src/ follows the pipeline direction', () => {
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
      for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)) {
        const target = path.relative(src, path.resolve(path.dirname(file), m[1] ?? '')).split(path.sep)[0] ?? '';
        if (target !== from && !allowed.includes('*') && !allowed.includes(target))
          bad.push(`${path.relative(ROOT, file)} imports src/${target}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
