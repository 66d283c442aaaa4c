/**
 * `--shard auto`: which share of the suite this runner takes, from the
 * variables its CI sets. Each source names its index and total variables and
 * whether its index counts from 0 or 1; the first source with any of its
 * variables set decides. Pure: the caller passes the environment.
 */

export interface ShardSource {
  /** The CI, for messages. */
  name: string;
  index: string;
  total: string;
  /** The first shard's index as the CI writes it. */
  base: 0 | 1;
}

/**
 * In the order they are tried. cardcheck's own pair comes first (the GitHub
 * Actions workflow sets it from its matrix: GitHub has no parallel-job
 * variables); Kubernetes Indexed Jobs set only the index, the manifest sets
 * the total.
 */
export const SHARD_SOURCES: readonly ShardSource[] = [
  {
    name: 'cardcheck’s own variables (the GitHub Actions workflow sets them from its matrix)',
    index: 'CARDCHECK_SHARD_INDEX',
    total: 'CARDCHECK_SHARD_TOTAL',
    base: 1,
  },
  { name: 'a Kubernetes Indexed Job', index: 'JOB_COMPLETION_INDEX', total: 'CARDCHECK_SHARD_TOTAL', base: 0 },
  { name: 'GitLab CI (parallel:)', index: 'CI_NODE_INDEX', total: 'CI_NODE_TOTAL', base: 1 },
  { name: 'Buildkite (parallelism:)', index: 'BUILDKITE_PARALLEL_JOB', total: 'BUILDKITE_PARALLEL_JOB_COUNT', base: 0 },
  { name: 'CircleCI (parallelism:)', index: 'CIRCLE_NODE_INDEX', total: 'CIRCLE_NODE_TOTAL', base: 0 },
];

export type ShardFromEnv =
  /** `index` is 1-based, as `--shard i/n` writes it. */
  | { ok: true; index: number; total: number; from: string; variables: string[] }
  /** No source is set: the whole suite is one shard. */
  | { ok: true; index: 1; total: 1; from: undefined; variables: [] }
  | { ok: false; message: string };

type Env = Readonly<Record<string, string | undefined>>;

const isSet = (env: Env, name: string) => (env[name] ?? '').trim() !== '';
const wholeNumber = (text: string | undefined) => (/^\d+$/.test((text ?? '').trim()) ? Number(text) : undefined);

function fromSource(env: Env, s: ShardSource): ShardFromEnv {
  const shown = `${s.index}=${env[s.index] ?? '(unset)'} ${s.total}=${env[s.total] ?? '(unset)'}`;
  const index = wholeNumber(env[s.index]);
  const total = wholeNumber(env[s.total]);
  // GitLab and CircleCI set the total (1) on every job, the index only when the job is split.
  if (!isSet(env, s.index) && total === 1) return { ok: true, index: 1, total: 1, from: s.name, variables: [s.total] };
  const range = s.base === 0 ? `0 to ${s.total} − 1` : `1 to ${s.total}`;
  if (index === undefined || total === undefined || total < 1 || index < s.base || index - s.base >= total)
    return {
      ok: false,
      message: `--shard auto: the variables of ${s.name} do not fit: ${shown}; ${s.total} must be a whole number of at least 1 and ${s.index} from ${range}${isSet(env, s.total) ? '' : ` (set ${s.total} to the number of shards)`}`,
    };
  return { ok: true, index: index - s.base + 1, total, from: s.name, variables: [s.index, s.total] };
}

/** The shard the CI's variables name; none set is one shard of one. */
export function shardFromEnv(env: Env): ShardFromEnv {
  // CARDCHECK_SHARD_TOTAL alone belongs to the Kubernetes source (its index is JOB_COMPLETION_INDEX).
  const source = SHARD_SOURCES.find((s) =>
    s.index === 'CARDCHECK_SHARD_INDEX' ? isSet(env, s.index) : isSet(env, s.index) || isSet(env, s.total),
  );
  if (!source) return { ok: true, index: 1, total: 1, from: undefined, variables: [] };
  return fromSource(env, source);
}

/** The line a run prints once about where its shard came from. */
export function describeShard(s: Extract<ShardFromEnv, { ok: true }>): string {
  if (s.from === undefined)
    return `--shard auto: no CI shard variables are set (${SHARD_SOURCES.map((x) => x.index).join(', ')}); running the whole suite as shard 1/1`;
  return `--shard auto: shard ${s.index}/${s.total} from ${s.from} (${s.variables.join(', ')})`;
}
