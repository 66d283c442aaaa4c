import type { RunResult } from '../../src/core/result.js';
import type { ReporterOptions } from '../../src/report/registry.js';
import { createReporters } from '../../src/report/registry.js';
import { ROOT } from './sample-run.js';

export interface Collected {
  out: string[];
  err: string[];
  errors: string[];
  files: { label: string; file: string }[];
}

/** Feed a finished run through reporters as the engine would (start, each card, end) and collect what they print. */
export async function replay(names: string[], run: RunResult, opts: Partial<ReporterOptions> = {}): Promise<Collected> {
  const out: string[] = [];
  const err: string[] = [];
  const set = createReporters(names, {
    outDir: 'reports',
    verbose: false,
    color: false,
    tty: false,
    env: {},
    cwd: ROOT,
    ...opts,
    write: (l) => out.push(l),
    writeErr: (l) => err.push(l),
  });
  set.onEvent({ type: 'run-start', total: run.summary.total, target: run.target, seed: run.seed });
  for (const c of run.cards) {
    set.onEvent({ type: 'card-start', file: c.file, endpoint: c.endpoint, title: c.title });
    set.onEvent({ type: 'card-end', result: c });
  }
  const { errors, files } = await set.finish(run);
  return { out, err, errors, files };
}
