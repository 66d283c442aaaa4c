import type { CardResult } from '../core/result.js';
import { JsonSpool } from '../util/json-spool.js';

/**
 * Card results kept on disk instead of in memory, for reports written at the
 * end of a run that streamed its cards: one JSON line per card, appended as
 * each card ends, read back one card at a time by position. The file
 * (`.cardcheck-cards-*.jsonl`, mode 0600) sits in the spool folder (the
 * system's temporary folder unless the reporters are told another), holds
 * the same (already redacted) results as the reports, and is deleted after
 * the reports are written, when the run fails, or at the latest when the
 * process exits (src/util/json-spool.ts).
 */
export class CardSpool extends JsonSpool<CardResult> {
  constructor(dir: string) {
    super(dir, { prefix: 'cards', what: 'the card results' });
  }
}
