import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { githubWorkflow } from './github-workflow.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLE = path.join(ROOT, 'docs/ci/github-actions.yml');
const EXAMPLE_OPTIONS = { shards: 4, target: 'staging', secrets: ['CLIENT_SECRET'] };

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string | number>;
  with?: Record<string, string | number>;
}
interface Job {
  needs?: string;
  if?: string;
  strategy?: { 'fail-fast'?: boolean; matrix: { shard: number[] } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = (text: string) => parse(text) as Workflow;
const step = (job: Job, pred: (s: Step) => boolean): Step => {
  const found = job.steps.find(pred);
  if (!found) throw new Error('no such step');
  return found;
};
/** The flags a `cardcheck <command>` line passes. */
const flagsOf = (run: string) => [...run.matchAll(/\s(--[a-z-]+)/g)].map((m) => m[1]);

describe('the GitHub Actions workflow', () => {
  it('docs/ci/github-actions.yml is what githubWorkflow() writes (regenerate it from the function when this fails)', () => {
    expect(readFileSync(EXAMPLE, 'utf8')).toBe(githubWorkflow(EXAMPLE_OPTIONS));
  });

  it('runs a matrix of N shard jobs, each `cardcheck run --shard auto --reporter json,junit,github`, uploading its output', () => {
    const { jobs } = workflow(readFileSync(EXAMPLE, 'utf8'));
    const shard = jobs.shard as Job;
    expect(shard.strategy?.matrix.shard).toEqual([1, 2, 3, 4]);
    expect(shard.strategy?.['fail-fast']).toBe(false);
    const run = step(shard, (s) => /cardcheck run/.test(s.run ?? ''));
    expect(run.run).toMatch(/--shard auto --reporter json,junit,github --out reports\/shard$/);
    expect(run.env).toMatchObject({
      CARDCHECK_SHARD_INDEX: '${{ matrix.shard }}',
      CARDCHECK_SHARD_TOTAL: '${{ strategy.job-total }}',
      CLIENT_SECRET: '${{ secrets.CLIENT_SECRET }}',
    });
    const upload = step(shard, (s) => s.uses?.startsWith('actions/upload-artifact@') ?? false);
    expect(upload.with).toMatchObject({ name: 'cardcheck-shard-${{ matrix.shard }}', path: 'reports/shard' });
    expect(upload.if).toBe('${{ !cancelled() }}');
  });

  it('has one merge job: merge-reports over every shard, the HTML report uploaded, JUnit published, a job summary', () => {
    const { jobs, permissions } = workflow(readFileSync(EXAMPLE, 'utf8'));
    const merge = jobs.merge as Job;
    expect(merge.needs).toBe('shard');
    expect(merge.if).toBe('${{ !cancelled() }}');
    const download = step(merge, (s) => s.uses?.startsWith('actions/download-artifact@') ?? false);
    expect(download.with).toEqual({ pattern: 'cardcheck-shard-*', path: 'shards' });
    const run = step(merge, (s) => /cardcheck merge-reports/.test(s.run ?? ''));
    expect(run.run).toContain('merge-reports shards/* ');
    // html: the report; github: the job summary; junit: the file published below.
    expect(run.run).toMatch(/--reporter console,json,junit,html,github --out reports\/merged$/);
    const upload = step(merge, (s) => s.uses?.startsWith('actions/upload-artifact@') ?? false);
    expect(upload.with).toMatchObject({ name: 'cardcheck-report', path: 'reports/merged' });
    const junit = step(merge, (s) => s.uses?.startsWith('mikepenz/action-junit-report@') ?? false);
    expect(junit.with?.report_paths).toBe('reports/merged/junit.xml');
    expect(permissions).toEqual({ contents: 'read', checks: 'write' });
  });

  it('uses only flags the built CLI has', () => {
    const { jobs } = workflow(readFileSync(EXAMPLE, 'utf8'));
    const lines = Object.values(jobs)
      .flatMap((j) => j.steps)
      .map((s) => s.run ?? '')
      .filter((r) => r.includes('npx cardcheck '));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const command = /npx cardcheck (\S+)/.exec(line)?.[1] ?? '';
      const help = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli/main.js'), command, '--help'], {
        encoding: 'utf8',
      }).stdout;
      for (const flag of flagsOf(line)) expect(help, `${command} ${flag}`).toContain(`${flag} `);
    }
  });

  it('writes other shard counts, targets and secrets, and refuses names GitHub would not take', () => {
    const two = workflow(githubWorkflow({ shards: 2 }));
    expect(two.jobs.shard?.strategy?.matrix.shard).toEqual([1, 2]);
    expect(step(two.jobs.shard as Job, (s) => Boolean(s.run?.includes('cardcheck run'))).run).not.toContain('--target');
    expect(() => githubWorkflow({ shards: 0 })).toThrow(/shards: expected a whole number from 1 to 256/);
    expect(() => githubWorkflow({ secrets: ['A B'] })).toThrow(/not variable names: A B/);
  });
});
