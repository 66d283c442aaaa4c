import type { RunCardsResult } from '../runner/run-cards-options.js';
import type { RunCommandOptions } from './run-command.js';

/**
 * Why a run has no card, in the words of what the user gave, and whether its
 * reports are written. A shard whose share is empty (more shards than groups
 * of cards) writes them and passes, so merge-reports finds every shard; any
 * other empty run writes nothing, so the last results.json (and with it
 * `--only-failed`) is kept.
 */
export function emptySelection(
  result: Pick<RunCardsResult, 'shard' | 'heldBack' | 'missing'>,
  opts: Pick<RunCommandOptions, 'grep' | 'tag' | 'domain' | 'onlyFailed' | 'shard' | 'out'>,
  paths: readonly string[],
): { message: string; writeReports: boolean } {
  const selected = result.shard?.selected?.length ?? 0;
  if (result.shard && selected > 0)
    return {
      writeReports: true,
      message: `shard ${result.shard.index}/${result.shard.total} has no card: the ${selected} selected card${selected === 1 ? '' : 's'} (in chains kept together) went to the other shards; use fewer shards`,
    };
  const kept = ` (nothing written: the last ${opts.out}/results.json is kept)`;
  const where = paths.length ? paths.join(' ') : 'specs/';
  if (result.heldBack.length)
    return {
      writeReports: false,
      message: `no card left to run: the production target held back every selected card${kept}`,
    };
  if (opts.onlyFailed)
    return {
      writeReports: false,
      message: `--only-failed: the last ${opts.out}/results.json lists no failed, errored or flaky card among ${where}: nothing to re-run${kept}`,
    };
  const filters = [
    opts.grep !== undefined ? `--grep ${opts.grep}` : '',
    opts.tag?.length ? `--tag ${opts.tag.join(',')}` : '',
    opts.domain?.length ? `--domain ${opts.domain.join(',')}` : '',
  ].filter(Boolean);
  if (filters.length)
    return {
      writeReports: false,
      message: `no card in ${where} matches ${filters.join(' and ')}; \`cardcheck lint ${where}\` lists the cards there${kept}`,
    };
  if (result.missing.length) return { writeReports: false, message: `no card selected${kept}` };
  return {
    writeReports: false,
    message: `no card selected: ${where} holds no card files (*.md with an endpoint); give a folder of cards or card files (default: specs/)${kept}`,
  };
}
