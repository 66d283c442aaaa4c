import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalLine } from '../execute/journal.js';
import { pendingEntries } from '../execute/journal.js';
import { seededRandom } from '../util/seeded-random.js';
import { hasPending, parseJournal } from './journal-files.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cc-journal-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = '2026-12-02T00:00:00.000Z';
const created = (key: string, intent?: string): JournalLine => ({
  op: 'created',
  key,
  runId: 'r',
  at,
  file: 'specs/a.md',
  createdBy: 'POST /apps',
  field: 'id',
  id: key,
  cleanups: [],
  ...(intent ? { intent } : {}),
});

/** A journal as a run writes it: each create's intent, then its created or settled line, then maybe its cleanup. */
function journal(seed: number, creates: number): string {
  const random = seededRandom(seed);
  const lines: string[] = [JSON.stringify({ op: 'run', runId: 'r', at, target: 'staging' })];
  for (let i = 0; i < creates; i++) {
    const intent = `r:i${i}`;
    lines.push(
      JSON.stringify({ op: 'intent', key: intent, runId: 'r', at, file: 'specs/a.md', createdBy: 'POST /apps' }),
    );
    const fate = random();
    if (fate < 0.1) continue; // killed before the answer
    if (fate < 0.2) {
      lines.push(JSON.stringify({ op: 'settled', key: intent, at })); // nothing was made
      continue;
    }
    lines.push(JSON.stringify(created(`r:${i}`, intent)));
    if (random() < 0.9) lines.push(JSON.stringify({ op: 'cleaned', key: `r:${i}`, at }));
  }
  return `${lines.join(random() < 0.5 ? '\n' : '\r\n')}\n${random() < 0.5 ? '{"op":"cleaned","ke' : ''}`;
}

describe('hasPending (a journal read one line at a time)', () => {
  it('says what pendingEntries of the whole file says, on journals as runs write them (torn last line, CRLF)', async () => {
    const verdicts: boolean[] = [];
    for (let seed = 1; seed <= 60; seed++) {
      const text = journal(seed, seed % 7);
      const file = path.join(dir, `j${seed}.jsonl`);
      writeFileSync(file, text);
      const whole = pendingEntries(parseJournal(text)).length > 0;
      expect(await hasPending(file), `seed ${seed}`).toBe(whole);
      verdicts.push(whole);
    }
    // Both answers occur: the comparison is not of one kind of journal only.
    expect(new Set(verdicts)).toEqual(new Set([true, false]));
  });

  it('has nothing pending in a journal that is gone or empty', async () => {
    expect(await hasPending(path.join(dir, 'missing.jsonl'))).toBe(false);
    writeFileSync(path.join(dir, 'empty.jsonl'), '');
    expect(await hasPending(path.join(dir, 'empty.jsonl'))).toBe(false);
  });
});
