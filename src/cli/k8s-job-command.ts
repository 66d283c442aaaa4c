import { checkK8sOptions, k8sManifest } from '../ci/k8s-job.js';
import { CardcheckError } from '../core/errors.js';
import type { ExitCode } from './exit-code.js';
import { EXIT } from './exit-code.js';
import { parseCount } from './run-options.js';

export interface K8sJobCommandOptions {
  shards: string;
  image: string;
  target: string;
  volumeClaim?: string;
  name?: string;
  workdir?: string;
  envSecret?: string;
  retries?: string;
  merge?: boolean;
}

/** `cardcheck k8s-job`: prints the Indexed Job manifest (or, with --merge, the merge Job); sends nothing. */
export async function k8sJobCommand(
  paths: string[],
  opts: K8sJobCommandOptions,
  io: { stdout: (line: string) => void; stderr: (line: string) => void },
): Promise<ExitCode> {
  const options = {
    shards: parseCount('--shards', opts.shards, 1) ?? 1,
    image: opts.image,
    target: opts.target,
    volumeClaim: opts.volumeClaim,
    name: opts.name,
    workdir: opts.workdir,
    envSecret: opts.envSecret,
    retries: parseCount('--retries', opts.retries, 0),
    paths: paths.length ? paths : undefined,
  };
  const problems = checkK8sOptions(options);
  if (problems.length) throw new CardcheckError('flag-invalid', problems.join('\n'));
  if (!options.volumeClaim)
    io.stderr(
      'cardcheck: no --volume-claim: each pod keeps its reports and journal in an emptyDir, lost with the pod (a replaced pod cannot clean up; nothing to merge)',
    );
  io.stdout(k8sManifest(options, opts.merge).trimEnd());
  return EXIT.ok;
}
