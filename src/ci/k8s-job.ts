import { stringify } from 'yaml';

/**
 * `cardcheck k8s-job`: a Kubernetes Indexed Job that runs the suite as N
 * shards, one pod per index (`completions = parallelism = N`). Each pod runs
 * `cardcheck run --shard auto`: its index is `JOB_COMPLETION_INDEX`, the total
 * `CARDCHECK_SHARD_TOTAL`, set here. Its reports and its cleanup journal
 * (`.cardcheck/`) live on a PersistentVolumeClaim, in a folder of their own per
 * index (`shard-<index>/`), so the pod that replaces a failed one finds the
 * journal of the attempt before and runs `cardcheck cleanup` before its run.
 * A second Job (`--merge`) reads every index's reports from the same claim and
 * runs `merge-reports`.
 */

export interface K8sJobOptions {
  shards: number;
  image: string;
  /** A target from the image's cardcheck.config.yaml, or a base URL. */
  target: string;
  /** PersistentVolumeClaim for reports and journals; none: an emptyDir (lost with the pod). */
  volumeClaim?: string;
  /** @default cardcheck */
  name?: string;
  /** Where the image holds the cards and cardcheck.config.yaml (the container's working directory). @default /app */
  workdir?: string;
  /** Card files or folders, relative to workdir. @default specs */
  paths?: readonly string[];
  /** Secret whose keys become the pods' environment (credentials the cards read). */
  envSecret?: string;
  /** Retries of one index (a replaced pod) before it counts as failed. @default 2 */
  retries?: number;
}

/** The mount holding every index's folder in the merge Job. */
export const SHARDS_MOUNT = '/shards';
const VOLUME = 'cardcheck-shards';
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?$/;

/** Single-quoted for sh: the value can hold nothing the shell expands. */
export const shellQuote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'"'"'`)}'`);

const isUrl = (target: string) => /^https?:\/\//i.test(target);

/** What is wrong with the options, one line each; empty when they make a manifest. */
export function checkK8sOptions(o: K8sJobOptions): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(o.shards) || o.shards < 1 || o.shards > 100_000)
    problems.push(`--shards ${o.shards}: expected a whole number from 1 to 100000 (the Indexed Job limit)`);
  if (!o.image.trim() || /\s/.test(o.image))
    problems.push(`--image ${JSON.stringify(o.image)}: give an image reference, e.g. registry.example/cardcheck:1.4.0`);
  if (!o.target.trim()) problems.push('--target: give a target from the config or a base URL');
  const name = o.name ?? 'cardcheck';
  if (!DNS_LABEL.test(name))
    problems.push(`--name ${name}: lower-case letters, digits and '-', at most 52 characters (a Kubernetes name)`);
  if (o.volumeClaim !== undefined && !DNS_LABEL.test(o.volumeClaim) && !/^[a-z0-9.-]{1,253}$/.test(o.volumeClaim))
    problems.push(`--volume-claim ${o.volumeClaim}: not a Kubernetes object name`);
  if (o.envSecret !== undefined && !/^[a-z0-9.-]{1,253}$/.test(o.envSecret))
    problems.push(`--env-secret ${o.envSecret}: not a Kubernetes object name`);
  if (o.workdir !== undefined && !o.workdir.startsWith('/'))
    problems.push(`--workdir ${o.workdir}: give an absolute path`);
  return problems;
}

function volume(o: K8sJobOptions) {
  return o.volumeClaim
    ? { name: VOLUME, persistentVolumeClaim: { claimName: o.volumeClaim } }
    : { name: VOLUME, emptyDir: {} };
}

/** The script each pod runs: clean up what an earlier attempt of its index left, then run its shard. */
export function podScript(o: Pick<K8sJobOptions, 'target' | 'paths'>): string {
  const paths = (o.paths ?? ['specs']).map(shellQuote).join(' ');
  const cleanupTarget = isUrl(o.target) ? ` --target ${shellQuote(o.target)}` : '';
  return [
    '# A pod that replaces a failed one finds that attempt’s journal in .cardcheck/ (on the volume): undo it first.',
    `cardcheck cleanup${cleanupTarget} || echo "cardcheck: what an earlier attempt left is still listed in .cardcheck/; the run goes on" >&2`,
    `exec cardcheck run ${paths} --target ${shellQuote(o.target)} --shard auto --reporter console,json,junit --out reports`,
  ].join('\n');
}

/** The Indexed Job, as a plain object (batch/v1). */
export function k8sJob(o: K8sJobOptions) {
  const name = o.name ?? 'cardcheck';
  const workdir = o.workdir ?? '/app';
  const index = 'shard-$(JOB_COMPLETION_INDEX)';
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, labels: { 'app.kubernetes.io/name': 'cardcheck', 'app.kubernetes.io/component': 'shards' } },
    spec: {
      completionMode: 'Indexed',
      completions: o.shards,
      parallelism: o.shards,
      // Each index is retried on its own (Kubernetes 1.29+; GA in 1.33): one shard's failure does not stop the others.
      backoffLimitPerIndex: o.retries ?? 2,
      podFailurePolicy: {
        rules: [
          // 1: a card failed; 2: bad cards, config or flags. Another attempt would say the same.
          { action: 'FailIndex', onExitCodes: { containerName: 'cardcheck', operator: 'In', values: [1, 2] } },
          // An evicted or preempted pod is replaced without using up a retry.
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
        ],
      },
      ttlSecondsAfterFinished: 86_400,
      template: podTemplate(o, {
        workingDir: workdir,
        command: ['sh', '-c', podScript(o)],
        env: [
          // Set by the Job controller too; declared here so the volume paths below can use it.
          {
            name: 'JOB_COMPLETION_INDEX',
            valueFrom: {
              fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" },
            },
          },
          { name: 'CARDCHECK_SHARD_TOTAL', value: String(o.shards) },
          { name: 'CI', value: 'true' },
        ],
        ...(o.envSecret ? { envFrom: [{ secretRef: { name: o.envSecret } }] } : {}),
        volumeMounts: [
          { name: VOLUME, mountPath: `${workdir}/.cardcheck`, subPathExpr: `${index}/.cardcheck` },
          { name: VOLUME, mountPath: `${workdir}/reports`, subPathExpr: `${index}/reports` },
        ],
      }),
    },
  };
}

/** The merge Job: run it once the shards' Job is complete; it reads every index's reports from the claim. */
export function k8sMergeJob(o: K8sJobOptions) {
  const name = o.name ?? 'cardcheck';
  const dirs = Array.from({ length: o.shards }, (_, i) => `${SHARDS_MOUNT}/shard-${i}/reports`).join(' ');
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: `${name}-merge`,
      labels: { 'app.kubernetes.io/name': 'cardcheck', 'app.kubernetes.io/component': 'merge' },
    },
    spec: {
      completions: 1,
      parallelism: 1,
      backoffLimit: 0,
      ttlSecondsAfterFinished: 86_400,
      template: podTemplate(o, {
        workingDir: o.workdir ?? '/app',
        command: ['sh', '-c', `exec cardcheck merge-reports ${dirs} --out ${SHARDS_MOUNT}/merged`],
        env: [{ name: 'CI', value: 'true' }],
        volumeMounts: [{ name: VOLUME, mountPath: SHARDS_MOUNT }],
      }),
    },
  };
}

/** The pod of either Job: one `cardcheck` container (the image, never privileged) with the shared volume. */
function podTemplate<C extends object>(o: K8sJobOptions, container: C) {
  return {
    metadata: { labels: { 'app.kubernetes.io/name': 'cardcheck' } },
    spec: {
      restartPolicy: 'Never',
      containers: [
        { name: 'cardcheck', image: o.image, ...container, securityContext: { allowPrivilegeEscalation: false } },
      ],
      volumes: [volume(o)],
    },
  };
}

/** The manifest text `cardcheck k8s-job` prints (the merge Job with `merge`). */
export function k8sManifest(o: K8sJobOptions, merge = false): string {
  const header = [
    `# cardcheck: ${o.shards} shard${o.shards === 1 ? '' : 's'} against ${o.target} as a Kubernetes Indexed Job.`,
    merge
      ? `# Apply once job/${o.name ?? 'cardcheck'} is complete: kubectl wait --for=condition=complete job/${o.name ?? 'cardcheck'}`
      : `# Each index keeps its reports and cleanup journal in shard-<index>/ of the volume; then: cardcheck k8s-job --merge …`,
    ...(o.volumeClaim
      ? []
      : [
          '# No --volume-claim: an emptyDir, lost with each pod. A replaced pod cannot clean up, and merge finds nothing.',
        ]),
  ];
  return `${header.join('\n')}\n${stringify(merge ? k8sMergeJob(o) : k8sJob(o), { lineWidth: 0 })}`;
}
