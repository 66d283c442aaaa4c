/** Values shorter than this are not tracked: blanking them would blank ordinary text. */
export const MIN_LENGTH = 6;

/** A part of a text, [start, end). */
export type Span = [start: number, end: number];

/**
 * Characters compared as one: `+` is a space (form encoding writes a space as
 * `+`), so a secret with a space is found in a form body, and one with a `+`
 * in a form body that decoded `%2B`.
 */
const canon = (code: number) => (code === 43 ? 32 : code);
export const canonical = (value: string) => value.replace(/\+/g, ' ');

/** Polynomial hash of MIN_LENGTH characters in 32-bit integer arithmetic (wrapping, so every step is exact). */
const BASE = 31;
let power = 1;
for (let k = 1; k < MIN_LENGTH; k++) power = Math.imul(power, BASE);
/** BASE^(MIN_LENGTH-1): the weight of the character leaving the window. */
const LEAVING = power;

/** Hash of text[at, at + MIN_LENGTH), characters taken canonically. */
function windowHash(text: string, at: number): number {
  let h = 0;
  for (let k = at; k < at + MIN_LENGTH; k++) h = (Math.imul(h, BASE) + canon(text.charCodeAt(k))) | 0;
  return h;
}

/** The window's hash moved one character on: `leaving` drops out at the left, `entering` comes in at the right. */
function roll(h: number, leaving: number, entering: number): number {
  const out = leaving === 43 ? 32 : leaving;
  const into = entering === 43 ? 32 : entering;
  return (Math.imul((h - Math.imul(out, LEAVING)) | 0, BASE) + into) | 0;
}

/** Whether `value` (canonical) is at `at` in `text`, comparing characters canonically. */
function startsAt(text: string, at: number, value: string): boolean {
  if (at + value.length > text.length) return false;
  for (let k = 0; k < value.length; k++) if (canon(text.charCodeAt(at + k)) !== value.charCodeAt(k)) return false;
  return true;
}

/**
 * Tracked values by a hash of their first MIN_LENGTH characters, longest
 * first in each bucket. A text is scanned once with a rolling hash of that
 * window, so scanning costs the same with ten values or ten thousand, and
 * adding one costs nothing more. (One regular expression of every secret,
 * rebuilt when one was added, made a long run quadratic: every card adds
 * secrets. bench/redact.mjs measures it.)
 */
export class SecretIndex {
  /**
   * Values by the hash of their first window: one value as itself, several longest first. (No set of every value
   * beside it, and no array for a bucket of one: a run of 100,000 cards tracks some 200,000 values.)
   */
  private readonly byPrefix = new Map<number, string | string[]>();
  /**
   * One bit per value of the low 16 bits of every hash in byPrefix: most windows of a text are ruled out here,
   * without a map lookup. 8 KB: the journal makes a small index per created resource (a byte per value was 64 KB
   * to allocate and zero each time).
   */
  private readonly maybe = new Uint8Array(1 << 13);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Track a value; false when it is too short or already tracked. */
  add(value: string): boolean {
    const v = canonical(value);
    if (v.length < MIN_LENGTH) return false;
    const key = windowHash(v, 0);
    const bucket = this.byPrefix.get(key);
    if (bucket === undefined) this.byPrefix.set(key, v);
    else if (typeof bucket === 'string') {
      if (bucket === v) return false;
      this.byPrefix.set(key, bucket.length >= v.length ? [bucket, v] : [v, bucket]);
    } else {
      if (bucket.includes(v)) return false;
      const shorter = bucket.findIndex((b) => b.length < v.length);
      bucket.splice(shorter === -1 ? bucket.length : shorter, 0, v);
    }
    const byte = (key >>> 3) & 0x1fff;
    this.maybe[byte] = (this.maybe[byte] ?? 0) | (1 << (key & 7));
    this.count++;
    return true;
  }

  /** The longest tracked value starting at `at` in `text`, whose first window hashes to `h`. */
  private at(text: string, at: number, h: number): string | undefined {
    if (((this.maybe[(h >>> 3) & 0x1fff] ?? 0) & (1 << (h & 7))) === 0) return undefined;
    const bucket = this.byPrefix.get(h);
    if (typeof bucket === 'string') return startsAt(text, at, bucket) ? bucket : undefined;
    return bucket?.find((v) => startsAt(text, at, v));
  }

  /** Where tracked values are in `text`: left to right, at each position the longest one that starts there. */
  scan(text: string, spans: Span[] = []): Span[] {
    if (this.count === 0 || text.length < MIN_LENGTH) return spans;
    let h = windowHash(text, 0);
    for (let i = 0; i + MIN_LENGTH <= text.length; ) {
      const found = this.at(text, i, h);
      if (found) {
        spans.push([i, i + found.length]);
        i += found.length;
        if (i + MIN_LENGTH <= text.length) h = windowHash(text, i);
        continue;
      }
      if (i + MIN_LENGTH < text.length) h = roll(h, text.charCodeAt(i), text.charCodeAt(i + MIN_LENGTH));
      i++;
    }
    return spans;
  }
}
