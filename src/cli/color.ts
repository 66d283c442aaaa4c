/**
 * Whether cardcheck's console output is coloured, as Node and the ecosystem
 * decide it (Node's `tty.WriteStream#hasColors`, chalk, picocolors):
 * `FORCE_COLOR` first (`0`/`false` off, anything else on), then `NO_COLOR`
 * and `NODE_DISABLE_COLORS` (off), `TERM=dumb` (off); then a terminal that
 * has colours. GitHub Actions logs show ANSI colours though stdout is a pipe,
 * so they keep colour there.
 */
export function wantsColor(
  env: Readonly<Record<string, string | undefined>>,
  stream: { isTTY?: boolean; hasColors?: (env?: Record<string, string | undefined>) => boolean },
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.NODE_DISABLE_COLORS !== undefined && env.NODE_DISABLE_COLORS !== '') return false;
  if (env.TERM === 'dumb') return false;
  if (env.GITHUB_ACTIONS === 'true') return true;
  if (!stream.isTTY) return false;
  return stream.hasColors ? stream.hasColors({ ...env }) : true;
}
