import type { JsonObject, JsonValue } from '../core/json.js';
import type { JsonLocation, JsonSpans } from './json-spans.js';

/**
 * One pass over strict JSON (RFC 8259, what JSON.parse accepts) that returns
 * both the value, as JSON.parse builds it, and where every member is written
 * (json-spans.ts: the offsets jsonc-parser's parseTree would give its nodes,
 * without an object per node), so cards can say where things are.
 *
 * It gives up (undefined) on anything else: invalid JSON, whose errors
 * jsonc-parser locates, a `__proto__` key (getNodeValue and JSON.parse
 * disagree on it), or nesting deeper than `maxDepth`. A test compares it with
 * JSON.parse + parseTree on generated JSON.
 */
export function parseJsonFast(
  text: string,
  maxDepth: number,
): { value: JsonValue; root: JsonLocation; spans: JsonSpans | undefined } | undefined {
  try {
    const p = new Parser(text, maxDepth);
    p.space();
    const offset = p.i;
    const spans = p.value(0);
    const root: JsonLocation = { offset, length: p.i - offset, keyOffset: -1 };
    const value = p.v;
    p.space();
    if (p.i !== text.length) return undefined;
    return { value, root, spans };
  } catch (err) {
    if (err === GIVE_UP) return undefined;
    throw err;
  }
}

const GIVE_UP = new Error('not strict JSON');

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class Parser {
  i = 0;
  /** The value the last call read (kept here rather than in a wrapper object per value). */
  v: JsonValue = null;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  space(): void {
    const t = this.text;
    let i = this.i;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.i = i;
  }

  /** Read one value into `v`; the spans of its members when it is an object or array. */
  value(depth: number): JsonSpans | undefined {
    const c = this.text.charCodeAt(this.i);
    if (c === 123) return this.object(depth + 1);
    if (c === 91) return this.array(depth + 1);
    if (c === 34) this.v = this.string();
    else this.literal();
    return undefined;
  }

  private literal(): void {
    const t = this.text;
    const offset = this.i;
    switch (t.charCodeAt(offset)) {
      case 116:
        this.word('true', true);
        break;
      case 102:
        this.word('false', false);
        break;
      case 110:
        this.word('null', null);
        break;
      default: {
        NUMBER.lastIndex = offset;
        const m = NUMBER.exec(t);
        if (!m) throw GIVE_UP;
        this.i += m[0].length;
        this.v = Number(m[0]);
      }
    }
  }

  private word(w: string, value: boolean | null): void {
    if (!this.text.startsWith(w, this.i)) throw GIVE_UP;
    this.i += w.length;
    this.v = value;
  }

  private string(): string {
    const t = this.text;
    let i = this.i + 1;
    let start = i;
    let out = '';
    let escaped = false;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 34) break;
      if (Number.isNaN(c) || c < 0x20) throw GIVE_UP;
      if (c === 92) {
        escaped = true;
        out += t.slice(start, i);
        const e = t[i + 1] ?? '';
        if (e === 'u') {
          const hex = t.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw GIVE_UP;
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          const ch = ESCAPES[e];
          if (ch === undefined) throw GIVE_UP;
          out += ch;
          i += 2;
        }
        start = i;
        continue;
      }
      i++;
    }
    this.i = i + 1;
    return escaped ? out + t.slice(start, i) : t.slice(start, i);
  }

  /** After a member: true at the container's closing bracket `close`, false after a comma (another member follows). */
  private memberEnds(close: number): boolean {
    this.space();
    const c = this.text.charCodeAt(this.i);
    if (c === close) return true;
    if (c !== 44) throw GIVE_UP;
    this.i++;
    this.space();
    return false;
  }

  private object(depth: number): JsonSpans {
    if (depth > this.maxDepth) throw GIVE_UP;
    const t = this.text;
    const spans: number[] = [];
    const keys: string[] = [];
    let kids: (JsonSpans | undefined)[] | undefined;
    const value: JsonObject = {};
    this.i++;
    this.space();
    if (t.charCodeAt(this.i) !== 125) {
      for (;;) {
        if (t.charCodeAt(this.i) !== 34) throw GIVE_UP;
        const keyOffset = this.i;
        const key = this.string();
        if (key === '__proto__') throw GIVE_UP;
        this.space();
        if (t.charCodeAt(this.i) !== 58) throw GIVE_UP;
        this.i++;
        this.space();
        const valueOffset = this.i;
        const nested = this.value(depth);
        if (nested) {
          kids ??= [];
          kids[keys.length] = nested;
        }
        spans.push(keyOffset, valueOffset, this.i - valueOffset);
        keys.push(key);
        value[key] = this.v;
        if (this.memberEnds(125)) break;
      }
    }
    this.i++;
    this.v = value;
    return { spans, keys, kids };
  }

  private array(depth: number): JsonSpans {
    if (depth > this.maxDepth) throw GIVE_UP;
    const spans: number[] = [];
    let kids: (JsonSpans | undefined)[] | undefined;
    const value: JsonValue[] = [];
    this.i++;
    this.space();
    if (this.text.charCodeAt(this.i) !== 93) {
      for (;;) {
        const valueOffset = this.i;
        const nested = this.value(depth);
        if (nested) {
          kids ??= [];
          kids[value.length] = nested;
        }
        spans.push(-1, valueOffset, this.i - valueOffset);
        value.push(this.v);
        if (this.memberEnds(93)) break;
      }
    }
    this.i++;
    this.v = value;
    return { spans, keys: undefined, kids };
  }
}
