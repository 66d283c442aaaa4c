import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { validateSchema } from '../verify/schema.js';
import type { K8sJobOptions } from './k8s-job.js';
import { checkK8sOptions, k8sManifest, podScript, shellQuote } from './k8s-job.js';

const SCHEMA = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../test/support/k8s-batch-v1-job.schema.json'), 'utf8'),
) as object;

type Job = ReturnType<typeof import('./k8s-job.js').k8sJob>;
const OPTIONS: K8sJobOptions = {
  shards: 3,
  image: 'registry.example/cardcheck:1.4.0',
  target: 'https://api.example',
  volumeClaim: 'cardcheck-results',
  envSecret: 'cardcheck-env',
};

/** The printed manifest, parsed: exactly one YAML document. */
function parsed(text: string): Job {
  const docs = parseAllDocuments(text);
  expect(docs).toHaveLength(1);
  const doc = docs[0];
  if (!doc || 'empty' in doc) throw new Error('no document');
  expect(doc.errors).toEqual([]);
  return doc.toJS() as Job;
}

describe('cardcheck k8s-job manifest', () => {
  it('is a valid batch/v1 Job (schema written from the API reference)', () => {
    for (const merge of [false, true])
      for (const o of [OPTIONS, { ...OPTIONS, volumeClaim: undefined, envSecret: undefined, shards: 1 }])
        expect(validateSchema(SCHEMA, parsed(k8sManifest(o, merge)))).toEqual([]);
  });

  it('the schema catches a misplaced field (so the test above means something)', () => {
    const job = parsed(k8sManifest(OPTIONS)) as unknown as { spec: Record<string, unknown> };
    job.spec.completionMode = 'indexed';
    job.spec.backofflimit = 1;
    expect(validateSchema(SCHEMA, job).map((v) => v.path)).toEqual(
      expect.arrayContaining(['/spec/completionMode', '/spec/backofflimit']),
    );
  });

  it('runs N indexed pods, each `cardcheck run --shard auto` with CARDCHECK_SHARD_TOTAL, retried per index', () => {
    const job = parsed(k8sManifest(OPTIONS));
    expect(job.spec).toMatchObject({
      completionMode: 'Indexed',
      completions: 3,
      parallelism: 3,
      backoffLimitPerIndex: 2,
    });
    // The API takes podFailurePolicy only with restartPolicy Never, and FailIndex only with backoffLimitPerIndex.
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(job.spec.podFailurePolicy.rules[0]).toMatchObject({ action: 'FailIndex', onExitCodes: { values: [1, 2] } });
    const [c] = job.spec.template.spec.containers;
    expect(c?.command?.slice(0, 2)).toEqual(['sh', '-c']);
    const script = c?.command?.[2] ?? '';
    expect(script).toMatch(/^exec cardcheck run specs --target https:\/\/api\.example --shard auto .*--out reports$/m);
    expect(c?.env).toContainEqual({ name: 'CARDCHECK_SHARD_TOTAL', value: '3' });
    expect(c?.envFrom).toEqual([{ secretRef: { name: 'cardcheck-env' } }]);
  });

  it('keeps each index’s journal and reports on the claim, in shard-<index>/, and cleans up before running', () => {
    const job = parsed(k8sManifest(OPTIONS));
    const pod = job.spec.template.spec;
    const [c] = pod.containers;
    expect(pod.volumes).toEqual([
      { name: 'cardcheck-shards', persistentVolumeClaim: { claimName: 'cardcheck-results' } },
    ]);
    expect(c?.volumeMounts).toEqual([
      {
        name: 'cardcheck-shards',
        mountPath: '/app/.cardcheck',
        subPathExpr: 'shard-$(JOB_COMPLETION_INDEX)/.cardcheck',
      },
      { name: 'cardcheck-shards', mountPath: '/app/reports', subPathExpr: 'shard-$(JOB_COMPLETION_INDEX)/reports' },
    ]);
    // Every variable a subPathExpr uses is declared in the container's env (Kubernetes expands only those).
    const declared = new Set(c?.env.map((e) => e.name));
    for (const m of c?.volumeMounts ?? [])
      for (const [, v] of m.subPathExpr.matchAll(/\$\((\w+)\)/g)) expect(declared.has(v as string)).toBe(true);
    const script = c?.command?.[2] ?? '';
    expect(script.indexOf('cardcheck cleanup --target https://api.example ||')).toBeGreaterThan(-1);
    expect(script.indexOf('cardcheck cleanup')).toBeLessThan(script.indexOf('cardcheck run'));
  });

  it('merges every index’s reports from the claim in a second Job', () => {
    const merge = parsed(k8sManifest(OPTIONS, true));
    const [c] = merge.spec.template.spec.containers;
    expect(merge.metadata.name).toBe('cardcheck-merge');
    expect(c?.command?.[2]).toBe(
      'exec cardcheck merge-reports /shards/shard-0/reports /shards/shard-1/reports /shards/shard-2/reports --out /shards/merged',
    );
    expect(c?.volumeMounts).toEqual([{ name: 'cardcheck-shards', mountPath: '/shards' }]);
  });

  it('quotes what the shell would expand, and refuses what Kubernetes would', () => {
    expect(shellQuote("it's $HOME")).toBe(`'it'"'"'s $HOME'`);
    expect(podScript({ target: 'staging', paths: ['specs/a b'] })).toContain(
      "exec cardcheck run 'specs/a b' --target staging --shard auto",
    );
    // A configured target: cleanup finds its origins in the config.
    expect(podScript({ target: 'staging' })).toContain('cardcheck cleanup ||');
    expect(checkK8sOptions({ ...OPTIONS, shards: 0, name: 'Card_Check', image: 'a b', workdir: 'app' })).toEqual([
      '--shards 0: expected a whole number from 1 to 100000 (the Indexed Job limit)',
      '--image "a b": give an image reference, e.g. registry.example/cardcheck:1.4.0',
      "--name Card_Check: lower-case letters, digits and '-', at most 52 characters (a Kubernetes name)",
      '--workdir app: give an absolute path',
    ]);
  });
});
