import type { Span } from './secret-index.js';

/**
 * A text with its escapes decoded, and for each decoded character the part
 * of the original text it came from, so that a secret found in the decoded
 * text is blanked in the original, escapes and all.
 */
export interface DecodedView {
  text: string;
  /** Decoded character i came from original [from[i], to[i]). */
  from: number[];
  to: number[];
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

const hexAt = (text: string, at: number, digits: number): number => {
  const s = text.slice(at, at + digits);
  return s.length === digits && /^[0-9a-fA-F]+$/.test(s) ? Number.parseInt(s, 16) : -1;
};

/** A JSON string escape at `at` (`\/`, `\n`, `\uXXXX`): what it stands for and its length. */
function jsonEscape(text: string, at: number): [string, number] | undefined {
  const next = text[at + 1] ?? '';
  if (next === 'u') {
    const code = hexAt(text, at + 2, 4);
    return code < 0 ? undefined : [String.fromCharCode(code), 6];
  }
  const simple = SIMPLE_ESCAPES[next];
  return simple === undefined ? undefined : [simple, 2];
}

/** Percent-encoded UTF-8 at `at` (`%2F`, `%2f`, `%C3%A9`): one character and its length, or nothing. */
function percentEscape(text: string, at: number): [string, number] | undefined {
  const lead = hexAt(text, at + 1, 2);
  if (lead < 0) return undefined;
  if (lead < 0x80) return [String.fromCharCode(lead), 3];
  const n = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  if (n === 0) return undefined;
  const bytes = [lead];
  for (let k = 1; k < n; k++) {
    const b = text[at + 3 * k] === '%' ? hexAt(text, at + 3 * k + 1, 2) : -1;
    if (b < 0x80 || b > 0xbf) return undefined;
    bytes.push(b);
  }
  return [Buffer.from(bytes).toString('utf8'), 3 * n];
}

/** One decoding pass over `text`: JSON string escapes and percent-encoding; undefined when there is none. */
function decodeOnce(text: string): DecodedView | undefined {
  if (!text.includes('%') && !text.includes('\\')) return undefined;
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  let changed = false;
  for (let i = 0; i < text.length; ) {
    const c = text[i] as string;
    const decoded = c === '\\' ? jsonEscape(text, i) : c === '%' ? percentEscape(text, i) : undefined;
    const [s, length] = decoded ?? [c, 1];
    if (decoded) changed = true;
    out += s;
    for (let k = 0; k < s.length; k++) {
      from.push(i);
      to.push(i + length);
    }
    i += length;
  }
  return changed ? { text: out, from, to } : undefined;
}

/**
 * `text` decoded as a reader of it would: JSON escapes and percent-encoding,
 * once, then twice over (a percent-encoded URL inside an escaped JSON string).
 * Each level is searched: decoding twice would spoil a secret that itself
 * holds a `\` or a `%`.
 */
export function decodeViews(text: string): DecodedView[] {
  const first = decodeOnce(text);
  const second = first && decodeOnce(first.text);
  if (!first) return [];
  if (!second) return [first];
  return [
    first,
    {
      text: second.text,
      from: second.from.map((f) => first.from[f] as number),
      to: second.to.map((t) => first.to[t - 1] as number),
    },
  ];
}

/** A span of the decoded text, as the span of the original text it came from. */
export const originalSpan = (view: DecodedView, [start, end]: Span): Span => [
  view.from[start] as number,
  view.to[end - 1] as number,
];

/** Characters of base64 and base64url. */
const BASE64_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_') BASE64_CHAR[c.charCodeAt(0)] = 1;
/** Base64 of 6 bytes (the shortest secret tracked) is 8 characters. */
const MIN_RUN = 8;

/** Each base64 (or base64url) run of `text`, 8 characters or more, with its padding. */
export function base64Runs(text: string): { span: Span; run: string }[] {
  const out: { span: Span; run: string }[] = [];
  const n = text.length;
  for (let i = 0; i < n; ) {
    if (BASE64_CHAR[text.charCodeAt(i)] !== 1) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < n && BASE64_CHAR[text.charCodeAt(end)] === 1) end++;
    if (end - i >= MIN_RUN) {
      let stop = end;
      while (stop < n && stop < end + 2 && text[stop] === '=') stop++;
      out.push({ span: [i, stop], run: text.slice(i, end) });
    }
    i = end;
  }
  return out;
}

/** Short runs recur (JSON keys, ids): their decodings are kept, a bounded number of them. */
const decodedRuns = new Map<string, string[]>();
const MEMO_RUN = 64;
const MEMO_SIZE = 4096;

/**
 * What a base64 run decodes to, read from each of its first four characters
 * (a secret's base64 may start anywhere in a longer run).
 */
export function decodeBase64Run(run: string): string[] {
  const known = decodedRuns.get(run);
  if (known) return known;
  const decoded: string[] = [];
  for (let offset = 0; offset < 4 && run.length - offset >= MIN_RUN; offset++)
    decoded.push(Buffer.from(offset === 0 ? run : run.slice(offset), 'base64').toString('utf8'));
  if (run.length <= MEMO_RUN) {
    if (decodedRuns.size >= MEMO_SIZE) decodedRuns.clear();
    decodedRuns.set(run, decoded);
  }
  return decoded;
}
