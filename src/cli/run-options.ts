import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { StandardsLevel } from '../core/endpoint-kind.js';
import { STANDARDS_LEVELS } from '../core/endpoint-kind.js';
import { CardcheckError } from '../core/errors.js';
import type { TraceMode } from '../core/result.js';
import { TRACE_MODES } from '../core/result.js';
import type { Selection } from '../plan/select-cards.js';

/** `run` flags that select cards, parsed and checked; a bad value is a message, not a stack trace. */
export interface SelectionFlags {
  grep?: string;
  tag?: string[];
  domain?: string[];
  onlyFailed?: boolean;
  shard?: string;
  out: string;
}

/** A flag's value is wrong: the message names the flag, the value and the form it takes. */
const flagError = (message: string) => new CardcheckError('flag-invalid', message);

export function parseShard(text: string): { index: number; total: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const total = Number(m?.[2]);
  if (!m || total < 1 || index < 1 || index > total)
    throw flagError(`--shard ${text}: write it as i/n with 1 ≤ i ≤ n, e.g. --shard 2/3`);
  return { index, total };
}

export function parseCount(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw flagError(`${flag} ${text}: expected a whole number of at least ${min}`);
  return n;
}

/**
 * `--trace`: which cards keep their exchanges. `--verbose` prints every card's exchanges, so it implies `on` unless
 * `--trace` is given. @default retain-on-failure
 */
export function parseTrace(text: string | undefined, verbose: boolean | undefined): TraceMode {
  if (text === undefined) return verbose ? 'on' : 'retain-on-failure';
  if (!(TRACE_MODES as readonly string[]).includes(text))
    throw flagError(`--trace ${text}: expected one of ${TRACE_MODES.join(', ')}`);
  return text as TraceMode;
}

/** `--standards error|warn|off`: every API's standards level for this run; the config's when not given. */
export function parseStandards(text: string | undefined): StandardsLevel | undefined {
  if (text === undefined) return undefined;
  if (!(STANDARDS_LEVELS as readonly string[]).includes(text))
    throw flagError(`--standards ${text}: expected one of ${STANDARDS_LEVELS.join(', ')}`);
  return text as StandardsLevel;
}

/** Files that failed, errored or were flaky in the last results.json of `out`. */
async function lastFailures(cwd: string, out: string): Promise<Set<string>> {
  const file = path.resolve(cwd, out, 'results.json');
  let data: { cards?: { file?: string; outcome?: string }[] };
  try {
    data = JSON.parse(await readFile(file, 'utf8')) as typeof data;
  } catch {
    throw flagError(`--only-failed: there is no readable ${path.relative(cwd, file) || file} from an earlier run`);
  }
  return new Set(
    (data.cards ?? [])
      .filter((c) => c.outcome === 'failed' || c.outcome === 'errored' || c.outcome === 'flaky')
      .map((c) => c.file ?? ''),
  );
}

export async function selectionFrom(flags: SelectionFlags, cwd: string): Promise<Selection | undefined> {
  const s: Selection = {};
  if (flags.grep !== undefined) {
    try {
      s.grep = new RegExp(flags.grep, 'i');
    } catch {
      throw flagError(`--grep ${flags.grep}: not a valid regular expression`);
    }
  }
  if (flags.tag?.length) s.tags = flags.tag.flatMap((t) => t.split(','));
  if (flags.domain?.length) s.domains = flags.domain.flatMap((d) => d.split(','));
  if (flags.onlyFailed) s.files = await lastFailures(cwd, flags.out);
  if (flags.shard) s.shard = parseShard(flags.shard);
  return Object.keys(s).length ? s : undefined;
}
