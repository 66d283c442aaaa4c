import { describe, expect, it } from 'vitest';
import { wantsColor } from './color.js';

const tty = { isTTY: true, hasColors: () => true };
const pipe = { isTTY: false };

describe('wantsColor', () => {
  it('FORCE_COLOR turns colour on even into a pipe, and 0 or false turns it off even on a terminal', () => {
    expect(wantsColor({ FORCE_COLOR: '1' }, pipe)).toBe(true);
    expect(wantsColor({ FORCE_COLOR: '' }, pipe)).toBe(true);
    expect(wantsColor({ FORCE_COLOR: '3', NO_COLOR: '1' }, pipe)).toBe(true);
    expect(wantsColor({ FORCE_COLOR: '0' }, tty)).toBe(false);
    expect(wantsColor({ FORCE_COLOR: 'false' }, tty)).toBe(false);
  });

  it('NO_COLOR, NODE_DISABLE_COLORS and TERM=dumb turn it off on a terminal', () => {
    expect(wantsColor({}, tty)).toBe(true);
    expect(wantsColor({ NO_COLOR: '1' }, tty)).toBe(false);
    expect(wantsColor({ NODE_DISABLE_COLORS: '1' }, tty)).toBe(false);
    expect(wantsColor({ TERM: 'dumb' }, tty)).toBe(false);
    // no-color.org: an empty NO_COLOR does not count.
    expect(wantsColor({ NO_COLOR: '' }, tty)).toBe(true);
  });

  it('keeps colour in GitHub Actions logs (a pipe), not in other CI pipes; CI alone does not turn it off', () => {
    expect(wantsColor({ GITHUB_ACTIONS: 'true', CI: 'true' }, pipe)).toBe(true);
    expect(wantsColor({ CI: 'true' }, pipe)).toBe(false);
    expect(wantsColor({ CI: 'true' }, tty)).toBe(true);
    expect(wantsColor({}, pipe)).toBe(false);
  });

  it('asks the terminal whether it has colours', () => {
    expect(wantsColor({}, { isTTY: true, hasColors: () => false })).toBe(false);
  });
});
