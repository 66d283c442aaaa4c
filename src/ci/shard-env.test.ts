import { describe, expect, it } from 'vitest';
import { describeShard, shardFromEnv } from './shard-env.js';

describe('shardFromEnv (--shard auto)', () => {
  it('reads the pair the GitHub Actions workflow sets from its matrix (1-based)', () => {
    expect(
      shardFromEnv({ CARDCHECK_SHARD_INDEX: '2', CARDCHECK_SHARD_TOTAL: '4', GITHUB_ACTIONS: 'true' }),
    ).toMatchObject({ ok: true, index: 2, total: 4 });
  });

  it('reads a Kubernetes Indexed Job: JOB_COMPLETION_INDEX (0-based) and the total the manifest sets', () => {
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '0', CARDCHECK_SHARD_TOTAL: '3' })).toMatchObject({
      index: 1,
      total: 3,
    });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '2', CARDCHECK_SHARD_TOTAL: '3' })).toMatchObject({
      index: 3,
      total: 3,
    });
  });

  it('reads GitLab parallel: jobs (CI_NODE_INDEX is 1-based)', () => {
    expect(shardFromEnv({ CI_NODE_INDEX: '1', CI_NODE_TOTAL: '4' })).toMatchObject({ index: 1, total: 4 });
    expect(shardFromEnv({ CI_NODE_INDEX: '4', CI_NODE_TOTAL: '4' })).toMatchObject({ index: 4, total: 4 });
    // Every GitLab job has CI_NODE_TOTAL=1; without parallel: there is no index.
    expect(shardFromEnv({ CI_NODE_TOTAL: '1' })).toMatchObject({ ok: true, index: 1, total: 1 });
  });

  it('reads Buildkite parallelism (0-based)', () => {
    expect(shardFromEnv({ BUILDKITE_PARALLEL_JOB: '0', BUILDKITE_PARALLEL_JOB_COUNT: '2' })).toMatchObject({
      index: 1,
      total: 2,
    });
    expect(shardFromEnv({ BUILDKITE_PARALLEL_JOB: '1', BUILDKITE_PARALLEL_JOB_COUNT: '2' })).toMatchObject({
      index: 2,
      total: 2,
    });
  });

  it('reads CircleCI parallelism (0-based)', () => {
    expect(shardFromEnv({ CIRCLE_NODE_INDEX: '3', CIRCLE_NODE_TOTAL: '4' })).toMatchObject({ index: 4, total: 4 });
    expect(shardFromEnv({ CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '1' })).toMatchObject({ index: 1, total: 1 });
  });

  it('runs the whole suite as one shard when no variable is set, and says so', () => {
    const s = shardFromEnv({ PATH: '/usr/bin' });
    expect(s).toEqual({ ok: true, index: 1, total: 1, from: undefined, variables: [] });
    if (s.ok) expect(describeShard(s)).toMatch(/no CI shard variables are set .*whole suite as shard 1\/1/);
  });

  it('names the variables when they are inconsistent', () => {
    const off = shardFromEnv({ CI_NODE_INDEX: '5', CI_NODE_TOTAL: '4' });
    expect(off).toEqual({ ok: false, message: expect.stringContaining('CI_NODE_INDEX=5 CI_NODE_TOTAL=4') });
    expect(off.ok ? '' : off.message).toContain('CI_NODE_INDEX from 1 to CI_NODE_TOTAL');
    const k8s = shardFromEnv({ JOB_COMPLETION_INDEX: '1' });
    expect(k8s.ok ? '' : k8s.message).toMatch(
      /JOB_COMPLETION_INDEX=1 CARDCHECK_SHARD_TOTAL=\(unset\).*set CARDCHECK_SHARD_TOTAL to the number of shards/,
    );
    const buildkite = shardFromEnv({ BUILDKITE_PARALLEL_JOB: '2', BUILDKITE_PARALLEL_JOB_COUNT: '2' });
    expect(buildkite.ok ? '' : buildkite.message).toContain('from 0 to BUILDKITE_PARALLEL_JOB_COUNT − 1');
    expect(shardFromEnv({ CIRCLE_NODE_INDEX: 'x', CIRCLE_NODE_TOTAL: '2' }).ok).toBe(false);
    expect(shardFromEnv({ CARDCHECK_SHARD_TOTAL: '3' }).ok).toBe(false);
    expect(shardFromEnv({ CARDCHECK_SHARD_INDEX: '0', CARDCHECK_SHARD_TOTAL: '3' }).ok).toBe(false);
  });

  it('prefers cardcheck’s own variables to the CI’s', () => {
    expect(
      shardFromEnv({ CARDCHECK_SHARD_INDEX: '1', CARDCHECK_SHARD_TOTAL: '2', CI_NODE_INDEX: '3', CI_NODE_TOTAL: '3' }),
    ).toMatchObject({ index: 1, total: 2 });
  });
});
