import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CardResult } from '../core/result.js';

/**
 * Rewrite the front-matter `verifiedAt`, `status` and `timesReused` lines of
 * a card, leaving every other byte as it was (line endings included). A key
 * that is missing is added just before the closing `---`.
 */
export function updateFrontMatter(text: string, verifiedAt: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  const bom = lines[0]?.startsWith('\ufeff') ? '\ufeff' : '';
  if ((lines[0] ?? '').replace(/^\ufeff/, '').trimEnd() !== '---') return text;
  const close = lines.findIndex((l, i) => i > 0 && l.trimEnd() === '---');
  if (close < 0) return text;
  const set = (key: string, value: (old: string | undefined) => string) => {
    const i = lines.findIndex((l, n) => n > 0 && n < close && new RegExp(`^${key}\\s*:`).test(l));
    if (i >= 0) {
      const old = /:\s*(.*?)\s*$/.exec(lines[i] ?? '')?.[1];
      lines[i] = `${key}: ${value(old)}`;
    } else {
      lines.splice(close, 0, `${key}: ${value(undefined)}`);
    }
  };
  set('status', () => 'success');
  set('verifiedAt', () => verifiedAt);
  set('timesReused', (old) => String((Number.parseInt(old ?? '0', 10) || 0) + 1));
  const out = lines.join(eol);
  return bom && !out.startsWith(bom) ? bom + out : out;
}

/** After a run: record each passing card as verified. Returns the files written. */
export async function updateCards(cards: CardResult[], cwd: string, now = new Date()): Promise<string[]> {
  const written: string[] = [];
  for (const c of cards) {
    if (c.outcome !== 'passed') continue;
    const file = path.resolve(cwd, c.file);
    const before = await readFile(file, 'utf8');
    const after = updateFrontMatter(before, now.toISOString());
    if (after !== before) {
      await writeFile(file, after);
      written.push(c.file);
    }
  }
  return written;
}
