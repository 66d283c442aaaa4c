import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DOC = readFileSync(path.join(ROOT, 'docs/ci.md'), 'utf8');

/** The first ```yaml block after a heading of docs/ci.md. */
function yamlAfter(heading: string): string {
  const from = DOC.indexOf(`## ${heading}`);
  expect(from).toBeGreaterThan(-1);
  const m = /```yaml\n([\s\S]*?)```/.exec(DOC.slice(from));
  return m?.[1] ?? '';
}

interface GitlabJob {
  stage: string;
  parallel?: number;
  needs?: string[];
  when?: string;
  script: string[];
  artifacts: { when?: string; paths: string[]; reports?: { junit?: string } };
}

describe('docs/ci.md', () => {
  it('GitLab CI: a parallel job runs `--shard auto` into its own folder; the report job merges every folder', () => {
    const config = parse(yamlAfter('GitLab CI')) as Record<string, GitlabJob> & { stages: string[] };
    const shards = config.cardcheck as GitlabJob;
    const report = config['cardcheck-report'] as GitlabJob;
    expect(shards.parallel).toBe(4);
    const run = shards.script.find((s) => s.includes('cardcheck run')) ?? '';
    expect(run).toMatch(/--shard auto .*--out reports\/shard-\$CI_NODE_INDEX$/);
    expect(shards.artifacts).toMatchObject({ when: 'always', paths: ['reports/'] });
    expect(report.needs).toEqual(['cardcheck']);
    expect(report.when).toBe('always');
    expect(config.stages.indexOf(report.stage)).toBeGreaterThan(config.stages.indexOf(shards.stage));
    const merge = report.script.find((s) => s.includes('merge-reports')) ?? '';
    expect(merge).toBe('npx cardcheck merge-reports reports/shard-* --out reports/merged');
    expect(report.artifacts.reports?.junit).toBe('reports/merged/junit.xml');
    // Every flag the snippet passes exists.
    const help = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli/main.js'), 'run', '--help'], {
      encoding: 'utf8',
    }).stdout;
    for (const [, flag] of run.matchAll(/\s(--[a-z-]+)/g)) expect(help).toContain(`${flag} `);
  });

  it('names every variable --shard auto reads', async () => {
    const { SHARD_SOURCES } = await import('./shard-env.js');
    for (const s of SHARD_SOURCES) {
      expect(DOC).toContain(`\`${s.index}\``);
      expect(DOC).toContain(`\`${s.total}\``);
    }
  });
});
