import type { FrontMatter } from '../core/card.js';
import type { Block } from './markdown.js';
import { textLines } from './markdown.js';

/**
 * What cards without front-matter say in lines before their first section, as teams write them:
 * - `API: rocketchat · docs: https://… · owner: #chatops` (pairs split by `·`, `|` or `;`); `Target: youhodler` is the same;
 * - `Skip: true` with `Skip-Reason: …`, `SKIP (manual): reason`, `SKIP: reason`, or a blockquote `> **SKIP** — reason`.
 * Front-matter wins: a key it has is never overridden.
 */
export interface CardMetadata {
  api?: { value: string; line: number };
  skip?: { reason: string; line: number };
}

const PAIR = /^\s*([A-Za-z][\w -]{0,30}?)\s*:\s*(.+?)\s*$/;
const SKIP_LINE = /^\s*(?:>\s*)?(?:\*\*|__)?SKIP(?:PED)?(?:\s*\([^)]*\))?(?:\*\*|__)?\s*(?:[:—–-]\s*)?(.*)$/;
const TRUE = /^(true|yes|y|1)$/i;
const API_NAME = /^[A-Za-z][\w.-]*$/;

/** The lines before the card's first section heading (the title's paragraph included). */
function leadLines(blocks: readonly Block[]): { text: string; line: number }[] {
  const first = blocks.findIndex((b) => b.kind === 'heading' && b.level >= 2);
  return textLines(first < 0 ? blocks : blocks.slice(0, first));
}

/** A blockquote that starts with SKIP runs on over the next `>` lines: its reason is all of them. */
function quotedReason(lines: { text: string; line: number }[], i: number, first: string): string {
  const parts = [first];
  for (let k = i + 1; k < lines.length && /^\s*>/.test(lines[k]?.text ?? ''); k++)
    parts.push((lines[k]?.text ?? '').replace(/^\s*>\s?/, ''));
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export function readMetadataLines(blocks: readonly Block[]): CardMetadata {
  const out: CardMetadata = {};
  const lines = leadLines(blocks);
  let skipFlag: number | undefined;
  let skipReason = '';
  lines.forEach(({ text, line }, i) => {
    const skip = /^\s*(?:>\s*)?(?:\*\*|__)?SKIP\b/.test(text) ? SKIP_LINE.exec(text) : null;
    if (skip) {
      out.skip ??= { reason: quotedReason(lines, i, skip[1] ?? '') || 'marked SKIP', line };
      return;
    }
    for (const part of text.split(/\s+[·|;]\s+/)) {
      const m = PAIR.exec(part);
      const key = m?.[1]?.toLowerCase().replace(/[\s_-]+/g, '');
      const value = (m?.[2] ?? '').replace(/^`(.*)`$/, '$1');
      if ((key === 'api' || key === 'target') && API_NAME.test(value)) out.api ??= { value, line };
      else if (key === 'skip' && TRUE.test(value)) skipFlag ??= line;
      else if (key === 'skipreason') skipReason ||= value;
    }
  });
  if (skipFlag !== undefined)
    out.skip ??= { reason: skipReason || 'Skip: true (no Skip-Reason given)', line: skipFlag };
  return out;
}

/** The metadata lines' API and skip, where the front-matter says neither. */
export function applyMetadata(fm: FrontMatter, meta: CardMetadata): void {
  if (meta.api && fm.api === undefined) {
    fm.api = meta.api.value;
    fm.keyLines.api ??= meta.api.line;
  }
  if (meta.skip && fm.status === undefined) {
    fm.status = 'skip';
    fm.skipReason ??= meta.skip.reason;
    fm.keyLines.status ??= meta.skip.line;
  }
}
