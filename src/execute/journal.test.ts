import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { Journal } from './journal.js';

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { op: string }).op);

describe('Journal: one open handle, each line on disk when written', () => {
  it('has each line in the file as soon as it is written (what a SIGKILL leaves), the run line once', async () => {
    const j = new Journal(await tempDir('cardcheck-journal-'), 'run-1', { target: 'staging' });
    const intent = j.intent({ file: 'a.md', createdBy: 'POST /apps' });
    expect(lines(j.file)).toEqual(['run', 'intent']);
    const key = j.created({ file: 'a.md', createdBy: 'POST /apps', field: 'id', id: 'x1', cleanups: [], intent });
    j.settled(intent);
    expect(lines(j.file)).toEqual(['run', 'intent', 'created', 'settled']);
    j.close();
    j.cleaned(key);
    j.close();
    expect(lines(j.file)).toEqual(['run', 'intent', 'created', 'settled', 'cleaned']);
  });
});
