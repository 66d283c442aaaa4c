import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { discoverCards } from './discover.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('discoverCards', () => {
  it('takes folders, files and globs, skipping README.md, sorted', async () => {
    const { files, missing } = await discoverCards(
      ['specs/youhodler/token-*-error.md', 'specs/vcita/get-app.md', 'specs/*/README.md', 'nothing/**/*.md'],
      ROOT,
    );
    expect(files).toEqual(['specs/vcita/get-app.md', 'specs/youhodler/token-upstream-error.md']);
    expect(missing).toEqual(['specs/*/README.md', 'nothing/**/*.md']);
    const all = await discoverCards(['specs'], ROOT);
    expect(all.files).not.toContain('specs/README.md');
    expect(all.files.length).toBe(52);
  });
});
