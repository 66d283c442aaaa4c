import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CardResult } from '../core/result.js';
import { CardSpool } from './card-spool.js';
import { streamedCards } from './report-cards.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const folder = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'cc-spool-unit-'));
  dirs.push(d);
  return d;
};

const card = (file: string, reason = ''): CardResult => ({
  file,
  line: 1,
  id: file,
  endpoint: 'GET /x',
  title: 'x',
  domain: '',
  tags: [],
  api: 'default',
  outcome: reason ? 'failed' : 'passed',
  reason,
  durationMs: 1,
  checks: [],
  diagnostics: [],
  leftBehind: [],
  requests: [],
  attempts: [],
  documentedStatuses: [200],
});

describe('card spool', () => {
  it('gives back each card as appended, by position and in order, whatever its size and characters', () => {
    const spool = new CardSpool(folder());
    const big = 'é€😀'.repeat(100_000); // 900 kB of UTF-8: more than one write's worth
    const cards = [card('a.md'), card('b.md', big), card('c.md', 'line\nbreak "quoted"'), card('d.md')];
    expect(cards.map((c) => spool.append(c))).toEqual([0, 1, 2, 3]);
    expect(spool.at(2)).toEqual(cards[2]);
    spool.append(card('e.md')); // appending after a read
    expect(spool.at(1).reason).toBe(big);
    expect([...streamedCards(spool).all()].map((c) => c.file)).toEqual(['a.md', 'b.md', 'c.md', 'd.md', 'e.md']);
    // Out of its folder as soon as it is open (a killed run leaves nothing), read through its descriptor.
    const file = spool.path as string;
    const dir = path.dirname(file);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    const open = `/proc/self/fd/${spool.descriptor}`;
    expect(statSync(open).mode & 0o777).toBe(0o600);
    expect(readFileSync(open, 'utf8').split('\n')).toHaveLength(6); // one line per card, and the last newline
    spool.flush();
    spool.dispose();
    spool.dispose();
    expect(existsSync(open) && readlinkSync(open).startsWith(file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("adds each late left-behind resource to its own card's, after those it ended with", () => {
    const spool = new CardSpool(folder());
    const left = { createdBy: 'POST /apps', field: 'id', reason: 'cleanup answered 500' };
    spool.append({ ...card('a.md'), leftBehind: [{ ...left, file: 'a.md', id: '1' }] });
    spool.append(card('b.md'));
    const cards = streamedCards(spool, [
      { ...left, file: 'a.md', id: '2' },
      { ...left, file: 'gone.md', id: '3' },
    ]);
    expect(cards.at(0).leftBehind.map((l) => l.id)).toEqual(['1', '2']);
    expect(cards.at(1).leftBehind).toEqual([]);
    spool.dispose();
  });

  it('keeps a failure to write as a message naming the folder, and never returns a wrong card', () => {
    const parent = folder();
    const notAFolder = path.join(parent, 'file');
    writeFileSync(notAFolder, '');
    const spool = new CardSpool(notAFolder);
    expect([spool.append(card('a.md')), spool.append(card('b.md'))]).toEqual([0, 1]);
    expect(spool.error).toMatch(new RegExp(`^could not keep the card results in ${notAFolder}: EEXIST`));
    expect(() => spool.at(0)).toThrow(spool.error);
    spool.dispose();
    expect(readdirSync(parent)).toEqual(['file']);
  });
});
